"""Load management over a log's daily loads: the acute:chronic workload ratio, a deload reminder
and a gradual-ramp note after a lay-off (seed 004, Gabbett 2016).

Everything works on local calendar dates and one number per day (the sum of that day's session
loads, in the log's one measure); a day without a session is a rest day with load 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Iterable, Mapping

ACUTE_DAYS = 7
CHRONIC_DAYS = 28
"""Coupled rolling averages (Gabbett 2016): acute = mean daily load over the 7 days ending on the
as-of date, chronic = mean daily load over the 28 days ending on it (the acute week included)."""
BAND_LOW = 0.8
BAND_HIGH = 1.3
"""The ratio's "sweet spot" (Gabbett 2016): below it fitness fades, above it injury risk rises."""
EWMA_ACUTE_LAMBDA = 2 / (ACUTE_DAYS + 1)
EWMA_CHRONIC_LAMBDA = 2 / (CHRONIC_DAYS + 1)
"""Exponentially weighted variant (Williams et al. 2017, Br J Sports Med 51:209): lambda = 2/(N+1)
with N = 7 and 28 days; each day's average = lambda * load + (1 - lambda) * the day before's,
both seeded at 0 on the day before the first logged day."""
BUILD_UP_MIN_RATIO = 0.9
"""A week of build-up: a complete Monday-Sunday week with load, at least this fraction of the week
before it (load kept or raised). A lighter week ends the run."""
DELOAD_DUE_WEEKS = 4
DELOAD_OVERDUE_WEEKS = 6
"""A deload week every 4-6 weeks (seed 004, Gabbett 2016): remind after 4 weeks of build-up, say
it is overdue after 6."""
DELOAD_CUT = 0.4
"""How much lighter a deload week is meant to be: tapers that cut volume by 41-60% worked best
(Bosquet et al. 2007, Med Sci Sports Exerc 39:1358)."""
LAYOFF_DAYS = 14
"""Days in a row without a session that make a lay-off (seed 004: reintroduce load gradually)."""
RAMP_DAYS = CHRONIC_DAYS
"""After a lay-off the ramp note stays until the chronic window has filled again."""
RAMP_WEEKLY_RISE = 0.10
"""Keep week-to-week load increases under about 10% while ramping up (Gabbett 2016)."""


class Variant(str, Enum):
    ROLLING = "rolling"
    EWMA = "ewma"


class Band(str, Enum):
    LOW = "low"
    IN_BAND = "in band"
    HIGH = "high"
    NOT_ENOUGH_HISTORY = "not enough history"
    NO_LOAD = "no load"


@dataclass(frozen=True)
class Acwr:
    """The ratio on one date. ``ratio`` is None with ``band`` saying why (too little history, or
    no load at all in the chronic window)."""

    as_of: date
    variant: Variant
    acute: float
    chronic: float
    ratio: float | None
    """None before 28 days of history (the chronic load counts days before the log began as rest)
    and when the chronic window has no load."""
    band: Band

    @property
    def flagged(self) -> bool:
        return self.band in (Band.LOW, Band.HIGH)

    def to_dict(self) -> dict:
        return {
            "date": self.as_of.isoformat(), "variant": self.variant.value, "acute": round(self.acute, 3),
            "chronic": round(self.chronic, 3), "ratio": None if self.ratio is None else round(self.ratio, 3),
            "band": self.band.value, "flagged": self.flagged,
        }


def daily_loads(sessions: Iterable[tuple[date, float]]) -> dict[date, float]:
    """Sum of session loads per local date."""
    out: dict[date, float] = {}
    for day, load in sessions:
        out[day] = out.get(day, 0.0) + load
    return out


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _point(as_of: date, variant: Variant, acute: float, chronic: float, enough: bool) -> Acwr:
    if not enough:
        return Acwr(as_of, variant, acute, chronic, None, Band.NOT_ENOUGH_HISTORY)
    if chronic <= 0:
        return Acwr(as_of, variant, acute, chronic, None, Band.NO_LOAD)
    ratio = acute / chronic
    band = Band.LOW if ratio < BAND_LOW else Band.HIGH if ratio > BAND_HIGH else Band.IN_BAND
    return Acwr(as_of, variant, acute, chronic, ratio, band)


def _enough_history(daily: Mapping[date, float], as_of: date) -> bool:
    """The chronic window is full: the first logged day is at least 28 days back (inclusive)."""
    return bool(daily) and (as_of - min(daily)).days + 1 >= CHRONIC_DAYS


