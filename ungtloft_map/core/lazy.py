"""Attributes of a package imported on first use (PEP 562), so a cheap path stays cheap.

Examples
--------
In a package's ``__init__.py``::

    from ungtloft_map.core.lazy import lazy_attributes

    __getattr__, __dir__ = lazy_attributes(__name__, {"compute_matrix": "matrix"}, globals())
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(
    package: str, names: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Module ``__getattr__`` and ``__dir__`` that import ``names[name]`` (a submodule) on use.

    Parameters
    ----------
    package
        The package's ``__name__``.
    names
        Attribute name -> submodule name (relative to ``package``).
    namespace
        The package's ``globals()``; a looked-up value is stored there, so the next access is a
        plain attribute.

    Examples
    --------
    >>> getattr_, dir_ = lazy_attributes("json", {"JSONDecoder": "decoder"}, {})
    >>> getattr_("JSONDecoder").__name__
    'JSONDecoder'
    """

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted([*namespace, *names])

    return __getattr__, __dir__
