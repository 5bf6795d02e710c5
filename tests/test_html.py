"""The HTML session page: one self-contained file with the angle chart, the rep table, sets when
the report has them, left and right, fault frames from the video, the log charts and the McGill
ratios; and a real browser renders it (when Chromium is installed)."""

import base64
import json
import re
import shutil
import subprocess
import sys

import cv2
import numpy as np
import pytest

import posegen as g
from formcheck.events import Fault, FaultEnded
from formcheck.exercises.glute_bridge import GluteBridge
from formcheck.html import LogView, render_mcgill_page, render_report_page
from formcheck.report import SAFETY_NOTE, Report

TEMPO = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.5, down_s=1.0)
DURATION_S = 1.0 + 3 * TEMPO.period_s + 1.0
FAULT_AT_S = 6.0


def bridges(t):
    _, u = g.rep_phase(t, TEMPO, 3)
    return g.to_pose(g.bridge(125.0 + 55.0 * u), t)


def bridge_report(video="clip.mp4") -> dict:
    """Three synthetic bridges, with a fault added at ``FAULT_AT_S`` (the page shows what it is given)."""
    _, events = g.run(GluteBridge(), bridges, DURATION_S)
    fault = Fault("overarch", "Hips pushed above the line", FAULT_AT_S, FAULT_AT_S + 1.0)
    events.append(FaultEnded(FAULT_AT_S + 1.0, fault=fault))
    return Report("glute_bridge", str(video), frames=300, pose_frames=300, duration_s=DURATION_S, events=tuple(events)).to_dict()


