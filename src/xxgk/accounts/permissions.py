"""Every access rule as a small predicate or queryset filter (one condition per line).

Staff act on the agencies they are members of, each role on its own work; members of a
supervising office see the agencies below theirs read-only; nobody else sees a case. Services
check these before they change anything; views check them before they show anything.
"""

from __future__ import annotations

from django.db.models import QuerySet

from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency

Role = Membership.Role
HANDLING_ROLES = (Role.HANDLER, Role.HEAD)  # applications and disputes
CATALOG_ROLES = (Role.EDITOR, Role.REVIEWER)  # items, reviews, history
FIGURE_ROLES = (Role.EDITOR, Role.HEAD)  # table 二 figures
REPORT_ROLES = (Role.HANDLER, Role.HEAD, Role.EDITOR)  # drafting the annual report


def signed_in(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(
        getattr(user, "is_active", False)
    )


def roles(user: User | None, agency_id: int) -> set[str]:
    """The user's roles in one agency (none for anyone not signed in or inactive)."""
    if not signed_in(user):
        return set()
    return set(user.memberships.filter(agency_id=agency_id).values_list("role", flat=True))


def has_role(user: User | None, agency_id: int, *wanted: str) -> bool:
    """Whether the user holds any of the `wanted` roles in the agency."""
    return bool(roles(user, agency_id) & set(wanted))


def agency_ids_with_role(user: User | None, *wanted: str) -> set[int]:
    """The agencies where the user holds any of the `wanted` roles."""
    if not signed_in(user):
        return set()
    return set(user.memberships.filter(role__in=wanted).values_list("agency_id", flat=True))


# ------------------------------------------------------------------ applications (依申请公开)


def handled_agency_ids(user: User) -> set[int]:
    """Agencies whose applications this user may act on."""
    return agency_ids_with_role(user, *HANDLING_ROLES)


def visible_agency_ids(user: User) -> set[int]:
    """Agencies whose applications this user may read: own agencies, plus everything below a
    supervising office the user belongs to."""
    if not signed_in(user):
        return set()
    ids = set(user.memberships.values_list("agency_id", flat=True))
    for agency in Agency.objects.filter(pk__in=agency_ids_with_role(user, Role.SUPERVISOR)):
        ids.update(a.pk for a in agency.descendants())
    return ids


def can_handle(user: User, application) -> bool:
    return application.agency_id in handled_agency_ids(user)


def can_view(user: User, application) -> bool:
    return application.agency_id in visible_agency_ids(user)


def can_see_personal_data(user: User, application) -> bool:
    """The applicant's identity unmasked: only the handlers and the office head of the agency
    that received the application (个人信息保护法 art. 51: access limited to those whose work
    needs it). Editors, reviewers, the supervising office and superusers without those roles
    see it masked."""
    return has_role(user, application.agency_id, *HANDLING_ROLES)


def is_office_head(user: User | None, agency_id: int) -> bool:
    """The head of the disclosure office approves extensions (art. 33) and annual reports."""
    return has_role(user, agency_id, Role.HEAD)


def visible_applications(user: User, queryset: QuerySet) -> QuerySet:
    return queryset.filter(agency_id__in=visible_agency_ids(user))


# ------------------------------------------------------------------ the catalog (主动公开)


def catalog_agency_ids(user: User) -> set[int]:
    """Agencies whose items (drafts, reviews, history) this user may read: their editors and
    confidentiality reviewers. What each may *do* is checked by catalog.services."""
    return agency_ids_with_role(user, *CATALOG_ROLES)


def can_view_item(user: User, item) -> bool:
    return item.agency_id in catalog_agency_ids(user)


def figure_agency_ids(user: User) -> set[int]:
    """Agencies whose table 二 figures the user may enter: their editors and office heads."""
    return agency_ids_with_role(user, *FIGURE_ROLES)


# ------------------------------------------------------------------ annual reports


def report_agency_ids(user: User) -> set[int]:
    """Agencies whose annual report the user may read and draft."""
    return agency_ids_with_role(user, *REPORT_ROLES)
