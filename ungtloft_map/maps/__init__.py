"""Folium map builders (Qt-free). Leaflet is served from an installed package, never a CDN."""
