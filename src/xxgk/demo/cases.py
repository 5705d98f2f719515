"""Demo applications: a few hundred cases over the previous two full years and the current
year up to today, each built only through `xxgk.applications.services`, so that every case
has its events and every date follows the services' rules.

Determinism and idempotency: case number i draws everything from its own
`random.Random(f"{SEED}:{i}")`, and its tracking code from another generator seeded by i
alone, so the code is the case's natural key: a case whose code exists is skipped, and a
second run creates nothing. The one write outside the services is that code: `receive`
gives a random one, the demo replaces it right after by its stable one.

The mix: pinned open cases (one in each open state per department, relative to today), an
applicant who files thirteen requests in one month (per-item fees), three cases of every
decision ground, then a realistic draw of grounds. Histories are cut at today: a case whose
next step would fall after today stays in the state it has reached.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from xxgk.accounts.models import User
from xxgk.agencies.models import Agency
from xxgk.applications import services
from xxgk.applications.grounds import Ground
from xxgk.applications.models import (
    TRACKING_ALPHABET,
    ApplicantType,
    Application,
    Channel,
    Delivery,
    FeeNotice,
)
from xxgk.holidays.calendar import work_calendar
from xxgk.workdays import WorkCalendar

from . import people, texts

SEED = 2024
N_CASES = 360
DEPARTMENTS = ("sfj", "sthjj", "zjj")  # agency keys; the codes are demo-<key>
AGENCY_WEIGHTS = (0.28, 0.30, 0.42)

APPLICANT_TYPES = (
    (ApplicantType.NATURAL_PERSON, 78),
    (ApplicantType.LEGAL_COMMERCIAL, 10),
    (ApplicantType.LEGAL_LAW_SERVICE, 6),
    (ApplicantType.LEGAL_RESEARCH, 2),
    (ApplicantType.LEGAL_PUBLIC_WELFARE, 2),
    (ApplicantType.LEGAL_OTHER, 2),
)
CHANNELS = (
    (Channel.ONLINE, 45),
    (Channel.LETTER_SIGNED, 22),
    (Channel.IN_PERSON, 15),
    (Channel.LETTER, 8),
    (Channel.EMAIL, 7),
    (Channel.FAX, 3),
)
# a realistic share of outcomes (as in published annual reports)
GROUND_WEIGHTS = {
    Ground.ART36_2_CAN_BE_DISCLOSED: 30,
    Ground.ART37_PARTIAL_DISCLOSURE: 7,
    Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED: 10,
    Ground.ART14_STATE_SECRET: 0.5,
    Ground.ART14_PROHIBITED: 1,
    Ground.ART14_SECURITY: 0.5,
    Ground.ART15_THIRD_PARTY: 2,
    Ground.ART16_1_INTERNAL: 1.5,
    Ground.ART16_2_PROCESS: 2.5,
    Ground.ART16_2_CASE_FILE: 1.5,
    Ground.ART36_7_SPECIAL_REGIME: 1.5,
    Ground.ART36_4_NOT_EXIST: 18,
    Ground.ART36_5_NOT_THIS_AGENCY: 5,
    Ground.ART38_CREATION: 3,
    Ground.ART30_UNCLEAR: 1,
    Ground.ART39_1_PETITION: 4,
    Ground.ART36_6_DUPLICATE: 2.5,
    Ground.ART39_2_PUBLICATION: 0.5,
    Ground.ART35_EXCESSIVE: 0.5,
    Ground.CONFIRM_OR_REISSUE: 1,
    Ground.ART30_NO_CORRECTION: 4,
    Ground.FEE_NOT_PAID: 0.5,
    Ground.WITHDRAWN_OR_OTHER: 3,
}
assert set(GROUND_WEIGHTS) == set(Ground), "every ground needs a weight"

OPEN_TARGETS = (
    "submitted",
    "in_progress",
    "awaiting_correction",
    "awaiting_payment",
    "in_consultation",
    "extended",
)
MIN_PER_GROUND = 3
# the applicant who files many requests in one month, to the housing bureau (per-item fees)
CLUSTER_GROUNDS = (
    Ground.ART36_2_CAN_BE_DISCLOSED,
    Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED,
    Ground.ART36_4_NOT_EXIST,
    Ground.ART37_PARTIAL_DISCLOSURE,
    Ground.ART36_5_NOT_THIS_AGENCY,
    Ground.ART36_2_CAN_BE_DISCLOSED,
    Ground.ART16_2_PROCESS,
    Ground.ART36_4_NOT_EXIST,
    Ground.ART36_6_DUPLICATE,
    Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED,
    "fee_paid",  # the 11th of the month: 100 元 per item, paid, then disclosed
    Ground.FEE_NOT_PAID,  # the 12th: 100 元, not paid
    Ground.ART35_EXCESSIVE,
)
CLUSTER_REQUESTS = (
    "{road}片区房屋征收决定书",
    "{road}片区房屋征收补偿方案",
    "{road}片区房屋征收社会稳定风险评估报告",
    "{road}片区征收补偿费用足额到位、专户存储的证明",
    "{road}片区地块土地征收批复文件",
    "{road}片区房屋调查登记结果公告",
    "{road}片区征收补偿方案论证过程中的内部研究材料",
    "{road}片区房地产价格评估机构选定结果",
    "{road}片区房屋征收决定书（再次申请）",
    "{road}片区房屋征收范围公告",
    "{road}片区被征收房屋分户评估报告",
    "{road}片区征收补偿协议签订情况汇总",
    "{road}片区征收项目全部会议纪要、往来函件及工作台账",
)


def tracking_code(i: int) -> str:
    """Case i's stable tracking code (the demo's natural key of a case)."""
    rng = random.Random(f"xxgk-demo-tracking:{i}")
    raw = "".join(rng.choice(TRACKING_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@dataclass
class Staff:
    handler: User
    head: User


@dataclass
class Context:
    today: dt.date
    now: dt.datetime
    calendar: WorkCalendar
    agencies: dict[str, Agency]  # by key: sfj, sthjj, zjj
    staff: dict[str, Staff]
    created: int = 0
    refusals: list[str] = field(default_factory=list)

    def back(self, n: int) -> dt.date:
        """The date n working days before today (today if n == 0)."""
        d, seen = self.today, 0
        while seen < n:
            d -= dt.timedelta(1)
            seen += self.calendar.is_workday(d)
        return d

    def add(self, d: dt.date, n: int) -> dt.date:
        return self.calendar.add_workdays(d, n)

    def workday_on_or_after(self, d: dt.date) -> dt.date:
        return d if self.calendar.is_workday(d) else self.calendar.next_workday(d)

    def workday_near(self, d: dt.date) -> dt.date:
        """The working day on or after d, or the last one before it if that is after today."""
        after = self.workday_on_or_after(d)
        if after <= self.today:
            return after
        while not self.calendar.is_workday(d):
            d -= dt.timedelta(1)
        return d


# ------------------------------------------------------------------ one case's history


class Story:
    """Runs one case through the services; a step dated after today ends the story."""

    def __init__(self, ctx: Context, rng: random.Random, agency_key: str, code: str):
        self.ctx, self.rng, self.key, self.code = ctx, rng, agency_key, code
        self.agency = ctx.agencies[agency_key]
        self.handler = ctx.staff[agency_key].handler
        self.head = ctx.staff[agency_key].head
        self.app: Application | None = None
        self.cursor: dt.date | None = None  # the last step's date
        self.alive = True

    # -- plumbing

    def due_in_time(self, on: dt.date) -> bool:
        if not self.alive or on > self.ctx.today:
            self.alive = False
        return self.alive

    def call(self, fn: Callable, on: dt.date, fallback: dt.date | None = None, **kw):
        """Call a service; on refusal retry once on `fallback` (a date known to be valid),
        else note the refusal and end the story: the demo never crashes on a refusal."""
        for day in (on, fallback):
            if day is None or not self.due_in_time(day):
                break
            try:
                result = fn(self.app, on=day, actor=self.handler, **kw)
            except services.ActionRefused as e:
                self.ctx.refusals.append(f"{self.code} {fn.__name__} {day}: {e}")
                continue
            # services return the case, or a record whose .application is the updated case
            self.app = result if isinstance(result, Application) else result.application
            self.cursor = day
            return result
        self.alive = False
        return None

    # -- steps

    def receive(self, person: people.Person, channel: str, description: str, on: dt.date):
        rng = self.rng
        if channel in (Channel.IN_PERSON, Channel.LETTER_SIGNED):
            on = self.ctx.workday_near(on)
            hour = rng.choice((9, 10, 10, 11, 14, 15, 16))
        else:
            hour = rng.randint(7, 22)
        submitted_at = timezone.make_aware(
            dt.datetime.combine(on, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)))
        )
        submitted_at = min(submitted_at, self.ctx.now - dt.timedelta(minutes=5))
        delivery = {
            Channel.EMAIL: "email",
            Channel.ONLINE: rng.choice(("online", "email", "email")),
            Channel.IN_PERSON: rng.choice(("collect", "post")),
        }.get(channel, rng.choice(("post", "post", "email")))
        applicant = services.ApplicantInput(
            applicant_type=person.applicant_type,
            applicant_name=person.applicant_name,
            id_type=person.id_type,
            id_number=person.id_number,
            phone=person.phone,
            description=description,
            contact_person=person.contact_person,
            email=person.email,
            address=person.address,
            postcode=person.postcode,
            form_wanted=rng.choice(("electronic", "electronic", "paper", "view_copy"))
            if delivery == "collect"
            else ("electronic" if delivery in ("email", "online") else "paper"),
            delivery_wanted=delivery,
        )
        try:
            self.app = services.receive(
                self.agency,
                applicant=applicant,
                channel=channel,
                arrived_on=on,
                submitted_at=submitted_at,
                actor=None if channel == Channel.ONLINE else self.handler,
            )
        except services.ActionRefused as e:
            self.ctx.refusals.append(f"{self.code} receive {on}: {e}")
            self.alive = False
            return
        # the demo's natural key (see the module docstring)
        Application.objects.filter(pk=self.app.pk).update(tracking_code=self.code)
        self.app.tracking_code = self.code
        self.ctx.created += 1
        self.cursor = on

    def confirm(self, lag: int | None = None) -> None:
        """Online, e-mail, fax and ordinary letters: the office confirms receipt."""
        if not self.alive or self.app.receipt_date is not None:
            return
        submitted = timezone.localdate(self.app.submitted_at)
        if lag is None:
            lag = self.rng.choice((0, 1, 1, 1, 2, 3))
        if lag == 0 and not self.ctx.calendar.is_workday(submitted):
            lag = 1
        self.call(services.confirm_receipt, self.ctx.add(submitted, lag), fallback=submitted)

    def correction(self, *, received: bool) -> None:
        if not self.alive:
            return
        r = self.app.receipt_date
        on = self.ctx.add(r, self.rng.randint(1, 6))
        self.call(
            services.request_correction,
            on,
            fallback=r,
            items=self.rng.choice(texts.CORRECTION_ITEMS),
        )
        if not self.alive:
            return
        due = self.app.correction_due
        if received:
            back_on = min(self.ctx.add(on, self.rng.randint(2, 12)), due)
            self.call(services.receive_correction, back_on, fallback=due)
        else:
            self.call(
                services.close_no_correction,
                self.ctx.add(due, self.rng.randint(1, 5)),
                fallback=self.ctx.add(due, 1),
            )

    def consult(self, outcome: str) -> None:
        if not self.alive:
            return
        due = self.app.due_date
        start = min(self.ctx.add(self.cursor, self.rng.randint(1, 5)), due)
        if outcome == "agency":
            party, kind = self.rng.choice(texts.CONSULTED_AGENCIES), "agency"
        else:
            party, kind = people.company_name(self.rng), "third_party"
        self.call(services.start_consultation, start, party=party, kind=kind)
        end = self.ctx.add(start, self.rng.randint(5, 15))
        self.call(services.end_consultation, end, outcome=texts.CONSULTATION_OUTCOMES[outcome])

    def extend(self) -> None:
        if not self.alive:
            return
        due = self.app.due_date
        if due is None or self.cursor > due:
            return
        on = min(self.ctx.add(self.cursor, self.rng.randint(1, 6)), due)
        self.call(
            services.extend,
            on,
            days=self.rng.choice((20, 20, 20, 15, 10)),
            reason=self.rng.choice(texts.EXTENSION_REASONS),
            approved_by=self.head,
        )

    def fee(self, *, paid: bool, per_item: bool = False) -> None:
        if not self.alive:
            return
        due = self.app.due_date
        on = min(self.ctx.add(self.cursor, self.rng.randint(2, 6)), due)
        if per_item:
            kw = {"method": FeeNotice.Method.PER_ITEM}
        else:
            kw = {"method": FeeNotice.Method.PER_VOLUME, "pages": self.rng.randint(40, 160)}
        notice = self.call(services.issue_fee_notice, on, **kw)
        if notice is None:
            return
        if paid:
            pay_on = min(self.ctx.add(on, self.rng.randint(1, 12)), notice.pay_by)
            self.call(services.record_payment, pay_on, fallback=notice.pay_by)
        else:
            self.call(
                services.close_fee_unpaid,
                self.ctx.add(notice.pay_by, self.rng.randint(1, 5)),
                fallback=self.ctx.add(notice.pay_by, 1),
            )

    def decide(self, ground: str, *, late: bool = False) -> None:
        if not self.alive:
            return
        due = self.app.due_date or self.ctx.add(self.cursor, 20)
        span = self.ctx.calendar.workdays_between(self.cursor, due)
        if late or span < 1:
            on = self.ctx.add(max(due, self.cursor), self.rng.randint(1, 8))
        else:
            # most answers come in the second half of the period
            on = self.ctx.add(self.cursor, max(1, round(self.rng.triangular(1, span, span * 0.7))))
        withheld = (
            [self.rng.choice(texts.WITHHELD)] if ground == Ground.ART37_PARTIAL_DISCLOSURE else None
        )
        self.call(
            services.decide,
            on,
            fallback=self.cursor,
            ground=ground,
            legal_basis=f"《中华人民共和国政府信息公开条例》{texts.LEGAL_BASIS[ground]}",
            summary=texts.SUMMARIES[ground],
            withheld=withheld,
        )

    def withdraw(self) -> None:
        if not self.alive:
            return
        on = self.ctx.add(self.cursor, self.rng.randint(1, 10))
        self.call(
            services.withdraw,
            on,
            fallback=self.cursor,
            reason=self.rng.choice(texts.WITHDRAW_REASONS),
        )

    def deliver(self) -> None:
        if not self.alive:
            return
        wanted = self.app.delivery_wanted
        on = self.ctx.add(self.cursor, self.rng.choice((0, 0, 1, 1, 2, 3)))
        if wanted == "post":
            method, proof = Delivery.Method.POST, f"EMS {self.rng.randint(10**12, 10**13 - 1)}"
        elif wanted == "collect":
            method, proof = Delivery.Method.IN_PERSON, f"申请人{self.app.applicant_name}当面签收"
        elif wanted == "online":
            method, proof = Delivery.Method.ONLINE, "依申请公开系统网上送达记录"
        else:
            method, proof = Delivery.Method.EMAIL, f"已发送至 {self.app.email}"
        self.call(services.record_delivery, on, method=method, proof=proof)

    def archive(self) -> None:
        concluded = self.app.concluded_on
        day = concluded + dt.timedelta(self.rng.randint(10, 45))
        if day >= self.ctx.today:
            return
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(16, self.rng.randint(0, 59))))
        try:
            services.archive(self.app, actor=self.handler, now=at)
        except services.ActionRefused as e:
            self.ctx.refusals.append(f"{self.code} archive: {e}")


# ------------------------------------------------------------------ what each case is


def _person(rng: random.Random, today: dt.date, i: int, ground: str | None) -> people.Person:
    kinds, weights = zip(*APPLICANT_TYPES, strict=True)
    kind = rng.choices(kinds, weights=weights)[0]
    if ground in (Ground.ART39_1_PETITION, Ground.ART30_UNCLEAR, Ground.ART30_NO_CORRECTION):
        kind = ApplicantType.NATURAL_PERSON  # these are almost always individuals
    return people.applicant(rng, kind, today, i)


def _submission_date(rng: random.Random, ctx: Context, latest: dt.date) -> dt.date:
    """A day between 1 January two years back and `latest`, slightly more in later years,
    mostly on working days."""
    first = dt.date(ctx.today.year - 2, 1, 1)
    span = (latest - first).days
    day = first + dt.timedelta(int(span * rng.random() ** 0.9))
    if not ctx.calendar.is_workday(day) and rng.random() < 0.75:
        day = ctx.calendar.next_workday(day)
    return min(day, latest)


def _concluded_story(story: Story, ground: str, rng: random.Random) -> None:
    """Receipt to decision (or other end) for a case meant to end with `ground`."""
    story.confirm()
    if not story.alive:
        return
    if ground == Ground.ART30_NO_CORRECTION:
        story.correction(received=False)
        _after(story, rng)
        return
    if ground == Ground.ART30_UNCLEAR or rng.random() < 0.06:
        story.correction(received=True)
    if ground == Ground.WITHDRAWN_OR_OTHER:
        story.withdraw()
        _after(story, rng, deliver=False)
        return
    if ground == Ground.FEE_NOT_PAID:
        story.fee(paid=False)
        _after(story, rng)
        return
    if ground == Ground.ART15_THIRD_PARTY:
        story.consult("refuse")
    elif ground == Ground.ART37_PARTIAL_DISCLOSURE and rng.random() < 0.4:
        story.consult(rng.choice(("refuse", "silent")))
    elif ground == Ground.ART36_2_CAN_BE_DISCLOSED and rng.random() < 0.08:
        story.consult(rng.choice(("agree", "silent", "agency")))
    if rng.random() < (
        0.35 if ground in (Ground.ART15_THIRD_PARTY, Ground.ART37_PARTIAL_DISCLOSURE) else 0.07
    ):
        story.extend()
    if (
        ground in (Ground.ART36_2_CAN_BE_DISCLOSED, Ground.ART37_PARTIAL_DISCLOSURE)
        and rng.random() < 0.04
    ):
        story.fee(paid=True)
    if story.alive:
        story.decide(ground, late=rng.random() < 0.05)
    _after(story, rng)


def _after(story: Story, rng: random.Random, *, deliver: bool = True) -> None:
    if not story.alive or story.app.concluded_on is None:
        return
    if deliver:
        story.deliver()
    if rng.random() < 0.9:
        story.archive()


def _pinned(ctx: Context, i: int, key: str, target: str) -> None:
    """An open case in the state `target` today (dates counted back from today)."""
    rng = random.Random(f"{SEED}:{i}")
    story = Story(ctx, rng, key, tracking_code(i))
    person = _person(rng, ctx.today, i, None)
    text = texts.request_for(rng, key, None, ctx.today.year)
    if target == "submitted":
        on = ctx.today - dt.timedelta(rng.randint(0, 2))
        story.receive(person, Channel.ONLINE, text, on)
        return
    if target == "overdue":
        story.receive(person, Channel.LETTER_SIGNED, text, ctx.back(26))
        return
    if target == "in_progress":
        story.receive(person, Channel.IN_PERSON, text, ctx.back(rng.randint(2, 8)))
    elif target == "awaiting_correction":
        story.receive(person, Channel.IN_PERSON, text, ctx.back(6))
        story.call(
            services.request_correction,
            ctx.back(3),
            items=rng.choice(texts.CORRECTION_ITEMS),
        )
    elif target == "awaiting_payment":
        story.receive(person, Channel.LETTER_SIGNED, text, ctx.back(14))
        story.call(
            services.issue_fee_notice,
            ctx.back(3),
            method=FeeNotice.Method.PER_VOLUME,
            pages=rng.randint(60, 240),
        )
    elif target == "in_consultation":
        story.receive(person, Channel.ONLINE, text, ctx.back(12))
        story.confirm(lag=1)
        story.call(
            services.start_consultation,
            ctx.back(4),
            party=people.company_name(rng),
            kind="third_party",
        )
    elif target == "extended":
        story.receive(person, Channel.IN_PERSON, text, ctx.back(22))
        story.call(
            services.extend,
            ctx.back(4),
            days=20,
            reason=rng.choice(texts.EXTENSION_REASONS),
            approved_by=story.head,
        )


def _cluster(ctx: Context, i: int, k: int) -> None:
    """The k-th request (0-based) of one applicant to the housing bureau in April of last
    year, one per working day: the 11th and later cost 100 元 each (按件计收)."""
    rng = random.Random(f"{SEED}:{i}")
    person_rng = random.Random(f"{SEED}:cluster-person")
    person = people.applicant(person_rng, ApplicantType.NATURAL_PERSON, ctx.today, 9000)
    on = ctx.workday_on_or_after(dt.date(ctx.today.year - 1, 4, 1))
    for _ in range(k):
        on = ctx.calendar.next_workday(on)
    story = Story(ctx, rng, "zjj", tracking_code(i))
    text = texts.fill(CLUSTER_REQUESTS[k], random.Random(f"{SEED}:cluster-road"), on.year)
    story.receive(person, Channel.LETTER_SIGNED, text, on)
    ground = CLUSTER_GROUNDS[k]
    if ground == "fee_paid":
        story.fee(paid=True, per_item=True)
        ground = Ground.ART36_2_CAN_BE_DISCLOSED
    elif ground == Ground.FEE_NOT_PAID:
        story.fee(paid=False, per_item=True)
        _after(story, rng)
        return
    story.decide(ground)
    _after(story, rng)


def _ordinary(ctx: Context, i: int, ground: str | None, latest: dt.date) -> None:
    rng = random.Random(f"{SEED}:{i}")
    if ground is None:
        grounds, weights = zip(*GROUND_WEIGHTS.items(), strict=True)
        ground = rng.choices(grounds, weights=weights)[0]
    keys = texts.offices_for(ground) or DEPARTMENTS
    weights = [AGENCY_WEIGHTS[DEPARTMENTS.index(k)] for k in keys]
    key = rng.choices(keys, weights=weights)[0]
    on = _submission_date(rng, ctx, latest)
    story = Story(ctx, rng, key, tracking_code(i))
    channels, cweights = zip(*CHANNELS, strict=True)
    channel = rng.choices(channels, weights=cweights)[0]
    person = _person(rng, ctx.today, i, ground)
    story.receive(person, channel, texts.request_for(rng, key, ground, on.year), on)
    _concluded_story(story, ground, rng)


def plan() -> list[tuple[str, tuple]]:
    """Case number i → what it is: ("pinned", (key, target)) | ("cluster", (k,)) |
    ("ground", (ground,)) | ("random", ())."""
    out: list[tuple[str, tuple]] = []
    for key in DEPARTMENTS:
        out.extend(("pinned", (key, target)) for target in OPEN_TARGETS)
    out.append(("pinned", ("zjj", "overdue")))
    out.extend(("cluster", (k,)) for k in range(len(CLUSTER_GROUNDS)))
    for _ in range(MIN_PER_GROUND):
        out.extend(("ground", (g.value,)) for g in Ground)
    while len(out) < N_CASES:
        out.append(("random", ()))
    return out


def load_cases(ctx: Context, *, progress: Callable[[int, int], None] | None = None) -> None:
    """Create the demo cases that are not there yet (by tracking code)."""
    steps = plan()
    codes = [tracking_code(i) for i in range(len(steps))]
    existing = set(
        Application.objects.filter(tracking_code__in=codes).values_list("tracking_code", flat=True)
    )
    # cases meant to reach their ground end well before today; the others may still be open
    settled = ctx.today - dt.timedelta(120)
    yesterday = ctx.today - dt.timedelta(1)
    for i, (kind, args) in enumerate(steps):
        if codes[i] in existing:
            continue
        if kind == "pinned":
            _pinned(ctx, i, *args)
        elif kind == "cluster":
            _cluster(ctx, i, *args)
        elif kind == "ground":
            _ordinary(ctx, i, args[0], settled)
        else:
            _ordinary(ctx, i, None, yesterday)
        if progress:
            progress(i + 1, len(steps))


def make_context(agencies: dict[str, Agency], staff: dict[str, Staff]) -> Context:
    now = timezone.now()
    return Context(
        today=timezone.localdate(now),
        now=now,
        calendar=work_calendar(),
        agencies=agencies,
        staff=staff,
    )
