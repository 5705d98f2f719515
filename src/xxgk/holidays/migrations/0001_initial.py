"""The holiday schedules move here from `applications` (table applications_holidayschedule stays)."""

from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Admin log entries and permissions follow the model to its new app."""
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="holidays", model="holidayschedule").exists():
        content_type.objects.filter(app_label="applications", model="holidayschedule").update(
            app_label="holidays"
        )


def move_content_type_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="holidays", model="holidayschedule").update(app_label="applications")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('applications', '0002_lettertemplate'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        # the tables stay where they are: only Django's idea of which app owns them moves
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='HolidaySchedule',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='年度')),
                        ('holidays', models.TextField(help_text='每行一个日期或日期范围，如 2027-01-01 或 2027-02-06~2027-02-12', verbose_name='放假日期')),
                        ('workdays', models.TextField(blank=True, help_text='周末调休上班的日期，每行一个', verbose_name='调休上班日期')),
                        ('source', models.CharField(blank=True, help_text='如 国办发明电〔2026〕X号', max_length=200, verbose_name='依据')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': '节假日安排',
                        'verbose_name_plural': '节假日安排',
                        'db_table': 'applications_holidayschedule',
                        'ordering': ['-year'],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
