"""举报 (arts. 47, 51): filing a complaint on the public form and the supervising office's
answer. Every state change is one function here that checks, writes and records who and when.

Spam resistance as on the application form: a honeypot (filled → a code is shown, nothing is
stored) and a per-address limit in the cache (accounts.throttle).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from xxgk.accounts.masking import mask_name, mask_phone
from xxgk.accounts.models import User
from xxgk.accounts.throttle import Limit
from xxgk.agencies.models import Agency
from xxgk.applications.models import new_tracking_code
from xxgk.supervision.models import Complaint

from .supervision import supervised_agency_ids


class ComplaintRefused(Exception):
    """Not accepted now; `str(e)` says why, for the user."""


class TooManyComplaints(ComplaintRefused):
    pass


def complaint_limit() -> Limit:
    return Limit("complaint", getattr(settings, "XXGK_COMPLAINTS_PER_HOUR", 3), 3600)


@dataclass(frozen=True)
class Filed:
    code: str
    complaint: Complaint | None  # None when a robot filled the honeypot: nothing was stored


def file_complaint(
    agency: Agency, *, name: str, contact: str, text: str, ip: str, honeypot: str = ""
) -> Filed:
    """A complaint from the public form; `ip` is counted against the hourly limit."""
    limit = complaint_limit()
    if limit.exceeded(ip):
        raise TooManyComplaints(
            f"同一网络地址每小时最多提交{limit.limit}件举报，请稍后再试，或通过信函提交。"
        )
    limit.hit(ip)
    if honeypot.strip():
        return Filed(new_tracking_code(), None)
    name, contact, text = name.strip(), contact.strip(), text.strip()
    if not (name and contact and text):
        raise ComplaintRefused("请填写姓名、联系方式和举报内容")
    if len(text) > 5000:
        raise ComplaintRefused("举报内容不能超过5000字")
    complaint = Complaint.objects.create(
        code=new_tracking_code(),
        agency=agency,
        name=name,
        contact=contact,
        text=text,
        received_at=timezone.now(),
    )
    return Filed(complaint.code, complaint)


@transaction.atomic
def answer_complaint(complaint: Complaint, *, answer: str, actor: User) -> Complaint:
    """The supervising office answers (only a member supervising the agency complained about)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.agency_id not in supervised_agency_ids(actor):
        raise PermissionDenied("只有主管部门可以答复举报")
    if complaint.status == Complaint.Status.ANSWERED:
        raise ComplaintRefused("该举报已答复")
    if not answer.strip():
        raise ComplaintRefused("请填写答复内容")
    complaint.answer = answer.strip()
    complaint.status = Complaint.Status.ANSWERED
    complaint.answered_at, complaint.answered_by = timezone.now(), actor
    complaint.save()
    return complaint


def masked_name(complaint: Complaint) -> str:
    return mask_name(complaint.name)


def masked_contact(complaint: Complaint) -> str:
    """Phone numbers as 138****5678; e-mail addresses keep their first letter and domain."""
    contact = complaint.contact.strip()
    if "@" in contact:
        local, _, domain = contact.partition("@")
        return f"{local[:1]}***@{domain}"
    return mask_phone(contact)
