"""What each demo case is (pinned open, the cluster, one of every ground, a random draw),
how its story goes, the plan of all cases, and loading the cases that are not there yet."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.utils import timezone

from xxgk.applications import services
from xxgk.applications.grounds import Ground
from xxgk.applications.models import ApplicantType, Application, Channel, Event, FeeNotice
from xxgk.demo import people, texts

from .context import Context
from .mix import (
    AGENCY_WEIGHTS,
    APPLICANT_TYPES,
    CHANNELS,
    CLUSTER_GROUNDS,
    CLUSTER_REQUESTS,
    DEPARTMENTS,
    GROUND_WEIGHTS,
    MIN_PER_GROUND,
    N_CASES,
    OPEN_TARGETS,
    SEED,
    tracking_code,
)
from .story import Story


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
    else:  # a withdrawn case is sent nothing, but its file holds the termination notice
        story.file_letters()
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
    elif target == "awaiting_approval":
        story.receive(person, Channel.IN_PERSON, text, ctx.back(9))
        story.call(
            services.decide,
            ctx.back(1),
            ground=Ground.ART16_2_PROCESS,
            legal_basis=f"《中华人民共和国政府信息公开条例》{texts.LEGAL_BASIS[Ground.ART16_2_PROCESS]}",
            summary=texts.SUMMARIES[Ground.ART16_2_PROCESS],
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
    # a withholding reply waiting for the head of the bureau that requires approval, last so
    # that the cases before it keep their numbers
    out[-1] = ("pinned", ("sthjj", "awaiting_approval"))
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
    at_office_hours(codes)


def at_office_hours(codes: list[str]) -> None:
    """The demo writes years of history in a minute, so every event would carry the minute of
    loading: each event of these cases is given instead the time a clerk would have recorded it —
    on its own date, in office hours, later than the case's previous event (today's events keep
    their real time)."""
    today = timezone.localdate()
    events = (
        Event.objects.filter(application__tracking_code__in=codes, effective_date__lt=today)
        .order_by("application_id", "pk")
        .only("pk", "application_id", "effective_date", "at")
    )
    changed: list[Event] = []
    last: dict[int, dt.datetime] = {}
    for event in events:
        rng = random.Random(f"{SEED}:at:{event.pk}")
        minute = 9 * 60 + rng.randint(0, 8 * 60 - 30)  # 9:00–16:30
        if minute >= 12 * 60:  # the lunch break (12:00–14:00) is skipped
            minute += 2 * 60 if minute < 14 * 60 else 0
        at = timezone.make_aware(dt.datetime.combine(event.effective_date, dt.time()))
        at += dt.timedelta(minutes=min(minute, 17 * 60 + 20), seconds=rng.randint(0, 59))
        previous = last.get(event.application_id)
        if previous is not None and at <= previous:
            at = previous + dt.timedelta(minutes=rng.randint(3, 40))
        last[event.application_id] = at
        event.at = at
        changed.append(event)
    Event.objects.bulk_update(changed, ["at"], batch_size=500)
