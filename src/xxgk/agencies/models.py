"""Agencies (机关) in a tree: the organisation every other app hangs on — its kind, its
parent, the disclosure office and its contact details (art. 4; the guide, art. 12), how its acts
are reviewed (行政复议, see `remedies.py`), and the codes that number its catalog and its
letters.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Agency(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("人民政府")
        DEPARTMENT = "department", _("政府部门")
        SUB_UNIT = "sub_unit", _("下属单位")
        SUPERVISING_OFFICE = "supervising_office", _("政务公开主管部门")

    class ReviewRoute(models.TextChoices):
        """Who reviews the agency's acts (行政复议法, revised 2023); `remedies.review_bodies`."""

        TREE = "tree", _("按上级机关确定：部门向本级人民政府，人民政府向上一级人民政府")
        VERTICAL = "vertical", _("垂直领导的机关、税务和国家安全机关：向上一级主管部门")
        JUSTICE = "justice", _("司法行政部门：向本级人民政府或者上一级司法行政部门")
        SELF = "self", _("国务院部门、省级人民政府：向本机关")

    code = models.SlugField(
        _("代码"), max_length=40, unique=True, help_text=_("网址和命令行中使用，如 fushun-sfj")
    )
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # the disclosure office (政府信息公开工作机构), art. 4 and the guide (art. 12)
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    office_fax = models.CharField(_("传真"), max_length=40, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    letter_prefix = models.CharField(
        _("文书代字"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(r"^[\u4e00-\u9fff]{1,10}$", _("文书代字应为汉字，如“抚司公开”"))
        ],
        help_text=_("答复书等文书编号的代字，如“抚司公开”，编号形如 抚司公开〔2026〕12号"),
    )
    withholding_needs_approval = models.BooleanField(
        _("不予公开等答复须经负责人审批"),
        default=False,
        help_text=_(
            "选中后，不予公开、部分公开、无法提供、不予处理的答复须经政府信息公开工作机构负责人审批后才能作出"
        ),
    )
    review_route = models.CharField(
        _("行政复议途径"),
        max_length=20,
        choices=ReviewRoute.choices,
        default=ReviewRoute.TREE,
        help_text=_(
            "答复书、公开指南和办理进度页面写明的行政复议机关由此和上级机关确定"
            "（《中华人民共和国行政复议法》第二十四条至第二十八条）"
        ),
    )
    review_body = models.CharField(
        _("指定的行政复议机关"),
        max_length=100,
        blank=True,
        help_text=_(
            "仅在按上级机关确定的结果不适用时填写，如“国家税务总局示范省税务局”；"
            "两个机关均可受理的，写作“示范市人民政府或者示范省司法厅”。填写后一律写作此处的内容"
        ),
    )
    # the catalog (目录): 索引号 = index_code + "/" + year + "-" + serial (official-spec D.3)
    index_code = models.CharField(
        _("索引号前缀"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^(?:[0-9A-Z]{18}|\d{8}-[0-9X]|\d{9})$",
                _("应为18位统一社会信用代码、组织机构代码或9位机关代码"),
            )
        ],
    )
    index_pattern = models.CharField(
        _("索引号格式"),
        max_length=60,
        default="{code}/{year}-{serial:05d}",
        help_text=_(
            "可用 {code} {year} {month:02d} {serial:05d}，如 {code}/{year}{month:02d}-{serial:05d}"
        ),
    )

    # the footer of the agency's portal pages (政府网站发展指引); blank: the cluster's values
    site_sponsor = models.CharField(_("网站主办单位"), max_length=100, blank=True)
    site_operator = models.CharField(_("网站承办单位"), max_length=100, blank=True)
    site_code = models.CharField(
        _("网站标识码"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9A-Za-z]{6,20}$", _("网站标识码应为6–20位数字或字母"))],
    )

    class Meta:
        db_table = "catalog_agency"  # created by catalog's first migration; moved, not copied
        verbose_name = _("机关")
        verbose_name_plural = _("机关")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.GOVERNMENT and self.review_route in (
            self.ReviewRoute.VERTICAL,
            self.ReviewRoute.JUSTICE,
        ):
            raise ValidationError(
                {"review_route": _("人民政府的行政复议途径只能按机关树确定或者向本机关")}
            )

    def descendants(self) -> list[Agency]:
        """Every agency below this one (subordinates, their sub-units, …)."""
        out: list[Agency] = []
        frontier = [self.pk]
        while frontier:
            children = list(Agency.objects.filter(parent_id__in=frontier))
            out.extend(children)
            frontier = [c.pk for c in children]
        return out
