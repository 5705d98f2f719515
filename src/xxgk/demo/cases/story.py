"""One demo case's history (`Story`): its steps run through `xxgk.applications.services`,
dated by the context's calendar; a step dated after today ends the story."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.utils import timezone

from xxgk.applications import letters, services
from xxgk.applications.grounds import Ground
from xxgk.applications.models import (
    Application,
    Channel,
    Delivery,
    Event,
    FeeNotice,
    Letter,
    Status,
)
from xxgk.demo import people, texts

from .context import Context


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
        # an office extends when the answer cannot be ready in time: in the last few working
        # days before the deadline, not on the second day (art. 33)
        left = self.rng.randint(1, 5)
        on = self.ctx.add(self.cursor, 1)
        while on < due and self.ctx.calendar.workdays_between(on, due) > left:
            on = self.ctx.calendar.next_workday(on)
        on = min(on, due)
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
        extra = {}
        if ground == Ground.ART35_EXCESSIVE:  # art. 35: the applicant is asked for reasons first
            asked = self.ctx.add(self.cursor, 1)
            self.call(services.request_reasons, asked, items=texts.EXCESSIVE_REASONS_ASKED)
            on = max(on, self.ctx.add(asked, 3))
        if ground == Ground.ART36_6_DUPLICATE:  # art. 36(6): the earlier answered application
            extra["earlier"] = self._earlier_answered(on)
        if not self.alive:
            return
        self.call(
            services.decide,
            on,
            fallback=self.cursor,
            ground=ground,
            legal_basis=f"《中华人民共和国政府信息公开条例》{texts.LEGAL_BASIS[ground]}",
            summary=texts.SUMMARIES[ground],
            withheld=withheld,
            **extra,
        )
        if self.alive and self.app.status == Status.AWAITING_APPROVAL:  # the head approves
            approved = self.ctx.add(self.cursor, 1)
            if self.due_in_time(approved):
                services.approve_decision(self.app, on=approved, actor=self.head)
                self.app = Application.objects.get(pk=self.app.pk)
                self.cursor = approved

    def _earlier_answered(self, on: dt.date) -> Application | None:
        """The agency's latest application answered by `on` and received before this one (the
        request it repeats)."""
        return (
            Application.objects.filter(
                agency=self.agency,
                status=Status.CONCLUDED,
                decision__isnull=False,
                receipt_date__lte=self.app.receipt_date,
                concluded_on__lte=on,
            )
            .exclude(pk=self.app.pk)
            .order_by("-concluded_on", "-pk")
            .first()
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
        letter = self.file_letters()
        self.call(services.record_delivery, on, method=method, proof=proof, letter=letter)

    def file_letters(self) -> Letter | None:
        """The letters a concluded case carries, made as the office would have: the notices of
        its steps (补正, 延期, 收费, 征求意见) and the reply — or, for a case ended without one,
        the 终止办理告知书. Returns the letter that concluded it (the one delivered)."""
        app = Application.objects.get(pk=self.app.pk)
        kinds = set(app.events.values_list("kind", flat=True))
        steps = [
            (Event.Kind.CORRECTION_REQUESTED, Letter.Kind.CORRECTION),
            (Event.Kind.CONSULTATION_STARTED, Letter.Kind.CONSULTATION),
            (Event.Kind.EXTENDED, Letter.Kind.EXTENSION),
            (Event.Kind.FEE_NOTICE_ISSUED, Letter.Kind.FEE_NOTICE),
        ]
        try:
            for event_kind, letter_kind in steps:
                if event_kind in kinds:
                    letters.issue_letter(app, letter_kind, actor=self.handler)
            if hasattr(app, "decision"):
                return letters.issue_reply_letter(app, actor=self.handler)
            return letters.issue_letter(app, Letter.Kind.TERMINATION, actor=self.handler)
        except services.ActionRefused as e:
            self.ctx.refusals.append(f"{self.code} letters: {e}")
            return None

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
