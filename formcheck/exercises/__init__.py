"""Exercise analyzers, one module each, and the registry that maps ids to them.

Adding an exercise (README, "Adding an exercise"): write ``formcheck/exercises/<id>.py`` with an
``Exercise`` subclass, touching no other exercise, and add the class to ``EXERCISES`` below. ``RECOGNISABLE`` holds those automatic recognition considers
(not the McGill endurance tests, which run only when named).
"""

from __future__ import annotations

from formcheck.errors import InputError
from formcheck.exercises.base import Exercise
from formcheck.exercises.back_extension import BackExtension
from formcheck.exercises.bird_dog import BirdDog
from formcheck.exercises.cat_camel import CatCamel
from formcheck.exercises.childs_pose import ChildsPose
from formcheck.exercises.dead_bug import DeadBug
from formcheck.exercises.deadlift import Deadlift
from formcheck.exercises.figure_four import FigureFour
from formcheck.exercises.glute_bridge import GluteBridge
from formcheck.exercises.hip_thrust import HipThrust
from formcheck.exercises.mcgill_extensor import McGillExtensor
from formcheck.exercises.mcgill_flexor import McGillFlexor
from formcheck.exercises.mcgill_side_bridge import McGillSideBridgeLeft, McGillSideBridgeRight
from formcheck.exercises.plank import Plank
from formcheck.exercises.prone_press_up import PronePressUp
from formcheck.exercises.reverse_hip_raise import ReverseHipRaise
from formcheck.exercises.side_plank import SidePlank
from formcheck.exercises.superman import Superman

EXERCISES: dict[str, type[Exercise]] = {
    cls.id: cls
    for cls in (
        GluteBridge, Plank, BirdDog, SidePlank, Superman, DeadBug, CatCamel, HipThrust, ReverseHipRaise,
        BackExtension, PronePressUp, ChildsPose, FigureFour, Deadlift,
        McGillFlexor, McGillExtensor, McGillSideBridgeRight, McGillSideBridgeLeft,
    )
}
RECOGNISABLE: dict[str, type[Exercise]] = {exercise_id: cls for exercise_id, cls in EXERCISES.items() if cls.auto_recognised}


def create(exercise_id: str) -> Exercise:
    """A fresh analyzer for ``exercise_id``; a clear error naming the valid ids otherwise."""
    try:
        return EXERCISES[exercise_id]()
    except KeyError:
        raise InputError(f"unknown exercise {exercise_id!r}; choose one of: {', '.join(EXERCISES)}") from None


__all__ = ["EXERCISES", "RECOGNISABLE", "Exercise", "create"]
