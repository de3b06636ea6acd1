"""Zone exports: every format opens, suppression applied, atomic, clear errors."""

from __future__ import annotations

import pandas as pd
import pyogrio
import pytest

from ungtloft_map.core.errors import DataError
from ungtloft_map.core.export import export_zones, suppressed_zone_frame


@pytest.fixture(scope="module")
def demo_zt(demo_project):
    return demo_project.zone_table()


def _small_count_cells(zt):
    cols = [c for c, i in zt.info.items() if i.kind == "count" and c.endswith("_count")]
    df = zt.gdf[cols]
    return [(z, c) for c in cols for z in df.index if 0 < df.at[z, c] < 5]


def test_demo_has_small_counts_to_suppress(demo_zt):
    assert _small_count_cells(demo_zt)


def test_suppressed_frame_hides_every_small_count_and_its_rate(demo_zt):
    frame, mask = suppressed_zone_frame(demo_zt)
    for zone, col in _small_count_cells(demo_zt):
        assert pd.isna(frame.at[zone, col])
        assert pd.isna(frame.at[zone, col.removesuffix("_count")])
    # secondary: no district has exactly one suppressed count for an indicator
    for col in [c for c in mask.columns if c.endswith("_count")]:
        per_district = mask[col].groupby(demo_zt.gdf["district_id"]).sum()
        assert not (per_district == 1).any(), col


@pytest.mark.parametrize("suffix", [".gpkg", ".csv", ".xlsx"])
def test_export_formats(tmp_path, demo_zt, suffix):
    out = tmp_path / f"zones{suffix}"
    res = export_zones(demo_zt, out)
    assert out.exists() and res.rows == 50 and res.suppressed_cells > 0
    assert "ExportResult" in repr(res)
    small = _small_count_cells(demo_zt)
    zone, col = small[0]
    if suffix == ".gpkg":
        layers = [n for n, _ in pyogrio.list_layers(out)]
        assert layers == ["levekarssoner", "kolonner"]
        df = pyogrio.read_dataframe(out, layer="levekarssoner")
        assert df.crs.to_epsg() == 25832 and len(df) == 50
        assert pd.isna(df.set_index("zone_id").at[zone, col])
        assert (df["merknad"] == "FIKTIVE DEMODATA – ikke virkelige tall").all()
    elif suffix == ".csv":
        df = pd.read_csv(out, dtype={"zone_id": str}, encoding="utf-8-sig")
        assert pd.isna(df.set_index("zone_id").at[zone, col])
        assert (tmp_path / "zones.kolonner.csv").exists()
    else:
        df = pd.read_excel(out, sheet_name="levekarssoner", dtype={"zone_id": str})
        assert df.set_index("zone_id").at[zone, col] == "–"
        cols = pd.read_excel(out, sheet_name="kolonner")
        assert "Lavinntekt (EU60)" in set(cols["navn"])
    assert not list(tmp_path.glob(".zones*"))  # no temp file left behind


def test_unknown_format(tmp_path, demo_zt):
    with pytest.raises(DataError, match="unknown export type"):
        export_zones(demo_zt, tmp_path / "z.shp")


def test_failed_write_keeps_previous_file(tmp_path, demo_zt, monkeypatch):
    out = tmp_path / "z.csv"
    out.write_text("previous")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", boom)
    with pytest.raises(DataError, match="No space left"):
        export_zones(demo_zt, out)
    assert out.read_text() == "previous"
