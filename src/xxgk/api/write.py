"""The write API for the systems agencies already run (OA, document systems, provincial
application platforms): `Authorization: Bearer xxgk_…`, a token of one agency and role. Every
call goes through the same services as the pages, so every rule, the confidentiality review
and the event log apply; the token's use is recorded by `ApiHeadersMiddleware`."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field as F
from ninja import File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from xxgk.accounts.models import Membership
from xxgk.applications import services as applications
from xxgk.applications.deadlines import standing
from xxgk.applications.models import Application, Letter
from xxgk.catalog import services as catalog
from xxgk.catalog import uploads
from xxgk.catalog.models import Item

from . import services
from .models import ApiToken
from .schemas import Error


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return services.authenticate(token)


router = Router(auth=TokenAuth(), tags=["机关接口（需令牌）"])
REFUSED = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}


def _token(request: HttpRequest, role: str) -> ApiToken:
    token: ApiToken = request.auth
    if token.role != role:
        raise HttpError(403, f"此令牌的角色是“{Membership.Role(token.role).label}”，不能调用此接口")
    return token


# ------------------------------------------------------------------ catalog drafts

Genre = Literal["rule", "normative", "document", "interpretation", "news", "clarification", "other"]
Validity = Literal["", "valid", "amended", "repealed", "expired"]
ContentKind = Literal["overview", "news", "catalog"]


class ItemIn(Schema):
    title: str = F(min_length=1, max_length=300)
    formed_on: dt.date = F(description="成文日期")
    column: int = F(ge=1, le=2**31 - 1, description="栏目 id（本机关的栏目）")
    body: str = F("", max_length=2_000_000, description="正文 HTML（保存时净化）")
    document_number: str = F("", max_length=80)
    issuer: str = F("", max_length=100)
    topic: int | None = F(None, ge=1, le=2**31 - 1)
    genre: Genre = "document"
    content_kind: ContentKind = "catalog"
    summary: str = F("", max_length=200)
    validity: Validity = ""
    effective_on: dt.date | None = None
    submit: bool = F(False, description="保存后直接提交保密审查")


class ItemRevisionIn(ItemIn):
    reason: str = F("", max_length=500, description="修订已发布信息的理由（修订时必填）")


class ItemState(Schema):
    id: int
    status: str = F(description="draft | in_review | published | withdrawn")
    version: int
    title: str
    pending_version: int | None = F(description="待保密审查的版本")
    published_on: dt.date | None
    index_number: str
    url: str | None = F(description="已发布时门户上的页面")


def _input(data: ItemIn) -> catalog.ItemInput:
    return catalog.ItemInput(
        title=data.title, formed_on=data.formed_on, body=data.body, column_id=data.column,
        document_number=data.document_number, issuer=data.issuer, topic_id=data.topic,
        genre=data.genre, content_kind=data.content_kind, summary=data.summary,
        validity=data.validity, effective_on=data.effective_on,
    )  # fmt: skip


def _state(item: Item) -> dict:
    item.refresh_from_db()
    pending = item.versions.filter(state="pending").order_by("-number").first()
    return {
        "id": item.pk,
        "status": item.status,
        "version": item.version,
        "title": item.title,
        "pending_version": pending.number if pending else None,
        "published_on": item.published_on,
        "index_number": item.index_number or "",
        "url": reverse("portal:item", args=[item.agency.code, item.pk]) if item.is_public else None,
    }


def _own_item(token: ApiToken, item_id: int) -> Item:
    if not 0 < item_id < 2**31:
        raise HttpError(404, "没有这条信息")
    return get_object_or_404(Item.objects.select_related("agency"), pk=item_id, agency=token.agency)


@router.post("/items", response={201: ItemState, **REFUSED}, summary="新建草稿")
def create_item(request: HttpRequest, data: ItemIn):
    """新建一条主动公开信息的草稿（`submit: true` 则同时提交保密审查）。发布须经本机关另一位保密审查人员审查同意。"""
    token = _token(request, Membership.Role.EDITOR)
    item = catalog.create_draft(token.agency, data=_input(data), actor=token.user)
    if data.submit:
        catalog.submit_for_review(item, actor=token.user)
    return Status(201, _state(item))


@router.get("/items/{item_id}", response={200: ItemState, **REFUSED}, summary="草稿的状态")
def item_state(request: HttpRequest, item_id: int):
    token = _token(request, Membership.Role.EDITOR)
    return _state(_own_item(token, item_id))


@router.put("/items/{item_id}", response={200: ItemState, **REFUSED}, summary="修改草稿或修订")
def revise_item(request: HttpRequest, item_id: int, data: ItemRevisionIn):
    """草稿直接修改；已发布的信息生成待审查的修订版本（须填写 reason），审查通过前公开的仍是原版本。"""
    token = _token(request, Membership.Role.EDITOR)
    item = _own_item(token, item_id)
    if item.status == Item.Status.PUBLISHED:
        if not data.reason.strip():
            raise HttpError(400, "修订已发布的信息须填写修订理由（reason）")
        catalog.revise(item, data=_input(data), reason=data.reason, actor=token.user)
    else:
        catalog.edit_draft(item, data=_input(data), actor=token.user)
        if data.submit:
            catalog.submit_for_review(item, actor=token.user)
    return _state(item)


@router.post("/items/{item_id}/submit", response={200: ItemState, **REFUSED}, summary="提交审查")
def submit_item(request: HttpRequest, item_id: int):
    token = _token(request, Membership.Role.EDITOR)
    item = _own_item(token, item_id)
    catalog.submit_for_review(item, actor=token.user)
    return _state(item)


class AttachmentState(Schema):
    id: int
    name: str
    size: int
    content_type: str


@router.post(
    "/items/{item_id}/attachments",
    response={201: AttachmentState, **REFUSED},
    summary="上传附件",
)
def add_attachment(request: HttpRequest, item_id: int, file: File[UploadedFile]):
    """草稿的附件（PDF、Word、Excel、图片等，检查文件内容）。"""
    token = _token(request, Membership.Role.EDITOR)
    item = _own_item(token, item_id)
    a = uploads.add_attachment(item, file, actor=token.user)
    return Status(201, {"id": a.pk, "name": a.name, "size": a.size, "content_type": a.content_type})


# ------------------------------------------------------------------ applications


class ApplicantIn(Schema):
    applicant_type: Literal[
        "natural_person", "legal_commercial", "legal_research", "legal_public_welfare",
        "legal_law_service", "legal_other",
    ]  # fmt: skip
    applicant_name: str = F(min_length=1, max_length=100)
    id_type: str = F(max_length=20, description="证件类型，如 id_card、uscc")
    id_number: str = F(max_length=40)
    phone: str = F(max_length=40)
    description: str = F(min_length=1, max_length=5000, description="所需政府信息的描述")
    contact_person: str = F("", max_length=50)
    email: str = F("", max_length=254)
    address: str = F("", max_length=200)
    postcode: str = F("", max_length=10)
    form_wanted: str = F("electronic", max_length=20)
    delivery_wanted: str = F("email", max_length=20)


class ApplicationIn(Schema):
    channel: Literal["in_person", "letter_signed", "letter", "online", "fax", "email"] = F(
        description="提交方式（第三十一条：当面和需签收的邮寄件到达即收到，其余须确认）"
    )
    arrived_on: dt.date = F(description="到达本机关的日期")
    applicant: ApplicantIn


class Clock(Schema):
    id: int
    tracking_code: str
    status: str
    receipt_date: dt.date | None = F(description="收到申请之日（第三十一条）")
    due: dt.date | None = F(description="答复期限（按今天的日历和事件计算）")
    working_days_left: int | None
    urgency: str = F(description="unconfirmed | paused | overdue | due_soon | ok；办结后为空")
    late: bool


def _own_application(token: ApiToken, app_id: int) -> Application:
    if not 0 < app_id < 2**31:
        raise HttpError(404, "没有这件申请")
    return get_object_or_404(Application, pk=app_id, agency=token.agency)


def _clock(app: Application) -> dict:
    s = standing(app, timezone.localdate())
    return {
        "id": app.pk, "tracking_code": app.tracking_code, "status": app.status,
        "receipt_date": app.receipt_date, "due": s.due, "working_days_left": s.days_left,
        "urgency": s.urgency, "late": s.late,
    }  # fmt: skip


@router.post("/applications", response={201: Clock, **REFUSED}, summary="登记申请")
def register_application(request: HttpRequest, data: ApplicationIn):
    """登记在其他渠道收到的申请（如省统一申请平台），返回申请的期限。"""
    token = _token(request, Membership.Role.HANDLER)
    if data.arrived_on > timezone.localdate():  # as the staff form's clean_arrived_on
        raise HttpError(400, "收到日期不能晚于今天")
    app = applications.receive(
        token.agency,
        applicant=applications.ApplicantInput(**data.applicant.dict()),
        channel=data.channel,
        arrived_on=data.arrived_on,
        actor=token.user,
    )
    return Status(201, _clock(app))


@router.get("/applications/{app_id}", response={200: Clock, **REFUSED}, summary="申请的期限")
def application_clock(request: HttpRequest, app_id: int):
    token = _token(request, Membership.Role.HANDLER)
    return _clock(_own_application(token, app_id))


class LetterOut(Schema):
    id: int
    kind: str
    number: str
    issued_on: dt.date | None
    url: str


@router.get(
    "/applications/{app_id}/letters", response={200: list[LetterOut], **REFUSED}, summary="文书"
)
def letters(request: HttpRequest, app_id: int):
    token = _token(request, Membership.Role.HANDLER)
    app = _own_application(token, app_id)
    return [
        {
            "id": letter.pk,
            "kind": letter.kind,
            "number": letter.number or "",
            "issued_on": letter.issued_on,
            "url": f"/api/v1/agency/applications/{app.pk}/letters/{letter.pk}",
        }  # fmt: skip
        for letter in Letter.objects.filter(application=app).order_by("pk")
    ]


@router.get(
    "/applications/{app_id}/letters/{letter_id}",
    response={200: None, **REFUSED},
    summary="下载文书",
    openapi_extra={
        "responses": {
            200: {
                "description": "文书文件（Word）",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)  # fmt: skip
def letter_file(request: HttpRequest, app_id: int, letter_id: int):
    """文书载有申请人的个人信息：每次下载记入案卷（与网页下载相同）。"""
    token = _token(request, Membership.Role.HANDLER)
    app = _own_application(token, app_id)
    if not 0 < letter_id < 2**31:
        raise HttpError(404, "没有这份文书")
    letter = get_object_or_404(Letter, pk=letter_id, application=app)
    if not letter.file:
        raise HttpError(404, "该文书没有文件")
    applications.record_personal_data_view(
        app, actor=token.user, what=f"接口下载文书 {letter.number or letter.get_kind_display()}"
    )
    name = f"{letter.number or letter.get_kind_display()}.docx"
    return FileResponse(
        letter.file.open("rb"), as_attachment=True, filename=name,
        content_type="application/octet-stream",
    )  # fmt: skip
