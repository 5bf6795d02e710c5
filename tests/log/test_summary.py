"""Weekly volumes and the ACWR of a log built from reports dated over several weeks."""

from datetime import date, timedelta

import pytest

from formcheck.log import Band, TrainingLog, Variant, acwr_series, entry_from_report, summarize, weekly_volumes
from support.log_reports import bridge_report, log_with, plank_report

MONDAY = date(2026, 1, 5)


def test_weekly_volume_per_exercise_and_in_total(tmp_path):
    with TrainingLog.open(tmp_path / "log.sqlite") as log:
        log.add(entry_from_report(bridge_report(3, 15, "1"), None, MONDAY, log.measure))  # 135 s
        log.add(entry_from_report(plank_report(3, 40.0, "1"), None, MONDAY + timedelta(days=2), log.measure))  # 120 s
        log.add(entry_from_report(bridge_report(2, 10, "2"), None, MONDAY + timedelta(days=6), log.measure))  # Sunday: 60 s
        log.add(entry_from_report(plank_report(2, 30.0, "2"), None, MONDAY + timedelta(days=14), log.measure))  # week 3
        entries = log.entries()
    weeks = weekly_volumes(entries)
    assert [w.week_start for w in weeks] == [MONDAY, MONDAY + timedelta(days=7), MONDAY + timedelta(days=14)]
    assert [w.load for w in weeks] == [pytest.approx(315.0), 0.0, pytest.approx(60.0)]
    first = weeks[0].exercises
    assert (first["glute_bridge"].sessions, first["glute_bridge"].sets, first["glute_bridge"].reps) == (2, 5, 65)
    assert (first["plank"].sets, first["plank"].hold_s) == (3, pytest.approx(120.0))
    assert weeks[1].exercises == {}
    assert weeks[2].exercises["plank"].time_under_tension_s == pytest.approx(60.0)


def test_a_log_imported_by_date_gives_the_hand_computed_ratio(tmp_path):
    """Sessions Mon/Thu: 60 s each for four weeks, then Mon 90 s and Thu 90 s in week five.
    On Sunday of week five (day 35): acute = 180 / 7; chronic over days 8-35 = (6 x 60 + 180) / 28;
    ratio = (180 / 7) / (540 / 28) = 1.333: above the band."""
    loads = {}
    for week in range(5):
        for weekday in (0, 3):
            loads[MONDAY + timedelta(days=7 * week + weekday)] = [90.0 if week == 4 else 60.0]
    as_of = MONDAY + timedelta(days=34)
    log = log_with(tmp_path / "log.sqlite", loads)
    summary = summarize(str(log.path), log.measure, log.entries(), as_of)
    log.close()
    assert summary.acwr.acute == pytest.approx(180 / 7)
    assert summary.acwr.chronic == pytest.approx(540 / 28)
    assert summary.acwr.ratio == pytest.approx(4 / 3)
    assert summary.acwr.band is Band.HIGH
    assert "deload due: 4 weeks" in summary.notes[0]  # week five is the one in progress
    series = acwr_series(summary.entries, MONDAY, as_of)
    assert len(series) == 35
    assert [p.band for p in series[:27]] == [Band.NOT_ENOUGH_HISTORY] * 27
    assert series[27].ratio == pytest.approx(1.0)  # day 28: four identical weeks
    assert acwr_series(summary.entries, as_of, as_of, Variant.EWMA)[0] == summary.ewma


def test_entries_after_the_as_of_date_are_left_out(tmp_path):
    log = log_with(tmp_path / "log.sqlite", {MONDAY: [10.0], MONDAY + timedelta(days=40): [20.0]})
    summary = summarize(str(log.path), log.measure, log.entries(), MONDAY + timedelta(days=10))
    log.close()
    assert len(summary.entries) == 1
    assert "no session for 10 days" not in " ".join(summary.notes)
    assert summary.to_dict()["acwr_series"][-1]["date"] == (MONDAY + timedelta(days=10)).isoformat()


def test_page_figures_give_the_page_weekly_volume_and_the_daily_ratio(tmp_path):
    from formcheck.log.summary import page_figures

    path = tmp_path / "log.sqlite"
    assert page_figures(path) is None  # no log yet: nothing to plot, and nothing created
    assert not path.exists()
    with log_with(path, {MONDAY + timedelta(days=i): [100.0] for i in range(28)}):
        pass
    figures = page_figures(path, as_of=MONDAY + timedelta(days=27))
    assert [volume for _, _, volume in figures["weekly_volume"]] == [pytest.approx(700.0)] * 4
    assert figures["acwr"][-1] == ((MONDAY + timedelta(days=27)).isoformat(), pytest.approx(1.0))
    assert figures["acwr"][0][1] is None  # the first 27 days: not enough history
    assert len(figures["acwr"]) == 28
