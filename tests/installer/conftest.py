"""Measurements of the frozen-app tests, printed in pytest's summary (also with ``-q``)."""

from __future__ import annotations

import pytest

_METRICS = pytest.StashKey[dict]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_METRICS] = {}


@pytest.fixture(scope="session")
def installer_metrics(request: pytest.FixtureRequest) -> dict:
    """A dict the tests fill with ``name: text``; shown under "frozen app" at the end."""
    return request.config.stash[_METRICS]


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    metrics = config.stash.get(_METRICS, None)
    if metrics:
        terminalreporter.section("frozen app (dist/UngtLoftMap)")
        for name, value in metrics.items():
            terminalreporter.write_line(f"{name:<28} {value}")
