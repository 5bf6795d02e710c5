"""Stored landmark sequences (the corpus cache's arrays) back into poses, frame by frame."""

import numpy as np

from formcheck.pose.pose import poses_from_arrays


def test_arrays_become_poses_and_undetected_frames_none():
    frames = 3
    arrays = {
        "t_s": np.array([0.0, 0.1, 0.2], dtype=np.float32),
        "detected": np.array([True, False, True]),
        "image_xy": np.full((frames, 33, 2), 100.0, dtype=np.float32),
        "image_z": np.zeros((frames, 33), dtype=np.float32),
        "world": np.arange(frames * 33 * 3, dtype=np.float32).reshape(frames, 33, 3),
        "visibility": np.full((frames, 33), 0.9, dtype=np.float32),
    }
    (t0, first), (t1, missing), (t2, last) = poses_from_arrays(arrays, (640, 360))
    assert (t0, t1, t2) == (0.0, np.float32(0.1), np.float32(0.2)) and missing is None
    assert last.image_size == (640, 360) and last.t_s == np.float32(0.2)
    np.testing.assert_array_equal(last.world, arrays["world"][2])
    assert last.world.dtype == np.float64 and first.visibility[0] == np.float32(0.9)
