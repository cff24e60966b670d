"""The business day follows the store's rules, not the calendar: after a Z the next shift opens
the next business day, and a store open past midnight keeps its day until the cut-off hour."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from pos_app.config import Config, ShiftConfig
from pos_app.domain.shift import business_date_at
from tests_support import user_id

SHANGHAI = timezone(timedelta(hours=8))


def local(*parts: int) -> datetime:
    """A moment given in the till's local time (the cut-off is a local hour)."""
    return datetime(*parts).astimezone()


def close_and_z(app, session, manager):
    count = app.shifts.submit_count(session, {"note_100": 1})
    app.shifts.confirm_close(session, count.count_id)
    return app.reports.close_day(manager)


@pytest.fixture
def people(app):
    return (app.auth.login(user_id(app, "Li Na"), "1111"), app.auth.login(user_id(app, "王强"), "8888"))


def test_after_a_z_the_next_shift_opens_the_next_business_day_the_same_evening(app, people):
    li_na, manager = people
    app.shifts.clock = lambda: local(2026, 11, 23, 9, 0)
    assert app.shifts.open_shift(li_na, {"note_100": 1}).business_date == date(2026, 11, 23)
    app.shifts.clock = lambda: local(2026, 11, 23, 21, 0)
    app.reports.clock = app.shifts.clock
    assert close_and_z(app, li_na, manager).business_date == "2026-11-23"
    # Same evening, before midnight: the day with a Z is over, selling goes on on the next one.
    assert app.shifts.next_business_date() == date(2026, 11, 24)
    assert app.shifts.open_shift(li_na, {"note_100": 1}).business_date == date(2026, 11, 24)


def test_a_store_open_past_midnight_keeps_its_day_until_the_cutoff(app, people):
    li_na, manager = people
    app.shifts.clock = lambda: local(2026, 11, 23, 18, 0)
    app.shifts.open_shift(li_na, {"note_100": 1})
    app.shifts.clock = lambda: local(2026, 11, 24, 0, 30)  # the late shift closes after midnight
    count = app.shifts.submit_count(li_na, {"note_100": 1})
    app.shifts.confirm_close(li_na, count.count_id)
    app.shifts.clock = lambda: local(2026, 11, 24, 1, 0)  # a second late shift: still the 23rd
    assert app.shifts.open_shift(li_na, {"note_100": 1}).business_date == date(2026, 11, 23)
    assert close_and_z(app, li_na, manager).business_date == "2026-11-23"
    app.shifts.clock = lambda: local(2026, 11, 24, 7, 0)
    assert app.shifts.open_shift(li_na, {"note_100": 1}).business_date == date(2026, 11, 24)


def test_the_cutoff_hour_comes_from_the_shift_config(demo_dir, tmp_path):
    from pos_app.bootstrap import build_app

    ctx = build_app(Config(language="en", shift=ShiftConfig(business_day_cutoff_hour=0)), demo_dir)
    try:
        assert ctx.shifts.business_day_cutoff_hour() == 0
        ctx.shifts.clock = lambda: local(2026, 11, 24, 1, 0)
        assert ctx.shifts.next_business_date() == date(2026, 11, 24)  # midnight ends the day
    finally:
        ctx.close()
    assert Config().shift.business_day_cutoff_hour == 4


@pytest.mark.parametrize("at, closed, expected", [
    (datetime(2026, 11, 24, 3, 59, tzinfo=SHANGHAI), None, date(2026, 11, 23)),
    (datetime(2026, 11, 24, 4, 0, tzinfo=SHANGHAI), None, date(2026, 11, 24)),
    (datetime(2026, 11, 24, 3, 0, tzinfo=SHANGHAI), date(2026, 11, 23), date(2026, 11, 24)),
    (datetime(2026, 11, 24, 23, 0, tzinfo=SHANGHAI), date(2026, 11, 24), date(2026, 11, 25)),
    (datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI), date(2026, 11, 20), date(2026, 11, 24)),
])
def test_business_date_rule(at, closed, expected):
    assert business_date_at(at, 4, closed) == expected
