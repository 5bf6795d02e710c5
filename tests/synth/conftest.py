import numpy as np
import pytest

from formcheck_synth.body import LANDMARK_NAMES, load_body
from formcheck_synth.motion import ClipMotion
from formcheck_synth.posing import pose_body


@pytest.fixture(scope="session")
def body():
    return load_body("a")


def landmarks_at(spec, t):
    """True 3D landmarks of a clip's body at time t, as a name -> point dict."""
    body = load_body(spec.body)
    posed = pose_body(body, ClipMotion(spec, body).posture_at(t))
    return dict(zip(LANDMARK_NAMES, posed.landmarks)), posed


def planar(point):
    """A world point in the sagittal plane of a lying body: (x, z)."""
    return np.array([point[0], point[2]])
