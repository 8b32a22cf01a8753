"""Shared pytest set-up: fixtures from tests/fixtures are available everywhere."""
from __future__ import annotations

import importlib.util

pytest_plugins = ["tests.fixtures.config"] + [
    name for name in ("tests.fixtures.database", "tests.fixtures.factories")
    if importlib.util.find_spec(name) is not None
]
