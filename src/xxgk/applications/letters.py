"""Letters (文书): the reply to an application and the notices of the procedure, as Word files.

What a letter says comes from the case: the decision (ground, legal basis, summary, withheld
parts), the events (correction requested, extension) and the fee notice. How it looks comes
from a .docx template with `{{placeholders}}` (see `PLACEHOLDERS`): an agency's uploaded
`LetterTemplate` wins over the deployment's, which wins over the one shipped in
`letter_templates/` (built by `letter_docx.py`). Filling is run-safe (`letter_docx.fill`).

Templates, one per kind:

- five reply families (`family(ground)`): 予以公开/已主动公开, 部分公开 (the withheld parts and
  their grounds), 不予公开 (with the article), 无法提供 (不存在 / 非本机关 — with the responsible
  agency when known / 需另行制作 / 补正后仍不明确), 不予处理 (信访举报投诉 / 重复申请 / 公开出版物
  / 大量反复 / 确认或重新出具). Within a family the ground's own sentence (`GROUND_TEXT`) fills
  `{{finding}}根据{{legal_basis}}的规定，{{conclusion}}`; every reply ends with the remedy notice
  (救济途径) naming `Agency.review_body`.
- 补正告知书 (art. 30), 延期答复告知书 (art. 33), 收费通知书 (art. 42, 国办函〔2020〕109号).

Numbering: every letter, not only the reply, takes the next number of its agency's one series
for the year (`抚司公开〔2026〕12号`): the correction, extension and fee notices are served on the
applicant and can be challenged like the reply, delivery records (`services.record_delivery`)
cite the number, and an agency keeps one register of what it sends. Numbers are never reused:
the series row is locked (`select_for_update`) and only moves forward; a letter made again
(`reissue=True`) takes a new number and the event says which number it replaces.

Letters are dated on the day of the act they notify (the decision date, the day the correction
or extension was decided, the fee notice date), and numbered in that date's year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.files.base import ContentFile
from django.db import transaction

from xxgk.accounts.models import User
from xxgk.errors import ActionRefused

from . import letter_docx
from .casefile import lock, record, require_handler
from .letter_notices import NOTICES, source_of
from .letter_templates import TK, shipped_template
from .letter_texts import (
    correction_context,
    extension_context,
    family,
    fee_context,
    reply_context,
)
from .models import Application, Event, Letter, LetterSeries, LetterTemplate

NOTICE_KINDS = (Letter.Kind.CORRECTION, Letter.Kind.EXTENSION, Letter.Kind.FEE_NOTICE)

# ------------------------------------------------------------------ templates


def template_source(agency, kind: str) -> tuple[bytes, str]:
    """The template to use and where it came from: the agency's latest active upload, else the
    deployment's, else the shipped file."""
    for scope in ({"agency": agency}, {"agency__isnull": True}):
        tpl = (
            LetterTemplate.objects.filter(kind=kind, active=True, **scope)
            .order_by("-uploaded_at", "-pk")
            .first()
        )
        if tpl is None:
            continue
        try:
            with tpl.file.open("rb") as f:
                return f.read(), f"文书模板#{tpl.pk}"
        except OSError:
            raise ActionRefused(
                f"文书模板“{tpl}”的文件缺失，请管理员重新上传或停用该模板"
            ) from None
    return shipped_template(kind), f"默认模板 {kind}.docx"


def render(agency, kind: str, context: dict[str, str]) -> tuple[bytes, str]:
    data, source = template_source(agency, kind)
    try:
        return letter_docx.fill(data, context), source
    except Exception as exc:  # a template that passed the checks once but no longer fits
        raise ActionRefused(f"文书模板（{source}）无法填写，请管理员检查模板：{exc}") from exc


# ------------------------------------------------------------------ numbering


def format_number(prefix: str, year: int, n: int) -> str:
    return f"{prefix}〔{year}〕{n}号"


def _require_prefix(agency) -> str:
    prefix = (agency.letter_prefix or "").strip()
    if not prefix:
        raise ActionRefused(
            f"“{agency.name}”尚未设置文书代字，无法为文书编号。"
            "请管理员在机关信息中填写“文书代字”（如“抚司公开”）后再制作文书"
        )
    return prefix


def _allocate(agency, year: int) -> int:
    with transaction.atomic():
        series, _ = LetterSeries.objects.select_for_update().get_or_create(agency=agency, year=year)
        series.last_number += 1
        series.save(update_fields=["last_number"])
        return series.last_number


def next_document_number(agency, year: int) -> str:
    """The agency's next letter number of `year`, e.g. 抚司公开〔2026〕12号.

    The series row is locked until the surrounding transaction ends, so two letters never get
    the same number; a number is used once and never given again (even if its letter is
    deleted). Call it inside the transaction that stores the letter, so that a failure rolls
    the number back with it."""
    prefix = _require_prefix(agency)
    return format_number(prefix, year, _allocate(agency, year))


# ------------------------------------------------------------------ issuing


