"""``formcheck log`` for people: the history, weekly volumes, the ACWR and the notes, as text."""

from __future__ import annotations

from formcheck.log import load
from formcheck.log.entry import ExerciseDone, LogEntry
from formcheck.log.load import Acwr, Band
from formcheck.log.summary import ExerciseVolume, LogSummary
from formcheck.sets import SetFigures, coach_notation

WEEKS_SHOWN = 8
"""Weekly volumes shown by default (two chronic windows)."""


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _sets(done: ExerciseDone) -> str:
    return coach_notation(done.exercise, [SetFigures.from_dict(s) for s in done.sets])


def _entry_lines(entry: LogEntry) -> list[str]:
    time = entry.started_at.strftime("%H:%M") if entry.started_at else "--:--"
    lines = []
    for i, done in enumerate(entry.exercises):
        faults = sum(done.fault_codes.values())
        head = f"{entry.id:>4}  {entry.local_date.isoformat()}  {time}" if i == 0 else " " * 23
        load_text = _number(entry.load) if i == 0 else ""
        lines.append(f"  {head}  {_sets(done):<40s} {faults:>6d}  {load_text:>6s}")
    if entry.plan:
        plan = entry.plan
        lines.append(f"  {'':23s}  plan {plan.get('name')}: {plan.get('sets_met', 0)} of {plan.get('sets_planned', 0)} sets met")
    if entry.stop_reason:
        lines.append(f"  {'':23s}  stopped: {entry.stop_reason}")
    return lines


def _volume(name: str, volume: ExerciseVolume) -> str:
    work = f"{volume.reps} reps" if volume.reps else f"{volume.hold_s:.0f} s held"
    return f"{name.replace('_', ' ')} {volume.sets} sets, {work}"


BAND_WORDS = {
    Band.LOW: "below the band {low}-{high}: load is falling off  <- flagged",
    Band.IN_BAND: "in the band {low}-{high}",
    Band.HIGH: "above the band {low}-{high}: a spike, injury risk rises  <- flagged",
}


def _ratio(point: Acwr) -> str:
    if point.ratio is None:
        return point.band.value
    return f"{point.ratio:.2f}, " + BAND_WORDS[point.band].format(low=load.BAND_LOW, high=load.BAND_HIGH)


def render(summary: LogSummary, weeks: int = WEEKS_SHOWN) -> str:
    unit = summary.measure.label
    lines = [f"training log {summary.path}: {len(summary.entries)} sessions; load = {unit}"]
    if not summary.entries:
        return "\n".join(lines + ["  nothing logged yet: formcheck live, formcheck analyze --log, or formcheck log add REPORT.json"])
    lines += ["", "history", f"  {'id':>4}  {'date':10s}  {'time':5s}  {'sets':<40s} {'faults':>6s}  {'load':>6s}"]
    for entry in summary.entries:
        lines += _entry_lines(entry)
    lines += ["", f"weekly volume (Monday-Sunday, last {min(weeks, len(summary.weeks))} weeks; load in {unit})"]
    for week in summary.weeks[-weeks:]:
        done = "; ".join(_volume(name, v) for name, v in week.exercises.items()) or "rest"
        lines.append(f"  {week.week_start.isoformat()}  {_number(week.load):>6s}  {done}")
    lines += ["", f"acute:chronic workload ratio on {summary.as_of.isoformat()}"]
    rolling = summary.acwr
    if rolling.band is Band.NOT_ENOUGH_HISTORY:
        days = (summary.as_of - summary.entries[0].local_date).days + 1
        lines.append(f"  not enough history: {days} of the {load.CHRONIC_DAYS} days the chronic load needs")
    else:
        lines.append(f"  rolling {load.ACUTE_DAYS}/{load.CHRONIC_DAYS} days: acute {rolling.acute:.1f}, chronic"
                     f" {rolling.chronic:.1f} a day: {_ratio(rolling)}")
        lines.append(f"  EWMA (Williams et al. 2017): {_ratio(summary.ewma)}")
    if summary.notes:
        lines += ["", "notes"] + [f"  {note}" for note in summary.notes]
    return "\n".join(lines)
