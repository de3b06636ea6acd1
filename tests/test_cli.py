"""The command line: selftest and errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys

from ungtloft_map.cli import main


def test_selftest_on_demo(capsys, demo_dir):
    assert main(["--selftest"]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and "0 network references" in out and "fiktiv" in out


def test_selftest_on_tiny_project(capsys, tiny_project_dir):
    assert main(["--selftest", "--project", str(tiny_project_dir)]) == 0


def test_bad_project_is_a_message_not_a_traceback(tmp_path):
    res = subprocess.run([sys.executable, "-m", "ungtloft_map", "--selftest", "--project", str(tmp_path)],
                         capture_output=True, text=True)
    assert res.returncode == 2
    assert "manifest.json" in res.stderr and "Traceback" not in res.stderr
