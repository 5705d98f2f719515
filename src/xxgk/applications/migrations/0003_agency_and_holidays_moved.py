"""Agencies and holiday schedules moved to their own apps (no change in the database)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        ('applications', '0002_lettertemplate'),
        ('holidays', '0001_initial'),
    ]

    operations = [
        # the tables stay where they are: only Django's idea of which app owns them moves
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(
                    name='HolidaySchedule',
                ),
                migrations.AlterField(
                    model_name='application',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='agencies.agency'),
                ),
                migrations.AlterField(
                    model_name='letterseries',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='agencies.agency'),
                ),
                migrations.AlterField(
                    model_name='lettertemplate',
                    name='agency',
                    field=models.ForeignKey(blank=True, help_text='不选择机关时为本系统所有机关的默认模板', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='letter_templates', to='agencies.agency', verbose_name='机关'),
                ),
            ],
        ),
    ]