def clock_video(path, seconds=12.0, fps=10.0):
    """Each frame's grey level is its index: a frame read back says which time it was taken at."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (320, 240))
    for index in range(int(seconds * fps)):
        writer.write(np.full((240, 320, 3), index * 2, np.uint8))
    writer.release()
    return path


def images(html):
    """Decoded PNGs of every data URI in the page."""
    found = []
    for encoded in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html):
        data = base64.b64decode(encoded)
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        found.append(cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR))
    return found


@pytest.fixture
def page(tmp_path):
    video = clock_video(tmp_path / "clip.avi")
    report = bridge_report(video)
    html = render_report_page(report, tmp_path / "page.html").read_text()
    return report, html


def test_page_is_one_file_with_charts_and_no_outside_links(page):
    report, html = page
    assert report["series"] and len(images(html)) == 2  # the angle chart and one fault frame
    assert 'alt="key angle over time' in html
    assert not re.search(r'(src|href)="(https?:|file:|/)', html)
    assert SAFETY_NOTE in html


def test_rep_table_has_each_rep_with_its_numbers(page):
    report, html = page
    rows = re.findall(r'<tr class="rep">(.*?)</tr>', html)
    assert len(rows) == len(report["rep_details"]) == 3
    for row, rep in zip(rows, report["rep_details"]):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        assert cells[:5] == [str(rep["index"]), f"{rep['peak']:.0f}", f"{rep['up_s']:.1f} s", f"{rep['top_s']:.1f} s", f"{rep['down_s']:.1f} s"]
    assert [float(re.findall(r"<td[^>]*>(.*?) s</td>", row)[1]) for row in rows] == pytest.approx([1.5] * 3, abs=0.2)


def test_fault_frame_is_the_video_frame_at_the_fault_start(page):
    _, html = page
    frame = images(html)[-1]
    assert frame.shape[1] == 560
    assert float(frame.mean()) == pytest.approx(FAULT_AT_S * 10 * 2, abs=4)  # frame 60 of a 10 fps clip
    assert "overarch" in html and "6.0-7.0 s" in html


def test_a_rep_fault_is_shown_at_the_rep_peak(tmp_path):
    """A fault judged on a whole rep spans the rep, which starts at the bottom: its picture is the peak."""
    video = clock_video(tmp_path / "clip.avi")
    _, events = g.run(GluteBridge(), bridges, DURATION_S)
    report = Report("glute_bridge", str(video), frames=300, pose_frames=300, duration_s=DURATION_S, events=tuple(events)).to_dict()
    rep = report["rep_details"][1]
    report["bouts"][0]["faults"] = [{"code": "rushing", "message": "No pause", "start_s": rep["start_s"], "end_s": rep["end_s"]}]
    frame = images(render_report_page(report, tmp_path / "p.html").read_text())[-1]
    assert float(frame.mean()) == pytest.approx(round(rep["peak_s"] * 10) * 2, abs=4)


def test_without_the_video_the_faults_are_listed_without_frames(tmp_path):
    html = render_report_page(bridge_report(tmp_path / "gone.mp4"), tmp_path / "p.html").read_text()
    assert len(images(html)) == 1
    assert "source video was not found" in html and "overarch" in html


def test_sets_show_as_a_coach_writes_them(tmp_path, page):
    report, html = page
    assert 'id="sets"' in html and "1 x 3" in html  # the rendered bridge clip: one set of three
    report["sets"] = [{"set": i + 1, "exercise": "glute_bridge", "reps": 15, "reps_by_side": None, "holds": [{"duration_s": 2.0}] * 15,
                       "faults": [], "rest_before_s": None if i == 0 else 60.0 + i} for i in range(3)]
    with_sets = render_report_page(report, tmp_path / "sets.html").read_text()
    assert "3 x 15" in with_sets
    rows = re.findall(r'<tr class="set">(.*?)</tr>', with_sets)
    assert [re.findall(r"<td[^>]*>(.*?)</td>", r)[5] for r in rows] == ["-", "61.0 s", "62.0 s"]
    assert [re.findall(r"<td[^>]*>(.*?)</td>", r)[3] for r in rows] == ["30.0 s"] * 3


def test_left_and_right_are_compared_when_the_report_has_sides(tmp_path):
    report = bridge_report(tmp_path / "gone.mp4")
    imbalance = {"message": "left side held 40.0 s, right side 30.0 s", "margin": "ratio below 0.95"}
    report.update(hold_by_side={"left": 40.0, "right": 30.0}, imbalances=[imbalance])
    html = render_report_page(report, tmp_path / "p.html").read_text()
    assert 'id="sides"' in html and 'alt="left and right compared"' in html
    assert "<td class=\"num\">0.75</td>" in html and "ratio below 0.95" in html


def test_log_charts_and_mcgill_ratios(tmp_path, page):
    report, _ = page
    log = LogView(weekly_volume=[("2026-01-05", "plank", 300.0), ("2026-01-05", "glute_bridge", 120.0), ("2026-01-12", "plank", 420.0)],
                  acwr=[("2026-02-01", None), ("2026-02-02", 1.1), ("2026-02-03", 1.45), ("2026-02-04", 0.7)])
    mcgill = [{"date": "2026-01-01T10:00:00", "times_s": {"flexion": 50.0, "extension": 100.0, "side_right": 60.0, "side_left": 62.0},
               "ratios": [{"name": "flexion/extension", "value": 0.5, "target": "< 1.00", "ok": True}]},
              {"date": "2026-02-01T10:00:00", "times_s": {"flexion": 70.0, "extension": 60.0, "side_right": 50.0, "side_left": 40.0},
               "ratios": [{"name": "flexion/extension", "value": 1.17, "target": "< 1.00", "ok": False}]}]
    html = render_report_page(report, tmp_path / "log.html", log=log, mcgill=mcgill).read_text()
    for alt in ("weekly volume", "acute:chronic workload ratio", "McGill ratios against their targets", "McGill times over retests"):
        assert f'alt="{alt}' in html
    assert "outside target" in html and "1.17" in html


def test_mcgill_page(tmp_path):
    result = {"date": "2026-02-01T10:00:00", "times_s": {"flexion": 70.0, "extension": 100.0},
              "ratios": [{"name": "flexion/extension", "value": 0.7, "target": "< 1.00", "ok": True},
                         {"name": "right/left side bridge", "value": None, "target": "0.95-1.05", "ok": None}]}
    html = render_mcgill_page(result, [], tmp_path / "m.html").read_text()
    assert len(images(html)) == 1 and "within target" in html and "not measured" in html
    assert "70.0 s" in html and SAFETY_NOTE in html


def test_report_command_writes_the_page_and_rejects_non_reports(tmp_path):
    video = clock_video(tmp_path / "clip.avi")
    (tmp_path / "r.json").write_text(json.dumps(bridge_report(video)))
    from formcheck.mcgill import McGillResult, McGillTest, store_result

    store_result(McGillResult({McGillTest.FLEXION: 40.0, McGillTest.EXTENSION: 80.0}, date="2026-02-01T10:00:00"), tmp_path / "log.sqlite")
    done = subprocess.run([sys.executable, "-m", "formcheck", "report", str(tmp_path / "r.json"), "--html", str(tmp_path / "r.html"),
                           "--log", str(tmp_path / "log.sqlite")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "r.html").read_text()
    assert len(images(page)) == 3  # the angle chart, the fault frame, the McGill ratios
    assert "flexion/extension" in page and "0.50" in page
    (tmp_path / "bad.json").write_text("[1, 2]")
    bad = subprocess.run([sys.executable, "-m", "formcheck", "report", str(tmp_path / "bad.json"), "--html", str(tmp_path / "b.html")],
                         capture_output=True, text=True, timeout=120)
    assert (bad.returncode, bad.stderr.strip()) == (2, f"formcheck: error: {tmp_path / 'bad.json'} is not a formcheck report")


def test_the_page_needs_no_exercise_registry():
    """The report carries what the page needs: rendering never imports the exercises."""
    code = "import sys, formcheck.html; print(any(m.startswith('formcheck.exercises') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)")
def test_chromium_renders_the_page(tmp_path, page):
    _, html = page
    (tmp_path / "page.html").write_text(html)
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--screenshot={shot}",
                    "--window-size=1280,2000", (tmp_path / "page.html").as_uri()], capture_output=True, timeout=120, check=True)
    image = cv2.imread(str(shot))
    assert image.shape[:2] == (2000, 1280)
    inked = (image < 200).any(axis=2)
    assert inked.mean() > 0.05  # text and charts, not a blank page
    chart_blue = (np.abs(image.astype(int) - (0x99, 0x4E, 0x1F)).sum(axis=2) < 60)  # the angle line (BGR)
    assert chart_blue.sum() > 500
