"""The agency tree moved to `agencies` (no change in the database)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_agency_moved'),
        ('agencies', '0001_initial'),
        ('applications', '0003_agency_and_holidays_moved'),
        ('catalog', '0005_search_vector'),
        ('disputes', '0002_agency_moved'),
        ('reports', '0003_agency_and_complaint_moved'),
        ('supervision', '0001_initial'),
        ('holidays', '0001_initial'),
    ]

    operations = [
        # the tables stay where they are: only Django's idea of which app owns them moves
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='annualfigures',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='annual_figures', to='agencies.agency'),
                ),
                migrations.AlterField(
                    model_name='item',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='items', to='agencies.agency'),
                ),
                migrations.AlterField(
                    model_name='column',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='columns', to='agencies.agency'),
                ),
                migrations.AlterField(
                    model_name='indexseries',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='agencies.agency'),
                ),
                migrations.AlterField(
                    model_name='section',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sections', to='agencies.agency'),
                ),
                migrations.DeleteModel(
                    name='Agency',
                ),
            ],
        ),
    ]
