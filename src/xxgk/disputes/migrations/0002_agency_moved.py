"""Cases point at agencies.Agency (no change in the database)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        ('disputes', '0001_initial'),
    ]

    operations = [
        # the tables stay where they are: only Django's idea of which app owns them moves
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='case',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dispute_cases', to='agencies.agency'),
                ),
            ],
        ),
    ]
