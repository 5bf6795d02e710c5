import numpy as np

from formcheck_synth.kinematics import forward_kinematics, posed_landmarks, skin_vertices


def _identity(body):
    return np.tile(np.eye(3), (len(body.bone_names), 1, 1))


def test_rest_pose_reproduces_rest_mesh(body):
    pose = forward_kinematics(body, _identity(body), body.bone_heads[0])
    np.testing.assert_allclose(skin_vertices(body, pose), body.vertices, atol=1e-6)
    np.testing.assert_allclose(posed_landmarks(body, pose), body.landmark_points, atol=1e-9)


def test_knee_flexed_90_degrees_swings_the_ankle_backwards(body):
    rotations = _identity(body)
    # Flexing the knee turns the shin about the body's left-right axis (x): the ankle goes back (+y).
    angle = np.radians(90)
    rotations[body.bone("lowerleg01.L")] = np.array(
        [[1, 0, 0], [0, np.cos(angle), -np.sin(angle)], [0, np.sin(angle), np.cos(angle)]]
    )
    pose = forward_kinematics(body, rotations, body.bone_heads[0])
    landmarks = posed_landmarks(body, pose)
    knee, ankle = body.landmark("left_knee"), body.landmark("left_ankle")
    moved = landmarks[27]
    shin = ankle - knee
    expected = knee + np.array([shin[0], -shin[2], shin[1]])
    np.testing.assert_allclose(moved, expected, atol=1e-9)
    np.testing.assert_allclose(landmarks[28], body.landmark("right_ankle"), atol=1e-9)
    assert np.linalg.norm(moved - knee) == np.linalg.norm(shin)


def test_skin_weights_sum_to_one(body):
    np.testing.assert_allclose(body.skin_weights.sum(axis=1), 1.0, atol=1e-12)
