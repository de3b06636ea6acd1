"""Readers and writers. Every reader checks the CRS and raises :class:`~ungtloft_map.core.errors.DataError`."""
