"""Complaints move here from `reports` (table reports_complaint stays)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Admin log entries and permissions follow the model to its new app."""
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="supervision", model="complaint").exists():
        content_type.objects.filter(app_label="reports", model="complaint").update(
            app_label="supervision"
        )


def move_content_type_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="supervision", model="complaint").update(app_label="reports")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('agencies', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('reports', '0002_complaint'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        # the tables stay where they are: only Django's idea of which app owns them moves
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Complaint',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=20, unique=True, verbose_name='查询码')),
                        ('name', models.CharField(max_length=100, verbose_name='举报人姓名')),
                        ('contact', models.CharField(max_length=100, verbose_name='联系方式')),
                        ('text', models.TextField(verbose_name='举报内容')),
                        ('status', models.CharField(choices=[('received', '已收到'), ('answered', '已答复')], default='received', max_length=20, verbose_name='状态')),
                        ('received_at', models.DateTimeField(verbose_name='收到时间')),
                        ('answer', models.TextField(blank=True, verbose_name='答复')),
                        ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='答复时间')),
                        ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to='agencies.agency', verbose_name='被举报机关')),
                        ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': '举报',
                        'verbose_name_plural': '举报',
                        'db_table': 'reports_complaint',
                        'ordering': ['received_at', 'pk'],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
