"""The agency tree moves here from `catalog` (its table, catalog_agency, stays)."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Admin log entries and permissions follow the model to its new app."""
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="agencies", model="agency").exists():
        content_type.objects.filter(app_label="catalog", model="agency").update(
            app_label="agencies"
        )


def move_content_type_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="agencies", model="agency").update(app_label="catalog")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalog', '0005_search_vector'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        # the tables stay where they are: only Django's idea of which app owns them moves
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Agency',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(help_text='网址和命令行中使用，如 fushun-sfj', max_length=40, unique=True, verbose_name='代码')),
                        ('name', models.CharField(max_length=100, verbose_name='名称')),
                        ('short_name', models.CharField(blank=True, max_length=40, verbose_name='简称')),
                        ('kind', models.CharField(choices=[('government', '人民政府'), ('department', '政府部门'), ('sub_unit', '下属单位'), ('supervising_office', '政务公开主管部门')], default='department', max_length=20, verbose_name='类型')),
                        ('office_name', models.CharField(blank=True, max_length=100, verbose_name='政府信息公开工作机构')),
                        ('office_address', models.CharField(blank=True, max_length=200, verbose_name='办公地址')),
                        ('office_postcode', models.CharField(blank=True, max_length=10, verbose_name='邮政编码')),
                        ('office_hours', models.CharField(blank=True, max_length=100, verbose_name='办公时间')),
                        ('office_phone', models.CharField(blank=True, max_length=40, verbose_name='联系电话')),
                        ('office_fax', models.CharField(blank=True, max_length=40, verbose_name='传真')),
                        ('office_email', models.EmailField(blank=True, max_length=254, verbose_name='电子邮箱')),
                        ('letter_prefix', models.CharField(blank=True, help_text='答复书等文书编号的代字，如“抚司公开”，编号形如 抚司公开〔2026〕12号', max_length=20, validators=[django.core.validators.RegexValidator('^[\\u4e00-\\u9fff]{1,10}$', '文书代字应为汉字，如“抚司公开”')], verbose_name='文书代字')),
                        ('review_body', models.CharField(blank=True, help_text='答复书救济途径中写明的行政复议机关，如“抚顺市人民政府”；不填写时写作“本级人民政府或上一级主管部门”', max_length=100, verbose_name='行政复议机关')),
                        ('index_code', models.CharField(blank=True, max_length=20, validators=[django.core.validators.RegexValidator('^(?:[0-9A-Z]{18}|\\d{8}-[0-9X]|\\d{9})$', '应为18位统一社会信用代码、组织机构代码或9位机关代码')], verbose_name='索引号前缀')),
                        ('index_pattern', models.CharField(default='{code}/{year}-{serial:05d}', help_text='可用 {code} {year} {month:02d} {serial:05d}，如 {code}/{year}{month:02d}-{serial:05d}', max_length=60, verbose_name='索引号格式')),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='agencies.agency', verbose_name='上级机关')),
                    ],
                    options={
                        'verbose_name': '机关',
                        'verbose_name_plural': '机关',
                        'db_table': 'catalog_agency',
                        'ordering': ['code'],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
