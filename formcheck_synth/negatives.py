"""The negative movement scripts (none of the supported exercises), registered in `movement.NEGATIVES`."""

from __future__ import annotations

import importlib

#: Modules in formcheck_synth.motions whose `@negative` classes make up the negative movements.
MODULES = ("supine_moves", "prone_moves", "quadruped_moves", "upright_moves", "hinge_moves")


def load_negatives() -> None:
    """Import every negative movement script, which registers it."""
    for module in MODULES:
        importlib.import_module(f"formcheck_synth.motions.{module}")