def rolling_acwr(daily: Mapping[date, float], as_of: date) -> Acwr:
    """Coupled rolling averages over the 7 and 28 days ending on ``as_of``, rest days as 0."""
    acute = sum(daily.get(as_of - timedelta(days=i), 0.0) for i in range(ACUTE_DAYS)) / ACUTE_DAYS
    chronic = sum(daily.get(as_of - timedelta(days=i), 0.0) for i in range(CHRONIC_DAYS)) / CHRONIC_DAYS
    return _point(as_of, Variant.ROLLING, acute, chronic, _enough_history(daily, as_of))


def ewma_series(daily: Mapping[date, float], end: date) -> list[Acwr]:
    """The EWMA ratio for every day from the first logged day to ``end``."""
    if not daily or end < min(daily):
        return []
    acute = chronic = 0.0
    out = []
    for day in _days(min(daily), end):
        load = daily.get(day, 0.0)
        acute = EWMA_ACUTE_LAMBDA * load + (1 - EWMA_ACUTE_LAMBDA) * acute
        chronic = EWMA_CHRONIC_LAMBDA * load + (1 - EWMA_CHRONIC_LAMBDA) * chronic
        out.append(_point(day, Variant.EWMA, acute, chronic, _enough_history(daily, day)))
    return out


def acwr(daily: Mapping[date, float], as_of: date, variant: Variant = Variant.ROLLING) -> Acwr:
    """The ratio on ``as_of`` in the chosen variant."""
    if variant is Variant.ROLLING:
        return rolling_acwr(daily, as_of)
    series = ewma_series(daily, as_of)
    return series[-1] if series else Acwr(as_of, Variant.EWMA, 0.0, 0.0, None, Band.NOT_ENOUGH_HISTORY)


def acwr_series(daily: Mapping[date, float], start: date, end: date, variant: Variant = Variant.ROLLING) -> list[Acwr]:
    """The ratio on every day from ``start`` to ``end`` (for plotting against the band)."""
    if variant is Variant.EWMA:
        return [point for point in ewma_series(daily, end) if point.as_of >= start]
    return [rolling_acwr(daily, day) for day in _days(start, end)]


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def weekly_loads(daily: Mapping[date, float], end: date) -> dict[date, float]:
    """Load per Monday-Sunday week from the first logged week to ``end``'s, empty weeks as 0."""
    if not daily:
        return {}
    weeks = {}
    monday = week_start(min(daily))
    while monday <= end:
        weeks[monday] = sum(daily.get(monday + timedelta(days=i), 0.0) for i in range(7))
        monday += timedelta(days=7)
    return weeks


def build_up_weeks(daily: Mapping[date, float], as_of: date) -> int:
    """Complete weeks of build-up in a row, ending with the last complete week before ``as_of``'s."""
    weeks = weekly_loads(daily, week_start(as_of) - timedelta(days=7))
    run, previous = 0, 0.0
    for load in weeks.values():
        run = run + 1 if load > 0 and load >= BUILD_UP_MIN_RATIO * previous else 0
        previous = load
    return run


def deload_note(daily: Mapping[date, float], as_of: date) -> str | None:
    weeks = build_up_weeks(daily, as_of)
    if weeks < DELOAD_DUE_WEEKS:
        return None
    when = "overdue" if weeks >= DELOAD_OVERDUE_WEEKS else "due"
    return (f"deload {when}: {weeks} weeks of build-up in a row; make this a lighter week"
            f" (about {100 * DELOAD_CUT:.0f}% less load), as planned every {DELOAD_DUE_WEEKS}-{DELOAD_OVERDUE_WEEKS} weeks")


def layoff_note(session_days: Iterable[date], as_of: date) -> str | None:
    """A gradual-ramp note while off for two weeks or more, or within 28 days of coming back."""
    days = sorted({d for d in session_days if d <= as_of})
    if not days:
        return None
    off = (as_of - days[-1]).days
    ramp = f"ramp up gradually, weekly load rising by no more than about {100 * RAMP_WEEKLY_RISE:.0f}% a week"
    if off >= LAYOFF_DAYS:
        return f"no session for {off} days: when you start again, {ramp}"
    for before, after in zip(reversed(days[:-1]), reversed(days[1:])):
        if (as_of - after).days >= RAMP_DAYS:
            break
        gap = (after - before).days - 1
        if gap >= LAYOFF_DAYS:
            return f"back on {after.isoformat()} after {gap} days off: {ramp}; the ratio reads high until the chronic load rebuilds"
    return None
