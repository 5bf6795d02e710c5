"""The acute:chronic workload ratio, deload and lay-off notes against hand-computed cases.

Dates: the log starts on Monday 2026-01-05; day 28 of it is Sunday 2026-02-01."""

from datetime import date, timedelta

import pytest

from formcheck.log import load
from formcheck.log.load import Band, Variant

START = date(2026, 1, 5)
DAY_28 = date(2026, 2, 1)


def every_day(first: date, count: int, value: float) -> dict[date, float]:
    return {first + timedelta(days=i): value for i in range(count)}


def test_constant_load_gives_1_from_day_28_and_not_enough_history_before():
    daily = every_day(START, 28, 100.0)
    point = load.rolling_acwr(daily, DAY_28)
    assert (point.acute, point.chronic, point.ratio, point.band) == (100.0, 100.0, 1.0, Band.IN_BAND)
    early = load.rolling_acwr(daily, DAY_28 - timedelta(days=1))  # day 27: the chronic window is not full
    assert early.band is Band.NOT_ENOUGH_HISTORY and early.ratio is None
    assert load.rolling_acwr(daily, START).band is Band.NOT_ENOUGH_HISTORY


def test_rest_days_count_as_zero_and_a_heavier_week_is_flagged_high():
    """Mon/Wed/Fri sessions: 60 for three weeks, 120 in the fourth.
    acute = 3 x 120 / 7 = 51.43; chronic = (9 x 60 + 3 x 120) / 28 = 32.14; ratio = 1.6."""
    daily = {}
    for week in range(4):
        for weekday in (0, 2, 4):
            daily[START + timedelta(days=7 * week + weekday)] = 120.0 if week == 3 else 60.0
    point = load.rolling_acwr(daily, DAY_28)
    assert point.acute == pytest.approx(360 / 7)
    assert point.chronic == pytest.approx(900 / 28)
    assert point.ratio == pytest.approx(1.6)
    assert point.band is Band.HIGH and point.flagged


def test_same_sessions_every_week_with_rest_days_are_in_band():
    """Mon/Wed/Fri at 60: acute = 180 / 7, chronic = 720 / 28, ratio exactly 1."""
    daily = {START + timedelta(days=7 * w + d): 60.0 for w in range(4) for d in (0, 2, 4)}
    point = load.rolling_acwr(daily, DAY_28)
    assert point.acute == pytest.approx(180 / 7) and point.chronic == pytest.approx(720 / 28)
    assert point.ratio == pytest.approx(1.0) and not point.flagged


def test_a_gap_lowers_the_ratio_below_the_band():
    """50 a day for 14 days (5-18 Jan), 12 days off, then 31 Jan and 1 Feb.
    acute = 2 x 50 / 7 = 14.29; chronic = 16 x 50 / 28 = 28.57; ratio = 0.5."""
    daily = every_day(START, 14, 50.0) | every_day(date(2026, 1, 31), 2, 50.0)
    point = load.rolling_acwr(daily, DAY_28)
    assert point.acute == pytest.approx(100 / 7)
    assert point.chronic == pytest.approx(800 / 28)
    assert point.ratio == pytest.approx(0.5)
    assert point.band is Band.LOW and point.flagged


def test_a_week_off_after_four_weeks_reads_zero_and_no_load_after_28_days_off():
    daily = every_day(START, 28, 100.0)
    week_off = load.rolling_acwr(daily, DAY_28 + timedelta(days=7))  # acute 0; chronic = 21 x 100 / 28
    assert week_off.chronic == pytest.approx(75.0) and week_off.ratio == 0.0 and week_off.band is Band.LOW
    gone = load.rolling_acwr(daily, DAY_28 + timedelta(days=28))
    assert gone.band is Band.NO_LOAD and gone.ratio is None


def test_the_band_edges_are_in_band():
    """Acute week at 130 after three weeks at 100: chronic = (21 x 100 + 7 x 130) / 28 = 107.5,
    ratio 130 / 107.5 = 1.209; at 0.8 and 1.3 exactly the ratio is still in band."""
    daily = every_day(START, 21, 100.0) | every_day(START + timedelta(days=21), 7, 130.0)
    assert load.rolling_acwr(daily, DAY_28).ratio == pytest.approx(130 / 107.5)
    assert load._point(DAY_28, Variant.ROLLING, 1.3, 1.0, True).band is Band.IN_BAND
    assert load._point(DAY_28, Variant.ROLLING, 0.8, 1.0, True).band is Band.IN_BAND


