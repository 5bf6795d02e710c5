"""Following one person among several: largest first, then continuity, whoever grows larger."""

import pytest

from formcheck.pose.people import CALM_S, CROWD_CHECK_S, CROWDED_MIN_S, Box, PersonSelector

BIG = Box(0.05, 0.3, 0.55, 0.8)
SMALL = Box(0.6, 0.5, 0.9, 0.8)


def shifted(box, dx):
    return Box(box.x0 + dx, box.y0, box.x1 + dx, box.y1)


def test_largest_person_is_chosen_first():
    assert PersonSelector().select([SMALL, BIG], 0.0) == 1


def test_equal_sizes_go_to_the_one_nearest_the_centre():
    left, middle = Box(0.0, 0.4, 0.3, 0.7), Box(0.35, 0.4, 0.65, 0.7)
    assert PersonSelector().select([left, middle], 0.0) == 1


def test_followed_person_is_kept_when_the_other_grows_larger():
    selector = PersonSelector()
    selector.select([BIG, SMALL], 0.0)
    grown = Box(0.5, 0.1, 1.0, 1.0)  # the other person walks up to the camera
    assert selector.select([grown, shifted(BIG, 0.02)], 0.1) == 1


def test_choice_is_made_afresh_after_the_followed_person_is_lost():
    selector = PersonSelector()
    selector.select([BIG], 0.0)
    assert selector.select([], 0.5) is None
    assert selector.select([SMALL, Box(0.0, 0.0, 0.2, 0.2)], 0.5 + 1.5) == 0


def test_warning_only_after_enough_time_with_several_people():
    selector = PersonSelector()
    for step in range(5):
        selector.select([BIG, SMALL], step * 0.1)
    assert selector.warnings() == []
    for step in range(5, 5 + int(CROWDED_MIN_S / 0.1) + 1):
        selector.select([BIG, SMALL], step * 0.1)
    (warning,) = selector.warnings()
    assert warning.startswith("up to 2 people were in view for 1.")


def test_crowd_model_runs_once_a_second_then_while_people_are_there():
    selector = PersonSelector()
    assert selector.wants_crowd_model(0.0)
    selector.counted(1, 0.0)
    assert not selector.wants_crowd_model(CROWD_CHECK_S / 2)
    assert selector.wants_crowd_model(CROWD_CHECK_S)
    selector.counted(2, CROWD_CHECK_S)
    assert selector.wants_crowd_model(CROWD_CHECK_S + 0.1)
    assert selector.wants_crowd_model(CROWD_CHECK_S + CALM_S - 0.1)
    selector.counted(1, CROWD_CHECK_S + CALM_S + 0.1)
    assert not selector.wants_crowd_model(CROWD_CHECK_S + CALM_S + 0.2)


def test_box_overlap():
    assert BIG.iou(BIG) == pytest.approx(1.0)
    assert BIG.iou(SMALL) == 0.0


def test_one_person_found_twice_is_one_person():
    """The several-people model returns a close-framed person twice, boxes overlapping 0.9: one
    person, so no crowd mode and no warning; a second person beside them is kept."""
    from formcheck.pose.people import Box, distinct

    person = Box(0.1, 0.2, 0.9, 1.0)
    again = Box(0.12, 0.18, 0.9, 0.98)
    beside = Box(0.6, 0.3, 0.95, 0.9)
    assert distinct([person, again]) == [0]
    assert distinct([again, person, beside]) == [1, 2]
