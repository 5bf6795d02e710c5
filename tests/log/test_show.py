"""``formcheck log`` as text: the history in coach notation, flagged ratios, the notes."""

from datetime import date, timedelta

from formcheck.log import TrainingLog, entry_from_report, summarize
from formcheck.log.show import render
from support.log_reports import bridge_report, log_with

MONDAY = date(2026, 1, 5)


def test_a_spike_is_flagged_and_the_notes_are_shown(tmp_path):
    """Three weeks at 30 s a day then a week at 90 s a day: acute 90, chronic (21 x 30 + 7 x 90) / 28 = 45, ratio 2.0."""
    loads = {MONDAY + timedelta(days=i): [30.0 if i < 21 else 90.0] for i in range(28)}
    log = log_with(tmp_path / "log.sqlite", loads)
    text = render(summarize(str(log.path), log.measure, log.entries(), MONDAY + timedelta(days=27)))
    log.close()
    assert "rolling 7/28 days: acute 90.0, chronic 45.0 a day: 2.00, above the band 0.8-1.3" in text
    assert "<- flagged" in text
    assert "plank 30 s" in text and "plank 90 s" in text


def test_history_in_coach_notation_with_a_lay_off_note(tmp_path):
    with TrainingLog.open(tmp_path / "log.sqlite") as log:
        log.add(entry_from_report(bridge_report(), None, MONDAY, log.measure))
        text = render(summarize(str(log.path), log.measure, log.entries(), MONDAY + timedelta(days=20)))
    assert "   1  2026-01-05  --:--  glute bridge 3 x 15" in text
    assert "no session for 20 days: when you start again, ramp up gradually" in text
    assert "not enough history: 21 of the 28 days" in text
