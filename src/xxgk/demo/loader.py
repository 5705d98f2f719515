"""Demo data, loaded idempotently: each object is looked up by a natural key first (agency
codes, usernames, memberships by user + agency + role, cases by a stable tracking code), so a
second run creates nothing.

What it holds: 示范市人民政府 with its supervising office 示范市政务公开办 and three
departments (司法局, 生态环境局, 住房和城乡建设局); the system users admin/editor/reviewer;
per agency a handler and an office head; the supervising office's `gkb`; a few hundred
applications in the departments (see `cases`); and, with them, each agency's disclosure portal
and a few years of published items (see `catalog`). Every password equals the username.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count

from xxgk.accounts.models import Membership
from xxgk.agencies.models import Agency
from xxgk.applications.models import Application, Event

from . import cases, catalog, reports


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    name: str  # the whole name, family name first, kept in first_name (shown by the admin)
    is_staff: bool = True  # may use the admin site (office staff sign in at /accounts/login/)
    is_superuser: bool = False
    # (agency code, role) memberships
    roles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DemoAgency:
    key: str
    code: str
    name: str
    short_name: str
    kind: str
    parent: str | None  # parent's code
    office_name: str
    office_address: str
    office_postcode: str
    office_phone: str
    office_fax: str
    office_email: str
    letter_prefix: str = ""
    # who reviews its acts (agencies.remedies): the route, and the override where the tree
    # cannot tell (the city's government above is not in the demo)
    review_route: str = Agency.ReviewRoute.TREE
    review_body: str = ""
    # replies that withhold information need the office head's approval (applications.services)
    withholding_needs_approval: bool = False


OFFICE_HOURS = "周一至周五 9:00-12:00 14:00-17:30（法定节假日除外）"
CITY = "demo-city"
SUPERVISING_OFFICE = "demo-gkb"

DEMO_AGENCIES = (
    DemoAgency(
        "szf",
        CITY,
        "示范市人民政府",
        "市政府",
        Agency.Kind.GOVERNMENT,
        None,
        "示范市人民政府办公室",
        "示范市示范区人民路1号市民中心A座3楼",
        "999001",
        "0999-12345301",
        "0999-12345302",
        "zwgk@example.gov.cn",
        "示政公开",
        review_body="示范省人民政府",  # art. 24 ¶1 (2): the government one level up
    ),
    DemoAgency(
        "gkb",
        SUPERVISING_OFFICE,
        "示范市政务公开办",
        "市政务公开办",
        Agency.Kind.SUPERVISING_OFFICE,
        CITY,
        "示范市人民政府办公室政务公开科",
        "示范市示范区人民路1号市民中心A座3楼306室",
        "999001",
        "0999-12345306",
        "0999-12345302",
        "gkb@example.gov.cn",
    ),
    DemoAgency(
        "sfj",
        "demo-sfj",
        "示范市司法局",
        "市司法局",
        Agency.Kind.DEPARTMENT,
        CITY,
        "示范市司法局办公室",
        "示范市示范区中山路88号司法行政大楼2楼201室",
        "999002",
        "0999-12346201",
        "0999-12346202",
        "sfj-gk@example.gov.cn",
        "示司公开",
        review_route=Agency.ReviewRoute.JUSTICE,  # art. 28: 示范市人民政府 or the 司法厅 above
    ),
    DemoAgency(
        "sthjj",
        "demo-sthjj",
        "示范市生态环境局",
        "市生态环境局",
        Agency.Kind.DEPARTMENT,
        CITY,
        "示范市生态环境局办公室",
        "示范市滨江区滨江路168号环保大厦5楼512室",
        "999003",
        "0999-12347512",
        "0999-12347513",
        "sthjj-gk@example.gov.cn",
        "示环公开",
        withholding_needs_approval=True,
    ),
    DemoAgency(
        "zjj",
        "demo-zjj",
        "示范市住房和城乡建设局",
        "市住建局",
        Agency.Kind.DEPARTMENT,
        CITY,
        "示范市住房和城乡建设局办公室",
        "示范市东城区建设大道200号建设大厦1楼政务服务窗口",
        "999004",
        "0999-12348101",
        "0999-12348102",
        "zjj-gk@example.gov.cn",
        "示建公开",
    ),
)

H, HEAD, SUP = Membership.Role.HANDLER, Membership.Role.HEAD, Membership.Role.SUPERVISOR
ED, REV = Membership.Role.EDITOR, Membership.Role.REVIEWER
WORKING_AGENCIES = (CITY, "demo-sfj", "demo-sthjj", "demo-zjj")
# the demo's administrator holds every role of every agency, so whoever signs in with the
# README's account sees the whole system at work (a real superuser gets roles like anyone)
ADMIN_ROLES = tuple((code, role) for code in WORKING_AGENCIES for role in (H, HEAD, ED, REV)) + (
    (CITY, SUP),
    (SUPERVISING_OFFICE, SUP),
)
DEMO_USERS = (
    DemoUser("admin", "admin", "系统管理员", is_superuser=True, roles=ADMIN_ROLES),
    DemoUser("editor", "editor", "王编辑", roles=((CITY, Membership.Role.EDITOR),)),
    DemoUser("reviewer", "reviewer", "李审核", roles=((CITY, Membership.Role.REVIEWER),)),
    DemoUser("szf-handler", "szf-handler", "陈晓燕", is_staff=False, roles=((CITY, H),)),
    DemoUser("szf-head", "szf-head", "周建华", is_staff=False, roles=((CITY, HEAD),)),
    DemoUser("sfj-handler", "sfj-handler", "赵敏", is_staff=False, roles=(("demo-sfj", H),)),
    DemoUser("sfj-head", "sfj-head", "孙立新", is_staff=False, roles=(("demo-sfj", HEAD),)),
    DemoUser("sthjj-handler", "sthjj-handler", "林静", is_staff=False, roles=(("demo-sthjj", H),)),
    DemoUser("sthjj-head", "sthjj-head", "吴海波", is_staff=False, roles=(("demo-sthjj", HEAD),)),
    DemoUser("zjj-handler", "zjj-handler", "刘洋", is_staff=False, roles=(("demo-zjj", H),)),
    DemoUser("zjj-head", "zjj-head", "郭志刚", is_staff=False, roles=(("demo-zjj", HEAD),)),
    # the supervising office: read-only over the city government and everything below it
    DemoUser(
        "gkb", "gkb", "马春梅", is_staff=False, roles=((CITY, SUP), (SUPERVISING_OFFICE, SUP))
    ),
)


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)  # usernames
    existing: list[str] = field(default_factory=list)
    agencies_created: list[str] = field(default_factory=list)
    memberships_created: int = 0
    cases_created: int = 0
    refusals: list[str] = field(default_factory=list)  # services' refusals (should be none)
    counts: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, Counter] = field(default_factory=dict)  # agency code → status → n
    catalog: catalog.CatalogResult | None = None  # the demo catalog (with the cases)
    dispute_cases_created: int = 0
    reports_created: int = 0  # last full year's reports, published


def _agencies(result: LoadResult) -> dict[str, Agency]:
    by_code: dict[str, Agency] = {}
    for demo in DEMO_AGENCIES:
        agency, created = Agency.objects.get_or_create(
            code=demo.code,
            defaults={
                "name": demo.name,
                "short_name": demo.short_name,
                "kind": demo.kind,
                "parent": by_code.get(demo.parent) if demo.parent else None,
                "office_name": demo.office_name,
                "office_address": demo.office_address,
                "office_postcode": demo.office_postcode,
                "office_hours": OFFICE_HOURS,
                "office_phone": demo.office_phone,
                "office_fax": demo.office_fax,
                "office_email": demo.office_email,
                "letter_prefix": demo.letter_prefix,
                "review_route": demo.review_route,
                "review_body": demo.review_body,
                "withholding_needs_approval": demo.withholding_needs_approval,
            },
        )
        if created:
            agency.full_clean()
            result.agencies_created.append(demo.code)
        else:
            _set_review(agency, demo)
        by_code[demo.code] = agency
    return by_code


def _set_review(agency: Agency, demo: DemoAgency) -> None:
    """A demo agency loaded before review routes existed gets the demo's route and override;
    one whose route or override someone has set keeps them."""
    untouched = agency.review_route == Agency.ReviewRoute.TREE and not agency.review_body
    wanted = (demo.review_route, demo.review_body)
    if untouched and wanted != (Agency.ReviewRoute.TREE, ""):
        agency.review_route, agency.review_body = wanted
        agency.save(update_fields=["review_route", "review_body"])


def _users(result: LoadResult, agencies: dict[str, Agency]) -> dict[str, object]:
    User = get_user_model()
    users = {}
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.name,
                "email": f"{demo.username}@example.invalid",
                "is_staff": demo.is_staff,
                "is_superuser": demo.is_superuser,
            },
        )
        if created:
            user.set_password(demo.password)
            user.save(update_fields=["password"])
            result.created.append(demo.username)
        else:
            result.existing.append(demo.username)
        for code, role in demo.roles:
            _, made = Membership.objects.get_or_create(user=user, agency=agencies[code], role=role)
            result.memberships_created += made
        users[demo.username] = user
    return users


def _summary(result: LoadResult, agencies: dict[str, Agency]) -> None:
    demo_ids = [a.pk for a in agencies.values()]
    apps = Application.objects.filter(agency_id__in=demo_ids)
    result.counts = {
        "agencies": Agency.objects.filter(pk__in=demo_ids).count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.filter(agency_id__in=demo_ids).count(),
        "applications": apps.count(),
        "events": Event.objects.filter(application__agency_id__in=demo_ids).count(),
    }
    code_of = {a.pk: code for code, a in agencies.items()}
    per_status = apps.values("agency_id", "status").annotate(n=Count("pk")).order_by()
    for row in per_status:
        result.by_status.setdefault(code_of[row["agency_id"]], Counter())[row["status"]] = row["n"]


@transaction.atomic
def load_demo(
    *, with_cases: bool = True, progress: Callable[[int, int], None] | None = None
) -> LoadResult:
    result = LoadResult()
    agencies = _agencies(result)
    users = _users(result, agencies)
    if with_cases:
        staff = {
            demo.key: cases.Staff(users[f"{demo.key}-handler"], users[f"{demo.key}-head"])
            for demo in DEMO_AGENCIES
            if demo.key in cases.DEPARTMENTS
        }
        by_key = {demo.key: agencies[demo.code] for demo in DEMO_AGENCIES}
        ctx = cases.make_context(by_key, staff)
        cases.load_cases(ctx, progress=progress)
        result.cases_created = ctx.created
        result.refusals = ctx.refusals
        result.catalog = catalog.load_catalog(by_key, users)
        result.memberships_created += result.catalog.memberships_created
        result.refusals += result.catalog.refusals
        year = reports.last_full_year()
        result.dispute_cases_created = reports.load_cases(by_key, staff, year)
        # the city government's own report is drafted by its office (aggregated, art. 50)
        report_staff = {**staff, "szf": cases.Staff(users["szf-handler"], users["szf-head"])}
        result.reports_created = reports.load_reports(by_key, report_staff, year)
    _summary(result, agencies)
    return result