def _source(app: Application, kind: str) -> tuple[Event, dt.date]:
    """The event a letter of `kind` notifies, and the letter's date."""
    if kind == Letter.Kind.REPLY:
        if not hasattr(app, "decision"):
            raise ActionRefused("尚未作出答复，不能制作答复书")
        event = app.events.filter(kind=Event.Kind.DECIDED).last()
        if event is None:
            raise ActionRefused("找不到作出答复的办理记录，不能制作答复书")
        return event, app.decision.decided_on
    if kind == Letter.Kind.CORRECTION:
        event = app.events.filter(kind=Event.Kind.CORRECTION_REQUESTED).last()
        if event is None:
            raise ActionRefused("本申请没有告知补正，不能制作补正告知书")
        return event, event.effective_date
    if kind == Letter.Kind.EXTENSION:
        event = app.events.filter(kind=Event.Kind.EXTENDED).last()
        if event is None:
            raise ActionRefused("本申请没有延长答复期限，不能制作延期答复告知书")
        return event, event.effective_date
    if kind == Letter.Kind.FEE_NOTICE:
        event = app.events.filter(kind=Event.Kind.FEE_NOTICE_ISSUED).last()
        if event is None or not hasattr(app, "fee_notice"):
            raise ActionRefused("本申请没有发出收费通知，不能制作收费通知书")
        return event, app.fee_notice.issued_on
    if kind in NOTICES:
        return source_of(app, kind)
    raise ActionRefused("未知的文书类型")


def _issue(
    application: Application,
    kind: str,
    *,
    actor: User,
    reissue: bool,
    responsible_agency: str = "",
) -> Letter:
    app = lock(application)
    require_handler(actor, app)
    if app.archived_at:
        raise ActionRefused("该申请已归档，不能再制作文书")
    source, on = _source(app, kind)
    earlier = [
        e
        for e in app.events.filter(kind=Event.Kind.LETTER_ISSUED)
        if e.data.get("letter_kind") == kind and e.data.get("source_event") == source.pk
    ]
    if earlier and not reissue:
        raise ActionRefused(
            f"已制作{Letter.Kind(kind).label}（{earlier[-1].data.get('number')}），"
            "如需重新制作请选择“重新制作”（将使用新的编号）"
        )
    number = next_document_number(app.agency, on.year)
    if kind == Letter.Kind.REPLY:
        template_kind = family(app.decision.ground)
        context = reply_context(app, number, on, responsible_agency=responsible_agency)
    elif kind == Letter.Kind.CORRECTION:
        template_kind = TK.CORRECTION
        context = correction_context(app, source, number, on)
    elif kind == Letter.Kind.EXTENSION:
        template_kind = TK.EXTENSION
        context = extension_context(app, source, number, on)
    elif kind == Letter.Kind.FEE_NOTICE:
        template_kind = TK.FEE_NOTICE
        context = fee_context(app, app.fee_notice, number, on)
    else:
        template_kind = NOTICES[kind].template
        context = NOTICES[kind].context(app, source, number, on)
    data, template = render(app.agency, template_kind, context)
    letter = Letter(application=app, kind=kind, number=number, issued_on=on, created_by=actor)
    # an unguessable name that says nothing of the case (no tracking code, no applicant)
    letter.file.save(f"{secrets.token_urlsafe(18)}.docx", ContentFile(data), save=False)
    letter.save()
    replaces = earlier[-1].data.get("number") if earlier else ""
    reason = f"{Letter.Kind(kind).label} {number}"
    if replaces:
        reason += f"（重新制作，替代 {replaces}）"
    record(
        app,
        Event.Kind.LETTER_ISSUED,
        actor,
        on,
        reason,
        letter_kind=kind,
        template_kind=template_kind,
        number=number,
        letter=letter.pk,
        source_event=source.pk,
        template=template,
        sha256=hashlib.sha256(data).hexdigest(),
        replaces=replaces,
    )
    return letter


@transaction.atomic
def issue_reply_letter(
    application: Application,
    *,
    actor: User,
    responsible_agency: str = "",
    reissue: bool = False,
) -> Letter:
    """The reply letter (答复书) of a decided case (after `services.decide`): numbered, stored
    in `Letter.file`, recorded as a LETTER_ISSUED event. `responsible_agency` (name and
    contact details) is written into a 非本机关负责公开 reply (art. 36(5))."""
    return _issue(
        application,
        Letter.Kind.REPLY,
        actor=actor,
        reissue=reissue,
        responsible_agency=responsible_agency,
    )


@transaction.atomic
def issue_letter(
    application: Application, kind: str, *, actor: User, reissue: bool = False
) -> Letter:
    """A notice of the procedure: `Letter.Kind.CORRECTION` (after `request_correction`),
    `EXTENSION` (after `extend`, for the latest extension) or `FEE_NOTICE` (after
    `issue_fee_notice`). Numbered like the reply (see the module's docstring)."""
    if kind == Letter.Kind.REPLY:
        return _issue(application, kind, actor=actor, reissue=reissue)
    if kind not in NOTICE_KINDS and kind not in NOTICES:
        raise ActionRefused("未知的文书类型")
    return _issue(application, kind, actor=actor, reissue=reissue)
