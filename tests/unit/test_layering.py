"""The layer rules of the style guide hold for the whole package."""
from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_imports_respect_layer_contracts():
    exe = shutil.which("lint-imports") or str(pathlib.Path(sys.executable).parent / "lint-imports")
    if not pathlib.Path(exe).exists():
        pytest.fail("import-linter is a test dependency; install '.[test]'")
    result = subprocess.run([exe, "--config", ".importlinter", "--no-cache", "--no-logo"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
