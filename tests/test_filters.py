import numpy as np

import posegen as g
from formcheck.filters import IMAGE_FILTER, NearSideSelector, OneEuroFilter, PoseSmoother
from formcheck.pose.landmarks import Landmark, Side


def test_one_euro_removes_jitter_at_rest_and_follows_movement():
    rng = np.random.default_rng(0)
    f = OneEuroFilter(IMAGE_FILTER)
    t = np.arange(0, 10, 1 / 30)
    still = 0.5 + rng.normal(0, 0.004, t.size)  # 3 px of jitter on a 720 px frame
    out = np.array([f(np.array([v]), ti)[0] for v, ti in zip(still, t)])
    assert out[30:].std() < still[30:].std() / 3
    f.reset()
    step = np.where(t < 5, 0.3, 0.6)
    out = np.array([f(np.array([v]), ti)[0] for v, ti in zip(step, t)])
    settled = t[np.argmax((t > 5) & (np.abs(out - 0.6) < 0.01))]
    assert settled - 5 < 0.6


def test_smoother_restarts_after_a_gap():
    smoother = PoseSmoother()
    first = smoother(g.to_pose(g.plank(0.0), 0.0))
    moved = g.to_pose(g.bridge(125.0), 2.0)  # after a 2 s gap: no gliding from the old pose
    out = smoother(moved)
    assert first is not None and np.allclose(out.xy, moved.xy)


def test_near_side_follows_depth_with_hysteresis():
    selector = NearSideSelector()
    left_near = g.to_pose(g.plank(0.0), 0.0)
    assert selector(left_near) is Side.LEFT
    right_near = g.to_pose(g.plank(0.0), 0.1)
    right_near.depth[[j for j in range(11, 33) if j % 2 == 1]] += 2 * g.BODY_DEPTH * g.PIXELS_PER_METRE
    right_near.visibility[[j for j in range(11, 33) if j % 2 == 1]] = 0.5
    right_near.visibility[[j for j in range(11, 33) if j % 2 == 0]] = 0.99
    assert selector(right_near) is Side.LEFT  # one contrary frame is not enough
    sides = [selector(right_near) for _ in range(6)]
    assert sides[-1] is Side.RIGHT
    assert Landmark.RIGHT_HIP.value == 24
