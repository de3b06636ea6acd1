"""The operations contract of core/analysis (DEVELOPING.md, floors of core): every public
function takes zone tables, frames and values -- never a project. Workflows that read a project
live in core/workflows (or the pipeline); the import layers keep analysis from importing them,
and this test keeps a project from being handed in through a parameter."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import ungtloft_map.core.analysis as analysis


def _modules():
    for info in pkgutil.walk_packages(analysis.__path__, analysis.__name__ + "."):
        yield importlib.import_module(info.name)


def test_no_operation_takes_a_project():
    offenders = []
    for mod in _modules():
        for name, fn in inspect.getmembers(mod, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != mod.__name__:
                continue
            params = inspect.signature(fn).parameters
            hints = {k: str(p.annotation) for k, p in params.items()}
            if "project" in params or any("Project" in h for h in hints.values()):
                offenders.append(f"{mod.__name__}.{name}")
    assert not offenders, f"operations taking a project (move them to core/workflows): {offenders}"


def test_the_contract_sees_the_operations():
    # The walk must reach the split packages, or the test above proves nothing.
    names = {m.__name__ for m in _modules()}
    assert {"ungtloft_map.core.analysis.targeting.ranking", "ungtloft_map.core.analysis.sdg",
            "ungtloft_map.core.analysis.plan_impact",
            "ungtloft_map.core.analysis.key_indicator"} <= names
