"""Forms of the catalog's staff pages and the portal's search. Forms only check and clean
input; every change goes through `services` (or `uploads`, `figures`), whose refusals the
views show on the form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.agencies.models import Agency
from xxgk.forms import DateInput, chinese_messages

from . import services, uploads
from .models import Column, Item, Topic


class XxgkForm(forms.Form):
    required_css_class = "required"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels stand above their fields
        super().__init__(*args, **kwargs)
        chinese_messages(self)


def _int_or_none(value: str) -> int | None:
    return int(value) if value not in (None, "") else None


def topic_choices() -> list:
    """主题分类 grouped by their top level (a top level can be chosen itself)."""
    topics = list(Topic.objects.select_related("parent").order_by("order", "pk"))
    children: dict[int, list[Topic]] = {}
    for t in topics:
        if t.parent_id:
            children.setdefault(t.parent_id, []).append(t)
    out: list = [("", _("（不分类）"))]
    for top in (t for t in topics if t.parent_id is None):
        subs = children.get(top.pk, [])
        if subs:
            out.append((top.name, [(str(top.pk), top.name)] + [(str(s.pk), str(s)) for s in subs]))
        else:
            out.append((str(top.pk), top.name))
    return out


def column_choices(agencies: list[Agency]) -> list:
    """Columns grouped by section (and by agency when there are several)."""
    columns = (
        Column.objects.filter(agency__in=agencies)
        .select_related("agency", "section")
        .order_by("agency__code", "section__order", "section_id", "order", "pk")
    )
    groups: dict[str, list] = {}
    for c in columns:
        group = c.section.name if len(agencies) == 1 else f"{c.agency.name} · {c.section.name}"
        groups.setdefault(group, []).append((str(c.pk), c.name))
    return [("", _("（请选择栏目）")), *groups.items()]


def document_choices(agency_ids, *, exclude: int | None = None) -> list:
    """Published documents of the agencies, newest first (for 所解读的文件, 替代文件)."""
    qs = (
        Item.objects.filter(agency_id__in=list(agency_ids), status=Item.Status.PUBLISHED)
        .exclude(genre=Item.Genre.INTERPRETATION)
        .order_by("-published_on", "-pk")
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return [
        (str(i.pk), f"{i.title}（{i.document_number}）" if i.document_number else i.title)
        for i in qs[:300]
    ]


class ItemForm(XxgkForm):
    """The draft: where it goes, its catalog metadata and its text."""

    column = forms.ChoiceField(label=gettext_lazy("栏目"))
    title = forms.CharField(label=gettext_lazy("标题"), max_length=300)
    document_number = forms.CharField(
        label=gettext_lazy("文号"),
        max_length=80,
        required=False,
        help_text=gettext_lazy("发文字号，如 示环发〔2026〕3号；没有文号的不填"),
    )
    issuer = forms.CharField(
        label=gettext_lazy("发布机构"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("写全称，不写简称；不填时显示本机关名称"),
    )
    formed_on = forms.DateField(
        label=gettext_lazy("成文日期"),
        widget=DateInput,
        help_text=gettext_lazy("信息形成或变更之日；应自该日起20个工作日内公开（第二十六条）"),
    )
    topic = forms.ChoiceField(label=gettext_lazy("主题分类"), required=False)
    genre = forms.ChoiceField(
        label=gettext_lazy("体裁"), choices=Item.Genre.choices, initial=Item.Genre.OTHER_DOCUMENT
    )
    content_kind = forms.ChoiceField(
        label=gettext_lazy("信息类别"),
        choices=Item.ContentKind.choices,
        initial=Item.ContentKind.CATALOG,
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("公开方式"),
        choices=Item.Mode.choices,
        widget=forms.RadioSelect,
        initial=Item.Mode.PROACTIVE,
    )
    mode_reason = forms.CharField(
        label=gettext_lazy("依申请公开或不予公开的理由"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "选择依申请公开或不予公开时必填；只有主动公开的信息会在门户网站发布"
        ),
    )
    summary = forms.CharField(
        label=gettext_lazy("内容概述"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("不超过200字，显示在目录和检索结果中"),
    )
    body = forms.CharField(
        label=gettext_lazy("正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=gettext_lazy(
            "可直接输入文字，或粘贴HTML（段落、标题、列表、表格、链接）；脚本、样式和事件属性会被自动清除"
        ),
    )
    validity = forms.ChoiceField(
        label=gettext_lazy("有效性"),
        required=False,
        choices=[("", gettext_lazy("（不适用）")), *Item.Validity.choices],
        help_text=gettext_lazy("规章和行政规范性文件不填时为“有效”"),
    )
    effective_on = forms.DateField(label=gettext_lazy("施行日期"), required=False, widget=DateInput)
    interprets = forms.MultipleChoiceField(
        label=gettext_lazy("所解读的文件"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=gettext_lazy("体裁为“政策解读”时选择所解读的文件，可按住Ctrl键多选"),
    )

    def __init__(self, *args, agencies: list[Agency], item: Item | None = None, **kwargs):
        if item is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(item)
        super().__init__(*args, **kwargs)
        self.agencies = agencies
        self.fields["column"].choices = column_choices(agencies)
        self.fields["topic"].choices = topic_choices()
        self.fields["interprets"].choices = document_choices(
            [a.pk for a in agencies], exclude=item.pk if item else None
        )

    @staticmethod
    def initial_from(item: Item) -> dict:
        return {
            "column": str(item.column_id),
            "title": item.title,
            "document_number": item.document_number,
            "issuer": item.issuer,
            "formed_on": item.formed_on,
            "topic": str(item.topic_id or ""),
            "genre": item.genre,
            "content_kind": item.content_kind,
            "mode": item.mode,
            "mode_reason": item.mode_reason,
            "summary": item.summary,
            "body": item.body,
            "validity": item.validity,
            "effective_on": item.effective_on,
            "interprets": [str(pk) for pk in item.interprets.values_list("pk", flat=True)],
        }

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("mode") and data["mode"] != Item.Mode.PROACTIVE:
            if not (data.get("mode_reason") or "").strip():
                self.add_error("mode_reason", _("依申请公开或不予公开的信息须写明理由"))
        return data

    def chosen_column(self) -> Column:
        return Column.objects.select_related("agency").get(pk=self.cleaned_data["column"])

    def to_input(self) -> services.ItemInput:
        d = self.cleaned_data
        return services.ItemInput(
            title=d["title"],
            formed_on=d["formed_on"],
            body=d.get("body") or "",
            column_id=int(d["column"]),
            document_number=d.get("document_number", "").strip(),
            issuer=d.get("issuer", "").strip(),
            topic_id=_int_or_none(d.get("topic")),
            genre=d["genre"],
            mode=d["mode"],
            mode_reason=d.get("mode_reason", "").strip(),
            content_kind=d["content_kind"],
            summary=d.get("summary", "").strip(),
            validity=d.get("validity") or "",
            effective_on=d.get("effective_on"),
            interprets=[int(pk) for pk in d.get("interprets") or []],
        )


class ReviseForm(ItemForm):
    reason = forms.CharField(
        label=gettext_lazy("修订理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("修订版本经保密审查同意后替换已发布的内容"),
    )


class SubmitForm(XxgkForm):
    """Submitting a draft for confidentiality review: nothing to fill in."""


class ReviewForm(XxgkForm):
    decision = forms.ChoiceField(
        label=gettext_lazy("审查结论"),
        choices=[
            ("approve", gettext_lazy("同意发布")),
            ("return", gettext_lazy("退回修改")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=gettext_lazy("审查意见"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("是否涉及国家秘密、商业秘密、个人隐私，是否可能危及安全和稳定"),
    )


class WithdrawForm(XxgkForm):
    reason = forms.CharField(
        label=gettext_lazy("撤回理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ValidityForm(XxgkForm):
    validity = forms.ChoiceField(label=gettext_lazy("有效性"), choices=Item.Validity.choices)
    on = forms.DateField(
        label=gettext_lazy("变更日期"),
        widget=DateInput,
        help_text=gettext_lazy("废止或失效的，为废止或失效之日"),
    )
    replaced_by = forms.ChoiceField(label=gettext_lazy("修改或替代文件"), required=False)
    reason = forms.CharField(label=gettext_lazy("说明"), max_length=500, required=False)

    def __init__(self, *args, item: Item, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "validity": item.validity or Item.Validity.VALID,
                "on": timezone.localdate(),
                "replaced_by": str(item.replaced_by_id or ""),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].choices = [
            ("", _("（无）")),
            *document_choices([item.agency_id], exclude=item.pk),
        ]

    def replacement(self) -> Item | None:
        pk = _int_or_none(self.cleaned_data.get("replaced_by"))
        return Item.objects.filter(pk=pk).first() if pk else None


class AttachmentForm(XxgkForm):
    file = forms.FileField(
        label=gettext_lazy("附件文件"),
        help_text=gettext_lazy("PDF、DOCX、XLSX、OFD、JPG、PNG 文件，每个不超过20 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT}),
    )


class RemoveAttachmentForm(XxgkForm):
    attachment = forms.IntegerField(widget=forms.HiddenInput)


# ------------------------------------------------------------------ table 二 figures


class FiguresForm(XxgkForm):
    licensing = forms.IntegerField(
        label=gettext_lazy("行政许可处理决定数量"), min_value=0, required=False
    )
    penalty = forms.IntegerField(
        label=gettext_lazy("行政处罚处理决定数量"), min_value=0, required=False
    )
    coercion = forms.IntegerField(
        label=gettext_lazy("行政强制处理决定数量"), min_value=0, required=False
    )
    fee_wan = forms.DecimalField(
        label=gettext_lazy("行政事业性收费金额（万元）"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=4,
        required=False,
        help_text=gettext_lazy("单位万元，最多4位小数；没有收费的填0，未统计的留空"),
    )


class FiguresImportForm(XxgkForm):
    file = forms.FileField(
        label=gettext_lazy("CSV文件"),
        help_text=gettext_lazy(
            "表头：agency_code,year,licensing,penalty,coercion,fee_wan；UTF-8或GB18030编码"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


# ------------------------------------------------------------------ the portal's search


def year_choices(today: dt.date | None = None) -> list[tuple[str, str]]:
    today = today or timezone.localdate()
    return [("", _("全部年份"))] + [(str(y), str(y)) for y in range(today.year, 2007, -1)]
