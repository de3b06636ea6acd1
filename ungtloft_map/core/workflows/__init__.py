"""Workflows: what a user asks for, built from the pipeline and the operations in ``analysis``.

A workflow may read a project, run :func:`ungtloft_map.core.pipeline.compute_themes` and write
files; the operations it calls (``core/analysis``) take zone tables and frames only. The
import-linter "layers" contract in ``pyproject.toml`` keeps the arrows pointing down.
"""
