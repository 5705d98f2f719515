"""Memberships point at agencies.Agency (no change in the database)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_membership'),
        ('agencies', '0001_initial'),
    ]

    operations = [
        # the tables stay where they are: only Django's idea of which app owns them moves
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='membership',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='agencies.agency'),
                ),
            ],
        ),
    ]
