"""Private helpers of :mod:`ungtloft_map.demo` (the fictional demo municipality generator).

Nothing here is public API; the modules are split by theme only to keep each one readable:
``landscape`` (coast, water, boundary, roads), ``zones`` (levekårssoner and bydeler),
``people`` (population grid, dwellings, municipal housing, indicators), ``green``,
``transit`` (GTFS), ``plans`` (GeoJSON and SOSI regulation plans) and ``output`` (writers).
"""
