"""Every access rule as a small predicate or queryset filter (one condition per line).

Staff handle the cases of the agencies they are members of; members of a supervising office
see the agencies below theirs read-only; nobody else sees a case.
"""

from __future__ import annotations

from django.db.models import QuerySet

from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency

HANDLING_ROLES = (Membership.Role.HANDLER, Membership.Role.HEAD)


def _signed_in(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(
        getattr(user, "is_active", False)
    )


def handled_agency_ids(user: User) -> set[int]:
    """Agencies whose applications this user may act on."""
    if not _signed_in(user):
        return set()
    return set(user.memberships.filter(role__in=HANDLING_ROLES).values_list("agency_id", flat=True))


def visible_agency_ids(user: User) -> set[int]:
    """Agencies whose applications this user may read: own agencies, plus everything below a
    supervising office the user belongs to."""
    if not _signed_in(user):
        return set()
    ids = set(user.memberships.values_list("agency_id", flat=True))
    supervised = user.memberships.filter(role=Membership.Role.SUPERVISOR).values_list(
        "agency_id", flat=True
    )
    for agency in Agency.objects.filter(pk__in=list(supervised)):
        ids.update(a.pk for a in agency.descendants())
    return ids


def can_handle(user: User, application) -> bool:
    return application.agency_id in handled_agency_ids(user)


def can_view(user: User, application) -> bool:
    return application.agency_id in visible_agency_ids(user)


def is_office_head(user: User, agency_id: int) -> bool:
    """The head of the disclosure office approves extensions (art. 33)."""
    return (
        _signed_in(user)
        and user.memberships.filter(agency_id=agency_id, role=Membership.Role.HEAD).exists()
    )


def visible_applications(user: User, queryset: QuerySet) -> QuerySet:
    return queryset.filter(agency_id__in=visible_agency_ids(user))


# ------------------------------------------------------------------ the catalog (主动公开)

CATALOG_ROLES = (Membership.Role.EDITOR, Membership.Role.REVIEWER)


def catalog_agency_ids(user: User) -> set[int]:
    """Agencies whose items (drafts, reviews, history) this user may read: their editors and
    confidentiality reviewers. What each may *do* is checked by catalog.services."""
    if not _signed_in(user):
        return set()
    return set(user.memberships.filter(role__in=CATALOG_ROLES).values_list("agency_id", flat=True))


def can_view_item(user: User, item) -> bool:
    return item.agency_id in catalog_agency_ids(user)
