"""UngtLøft Map: a desktop GIS planning tool for the UNGT LØFT programme in Trondheim.

The package is split so that everything except :mod:`ungtloft_map._qt` runs headless:

- :mod:`ungtloft_map.core` -- data loading (``core.io``) and analysis (``core.analysis``);
- :mod:`ungtloft_map.maps` -- folium (Leaflet) map builders, offline;
- :mod:`ungtloft_map.reports` -- HTML/PDF reports;
- :mod:`ungtloft_map._qt` -- the PySide6 desktop window, a thin view over the above.
"""

__version__ = "0.1.0"
