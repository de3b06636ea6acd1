"""Zone styles and legends (:mod:`ungtloft_map.maps.zonestyle`), shared by the web and static maps."""

from __future__ import annotations

import subprocess
import sys

from ungtloft_map.core.project import Project
from ungtloft_map.maps import zonemap, zonestyle


def test_the_web_map_uses_the_same_styles() -> None:
    for name in zonestyle.__all__:
        assert getattr(zonemap, name) is getattr(zonestyle, name), name
    zt = Project.demo().zone_table()
    web = zonemap.build_zone_map(zt, "low_income")
    assert web.styles == zonestyle.layer_style(zt, "low_income").styles


def test_static_maps_and_pdf_reports_do_not_import_the_web_map_stack() -> None:
    """folium/branca (and their Jinja templates) are for the Leaflet page only."""
    code = (
        "import sys\n"
        "import ungtloft_map.maps.static, ungtloft_map.maps.print_layout\n"
        "import ungtloft_map.reports.plan_report, ungtloft_map.reports._common\n"
        "print(sorted(m for m in ('folium', 'branca') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == "[]"
