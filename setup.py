"""Only the package list lives here; everything else is in pyproject.toml.

pyproject.toml can either find packages or list them, not both, and the bundled data folders
(`guideline_data/` and `resources/` at the top of the repository, mapped into the wheel as
haip_desktop/bundled/... by [tool.setuptools.package-dir]) are not found by searching.
"""

from setuptools import find_packages, setup

BUNDLED = ["haip_desktop.bundled.guideline_data", "haip_desktop.bundled.resources"]

setup(packages=find_packages(include=["haip_desktop", "haip_desktop.*"]) + BUNDLED)
