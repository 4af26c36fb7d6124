"""``make run``: the port is the newcomer's choice, and the addresses printed are the ones served."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(*args: str) -> str:
    return subprocess.run(["make", "-n", "run", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_make_run_serves_and_prints_the_port_asked_for():
    commands = dry_run("PORT=8123")
    assert "http://127.0.0.1:8123/" in commands and "http://127.0.0.1:8123/admin/" in commands
    assert "runserver 127.0.0.1:8123" in commands
    assert "8000" not in commands


def test_make_run_defaults_to_port_8000():
    assert "runserver 127.0.0.1:8000" in dry_run()
