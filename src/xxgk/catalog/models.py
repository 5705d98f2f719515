"""Each agency's portal sections and columns, and its proactively disclosed items with versions,
confidentiality reviews and attachments (arts. 19–26). The agencies themselves are
`xxgk.agencies`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.agencies.models import Agency


class Section(models.Model):
    """板块 of an agency's disclosure portal."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(_("板块名称"), max_length=50)
    slug = models.SlugField(_("路径"), max_length=40)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("板块")
        verbose_name_plural = _("板块")
        ordering = ["agency", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="section_slug_per_agency")
        ]

    def __str__(self) -> str:
        return self.name


class Column(models.Model):
    """栏目: where items are listed. `content_kind` is the default kind of its items."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="columns")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="columns")
    name = models.CharField(_("栏目名称"), max_length=50)
    slug = models.SlugField(_("路径"), max_length=40)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    description = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["agency", "section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="column_slug_per_agency")
        ]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """主题分类 (official-spec D.4): a two-level tree, configurable."""

    name = models.CharField(_("名称"), max_length=50)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name


# What the public may see: published and proactively disclosed. The one definition — the
# queryset's `public()`, `Item.is_public` and the partial indexes' condition all read it.
PUBLIC = {"status": "published", "mode": "proactive"}
PUBLIC_Q = models.Q(**PUBLIC)


class ItemQuerySet(models.QuerySet):
    def public(self) -> ItemQuerySet:
        """Published and proactively disclosed: what the portal, search and feeds show."""
        return self.filter(PUBLIC_Q)


class Item(models.Model):
    """One piece of proactively disclosed information, with its catalog metadata."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        IN_REVIEW = "in_review", _("待保密审查")
        PUBLISHED = "published", _("已发布")
        WITHDRAWN = "withdrawn", _("已撤回")

    class Mode(models.TextChoices):
        PROACTIVE = "proactive", _("主动公开")
        ON_APPLICATION = "on_application", _("依申请公开")
        NOT_DISCLOSED = "not_disclosed", _("不予公开")

    class ContentKind(models.TextChoices):
        OVERVIEW = "overview", _("概况类信息")
        NEWS = "news", _("政务动态信息")
        CATALOG = "catalog", _("信息公开目录信息")

    class Genre(models.TextChoices):
        RULE = "rule", _("规章")
        NORMATIVE = "normative", _("行政规范性文件")
        OTHER_DOCUMENT = "document", _("其他文件")
        INTERPRETATION = "interpretation", _("政策解读")
        NEWS = "news", _("工作动态")
        CLARIFICATION = "clarification", _("信息澄清")
        OTHER = "other", _("其他")

    class Validity(models.TextChoices):
        VALID = "valid", _("有效")
        AMENDED = "amended", _("已修改")
        REPEALED = "repealed", _("废止")
        EXPIRED = "expired", _("失效")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="items")
    column = models.ForeignKey(Column, on_delete=models.PROTECT, related_name="items")
    title = models.CharField(_("标题"), max_length=300)
    index_number = models.CharField(_("索引号"), max_length=60, unique=True, null=True, blank=True)
    document_number = models.CharField(_("文号"), max_length=80, blank=True)
    issuer = models.CharField(_("发布机构"), max_length=100, blank=True)
    formed_on = models.DateField(_("成文日期"))
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    topic = models.ForeignKey(
        Topic, verbose_name=_("主题分类"), null=True, blank=True, on_delete=models.SET_NULL
    )
    genre = models.CharField(
        _("体裁"), max_length=20, choices=Genre.choices, default=Genre.OTHER_DOCUMENT
    )
    mode = models.CharField(
        _("公开方式"), max_length=20, choices=Mode.choices, default=Mode.PROACTIVE
    )
    mode_reason = models.CharField(_("不主动公开的理由"), max_length=200, blank=True)
    content_kind = models.CharField(
        _("信息类别"), max_length=20, choices=ContentKind.choices, default=ContentKind.CATALOG
    )
    summary = models.CharField(_("内容概述"), max_length=200, blank=True)
    body = models.TextField(_("正文"), blank=True)  # sanitised HTML (nh3)
    validity = models.CharField(_("有效性"), max_length=20, choices=Validity.choices, blank=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    repealed_on = models.DateField(_("废止或失效日期"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("修改或替代文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    interprets = models.ManyToManyField(
        "self",
        verbose_name=_("所解读的文件"),
        blank=True,
        symmetrical=False,
        related_name="interpretations",
    )
    clarifies = models.ForeignKey(
        "self",
        verbose_name=_("所澄清的信息"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    late = models.BooleanField(
        _("超过20个工作日发布"), default=False
    )  # art. 26, computed on publishing
    search_text = models.TextField(editable=False, blank=True)  # segmented tokens (catalog.search)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("公开信息")
        verbose_name_plural = _("公开信息")
        ordering = ["-published_on", "-pk"]
        indexes = [
            models.Index(fields=["agency", "status", "published_on"], name="item_agency_published"),
            models.Index(fields=["column", "status", "published_on"], name="item_column_published"),
            # the public items newest first: the portal's lists, counts and search results
            models.Index(
                fields=["-published_on", "-id"], condition=PUBLIC_Q, name="item_public_newest"
            ),
            models.Index(
                fields=["column", "-published_on", "-id"],
                condition=PUBLIC_Q,
                name="item_public_column",
            ),
            models.Index(
                fields=["agency", "-published_on", "-id"],
                condition=PUBLIC_Q,
                name="item_public_agency",
            ),
            # the open API's filters (api.queries): a rare genre, validity or topic is found
            # newest first without reading the whole catalog
            models.Index(
                fields=["topic", "-published_on", "-id"],
                condition=PUBLIC_Q,
                name="item_public_topic",
            ),
            models.Index(
                fields=["genre", "-published_on", "-id"],
                condition=PUBLIC_Q,
                name="item_public_genre",
            ),
            models.Index(
                fields=["validity", "-published_on", "-id"],
                condition=PUBLIC_Q,
                name="item_public_validity",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return all(getattr(self, name) == value for name, value in PUBLIC.items())


class ItemVersion(models.Model):
    """Every version is kept. The item's own fields are what the public sees; a revision of a
    published item waits here (`pending`) until its review, and only then replaces them."""

    class State(models.TextChoices):
        PENDING = "pending", _("待审查")
        PUBLISHED = "published", _("已发布")
        RETURNED = "returned", _("已退回")
        DRAFT = "draft", _("草稿")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    metadata = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="one_version_number")
        ]


class Review(models.Model):
    """保密审查 (art. 17): nothing is published without an approving review of that version."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("同意发布")
        RETURNED = "returned", _("退回修改")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reviews")
    version = models.PositiveIntegerField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("审查结论"), max_length=20, choices=Decision.choices)
    opinion = models.TextField(_("审查意见"))
    reviewed_on = models.DateField(_("审查日期"))

    class Meta:
        verbose_name = _("保密审查")
        verbose_name_plural = _("保密审查")
        ordering = ["item", "reviewed_on", "pk"]


class Attachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")


class ItemEvent(models.Model):
    """Who did what to an item, and when (the audit trail of the catalog)."""

    class Kind(models.TextChoices):
        DRAFTED = "drafted", _("起草")
        EDITED = "edited", _("修改")
        SUBMITTED = "submitted", _("提交审查")
        APPROVED = "approved", _("审查通过")
        RETURNED = "returned", _("审查退回")
        PUBLISHED = "published", _("发布")
        REVISED = "revised", _("修订")
        WITHDRAWN = "withdrawn", _("撤回")
        VALIDITY_CHANGED = "validity_changed", _("有效性变更")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]


class IndexSeries(models.Model):
    """Per agency and year, the last 索引号 serial used: numbers are never reused."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_index_series_per_year")
        ]


class AnnualFigures(models.Model):
    """Table 二 figures that come from other systems (licensing, penalties, coercion, fees),
    entered by staff or imported from CSV, per agency and year."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="annual_figures")
    year = models.PositiveSmallIntegerField(_("年度"))
    licensing_decisions = models.PositiveIntegerField(
        _("行政许可处理决定数量"), null=True, blank=True
    )
    penalty_decisions = models.PositiveIntegerField(
        _("行政处罚处理决定数量"), null=True, blank=True
    )
    coercion_decisions = models.PositiveIntegerField(
        _("行政强制处理决定数量"), null=True, blank=True
    )
    fee_amount = models.DecimalField(
        _("行政事业性收费金额（万元）"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("表二业务数据")
        verbose_name_plural = _("表二业务数据")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_figures_per_year")
        ]
