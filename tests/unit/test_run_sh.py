"""./run.sh says what it is doing on a first start, installs only when the dependencies changed,
and says when the service is ready. A fake venv stands in for pip and the server."""
import os
import stat
import subprocess

import pytest

from support import REPO

FAKE_PIP = """#!/bin/sh
echo "$@" >> "{calls}"
echo "Collecting torch==2.13.0"
[ -e "{fail}" ] && {{ echo "ERROR: No matching distribution found for torch"; exit 1; }}
exit 0
"""
# `python -m service` marks itself ready; `python -m service.healthcheck` succeeds once it is.
FAKE_PYTHON = """#!/bin/sh
if [ "$2" = service.healthcheck ]; then [ -e "{ready}" ]; exit $?; fi
echo "server started, models from $STANZA_RESOURCES_DIR" >&2
touch "{ready}"
sleep 2
"""


@pytest.fixture
def venv(tmp_path):
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    paths = {"calls": tmp_path / "pip-calls", "fail": tmp_path / "pip-fails", "ready": tmp_path / "ready"}
    for name, script in (("pip", FAKE_PIP), ("python", FAKE_PYTHON)):
        (bin_dir / name).write_text(script.format(**paths))
        (bin_dir / name).chmod(0o755 | stat.S_IXUSR)
    return tmp_path / "venv", paths


def start(venv_dir, **env):
    return subprocess.run([str(REPO / "run.sh")], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "VENV": str(venv_dir), "PORT": "18123",
                               "STANZA_RESOURCES_DIR": "/models/here", **env})


def test_first_start_says_what_it_does_and_when_it_is_ready(venv):
    venv_dir, paths = venv
    result = start(venv_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"run.sh: installing the service and its dependencies into {venv_dir}")
    assert "a few minutes the first time" in lines[0] and str(venv_dir / "pip.log") in lines[0]
    assert paths["calls"].read_text().split() == ["install", "-c", "constraints.txt", "torch==2.13.0", "-e", "."]
    assert "run.sh: starting on port 18123: loading the models from /models/here" in result.stderr
    assert "server started, models from /models/here" in result.stderr
    assert "run.sh: ready: http://localhost:18123/demo" in lines[-1]


def test_a_second_start_skips_the_install_until_the_dependencies_change(venv, tmp_path):
    venv_dir, paths = venv
    assert start(venv_dir).returncode == 0
    second = start(venv_dir)
    assert second.returncode == 0 and "installing" not in second.stderr
    assert len(paths["calls"].read_text().splitlines()) == 1
    (venv_dir / ".run-sh-installed").write_text("an older pyproject.toml\n")
    assert "installing" in start(venv_dir).stderr
    assert len(paths["calls"].read_text().splitlines()) == 2


def test_a_failed_install_shows_pips_error_and_stops(venv):
    venv_dir, paths = venv
    paths["fail"].touch()
    result = start(venv_dir)
    assert result.returncode == 1
    assert "ERROR: No matching distribution found for torch" in result.stderr
    assert "run.sh: the install failed" in result.stderr
    assert "server started" not in result.stderr and not (venv_dir / ".run-sh-installed").exists()
