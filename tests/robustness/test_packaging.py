"""A regular (non-editable) install holds the package and its sample clip, and nothing else: no
user's formcheck-out/ folder that happens to sit next to pyproject.toml. Checked with the same
package discovery setuptools runs on pyproject.toml, without building (no download at test time)."""

import tomllib
from pathlib import Path

from setuptools import find_namespace_packages

from formcheck.cli import DEFAULT_SAMPLE

REPO = Path(__file__).resolve().parents[2]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_only_the_package_is_found_next_to_a_users_output_folder(tmp_path):
    for folder in ("formcheck/pose", "formcheck/data", "formcheck-out", "formcheck_outputs", "models"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "formcheck-out" / "clip.report.json").write_text("{}")
    # pyproject's [tool.setuptools.packages.find] discovers namespace packages by default
    found = find_namespace_packages(where=str(tmp_path), **SETUPTOOLS["packages"]["find"])
    assert sorted(found) == ["formcheck", "formcheck.data", "formcheck.pose"]


def test_sample_clip_for_the_readme_command_is_package_data():
    patterns = SETUPTOOLS["package-data"]["formcheck"]
    package = REPO / "formcheck"
    assert any((package / "data" / DEFAULT_SAMPLE) in package.glob(pattern) for pattern in patterns)
    assert (package / "data" / DEFAULT_SAMPLE).stat().st_size > 100_000
