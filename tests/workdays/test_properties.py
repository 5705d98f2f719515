"""Properties of the counting, over random dates 2004–2036 (packaged and assumed years)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.workdays import WorkCalendar, due

CAL = WorkCalendar()
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2036, 12, 31))
counts = st.integers(min_value=0, max_value=60)


@st.composite
def exclusions(draw, start: date):
    n = draw(st.integers(0, 3))
    out = []
    for _ in range(n):
        a = start + timedelta(draw(st.integers(-10, 90)))
        out.append((a, a + timedelta(draw(st.integers(0, 20)))))
    return out


@FAST
@given(starts, counts)
def test_add_workdays_lands_on_the_nth_working_day(start, n):
    end = CAL.add_workdays(start, n)
    if n == 0:
        assert end == start
        return
    assert CAL.is_workday(end)
    assert CAL.workdays_between(start, end) == n
    assert CAL.workdays_between(start, end - timedelta(1)) == n - 1
    brute = sum(CAL.is_workday(start + timedelta(i)) for i in range(1, (end - start).days + 1))
    assert brute == n


@FAST
@given(starts, counts)
def test_count_start_day_moves_the_date_back_by_one_working_day_at_most(start, n):
    on = WorkCalendar(count_start_day=True)
    plain, counted = CAL.add_workdays(start, n), on.add_workdays(start, n)
    if n and CAL.is_workday(start):
        assert CAL.workdays_between(counted, plain) == 1 or (n == 1 and counted == start)
    else:
        assert counted == plain


@FAST
@given(starts.flatmap(lambda s: st.tuples(st.just(s), counts, exclusions(s))))
def test_exclusions_never_bring_the_deadline_forward(case):
    start, n, excluded = case
    plain = due(start, n, calendar=CAL)
    paused = due(start, n, excluded=excluded, calendar=CAL)
    assert plain.date == CAL.add_workdays(start, n)
    assert paused.date >= plain.date
    # every working day in (start, date] is either counted or excluded
    assert CAL.workdays_between(start, paused.date) == n + paused.excluded_days
    # the steps cover day 0 .. the due date without gaps, and count n days
    assert paused.steps[0].start == start and paused.steps[-1].end == paused.date
    for a, b in zip(paused.steps, paused.steps[1:], strict=False):
        assert b.start == a.end + timedelta(1)
        assert (a.kind, a.reason) != (b.kind, b.reason)
    assert sum(s.days for s in paused.steps) == n
    # warnings exactly for the assumed years touched
    years = range(start.year, paused.date.year + 1)
    assert len(paused.warnings) == sum(CAL.coverage(y) == "assumed" for y in years)