def test_sessions_on_one_day_add_up():
    assert load.daily_loads([(START, 30.0), (START, 70.0), (DAY_28, 5.0)]) == {START: 100.0, DAY_28: 5.0}


def test_ewma_matches_its_closed_form_for_a_constant_load():
    """Seeded at 0, a constant load L gives EWMA_n = L (1 - (1 - lambda)^n) after n days."""
    daily = every_day(START, 28, 100.0)
    point = load.acwr(daily, DAY_28, Variant.EWMA)
    acute = 100 * (1 - (1 - 2 / 8) ** 28)
    chronic = 100 * (1 - (1 - 2 / 29) ** 28)
    assert point.acute == pytest.approx(acute) and point.chronic == pytest.approx(chronic)
    assert point.ratio == pytest.approx(acute / chronic)  # 1.156: the EWMA chronic load still catching up
    assert load.acwr(daily, DAY_28 - timedelta(days=1), Variant.EWMA).band is Band.NOT_ENOUGH_HISTORY


def test_the_series_covers_every_day_asked_for():
    daily = every_day(START, 28, 100.0)
    series = load.acwr_series(daily, DAY_28 - timedelta(days=2), DAY_28 + timedelta(days=1))
    assert [p.as_of for p in series] == [DAY_28 - timedelta(days=2 - i) for i in range(4)]
    assert [p.band for p in series] == [Band.NOT_ENOUGH_HISTORY] * 2 + [Band.IN_BAND] * 2
    assert series[-1].ratio == pytest.approx((600 / 7) / (2700 / 28))
    ewma = load.acwr_series(daily, DAY_28, DAY_28 + timedelta(days=1), Variant.EWMA)
    assert [p.as_of for p in ewma] == [DAY_28, DAY_28 + timedelta(days=1)]


def weeks_of(loads: list[float]) -> dict[date, float]:
    """One session each Monday with that week's load."""
    return {START + timedelta(days=7 * i): value for i, value in enumerate(loads) if value}


@pytest.mark.parametrize(
    ("weekly", "build_up", "note"),
    [
        ([100, 110, 120], 3, None),
        ([100, 110, 120, 130], 4, "deload due: 4 weeks"),
        ([100, 95, 120, 130, 140], 5, "deload due: 5 weeks"),  # 95 is within 10% of 100: still building
        ([100, 110, 120, 130, 140, 150], 6, "deload overdue: 6 weeks"),
        ([100, 110, 120, 60, 100, 110], 2, None),  # the lighter week (60) ended the run
        ([100, 110, 0, 120, 130], 2, None),  # so did a week off
    ],
)
def test_deload_reminder_after_four_weeks_of_build_up(weekly, build_up, note):
    as_of = START + timedelta(days=7 * len(weekly))  # the Monday after the last complete week
    daily = weeks_of(weekly)
    assert load.build_up_weeks(daily, as_of) == build_up
    text = load.deload_note(daily, as_of)
    assert (text is None) if note is None else note in text


def test_the_week_in_progress_is_not_counted_as_build_up():
    daily = weeks_of([100, 110, 120, 130])
    assert load.build_up_weeks(daily, START + timedelta(days=7 * 4 - 1)) == 3  # Sunday of week 4


def test_lay_off_notes():
    sessions = [START + timedelta(days=i) for i in range(10)]  # last session 14 Jan
    assert load.layoff_note(sessions, date(2026, 1, 27)) is None  # 13 days off
    assert "no session for 14 days" in load.layoff_note(sessions, date(2026, 1, 28))
    back = sessions + [date(2026, 2, 1)]  # 17 days off (15-31 Jan), back on 1 Feb
    assert "back on 2026-02-01 after 17 days off" in load.layoff_note(back, date(2026, 2, 10))
    training_again = back + [date(2026, 2, 1) + timedelta(days=7 * k) for k in range(1, 5)]
    assert "back on 2026-02-01" in load.layoff_note(training_again, date(2026, 2, 28))  # day 28 since the return
    assert load.layoff_note(training_again, date(2026, 3, 1)) is None  # the ramp is over
    assert load.layoff_note(sessions[:5] + [date(2026, 1, 23)], date(2026, 1, 24)) is None  # 13 days off: no lay-off


def test_weekly_loads_fill_empty_weeks():
    daily = {START: 10.0, START + timedelta(days=6): 5.0, START + timedelta(days=15): 7.0}
    assert load.weekly_loads(daily, START + timedelta(days=15)) == {
        START: 15.0, START + timedelta(days=7): 0.0, START + timedelta(days=14): 7.0}
