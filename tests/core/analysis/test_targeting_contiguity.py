"""Contiguity of target areas (core/analysis/targeting/contiguity.py) and the live-weight check
(ranking.has_live_weight) the panel uses instead of its own traversal and weight sums."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from ungtloft_map.core.analysis import targeting as tg
from ungtloft_map.core.errors import AnalysisError

X0, Y0 = 560_000.0, 7_030_000.0


def row_and_island() -> gpd.GeoDataFrame:
    """Five squares in a row (a..e), a sixth (f) far off: an island joined to its nearest zone."""
    geoms = [box(X0 + i * 100, Y0, X0 + (i + 1) * 100, Y0 + 100) for i in range(5)]
    geoms.append(box(X0 + 2000, Y0, X0 + 2100, Y0 + 100))
    return gpd.GeoDataFrame({"zone_name": list("ABCDEF")}, geometry=geoms, crs="EPSG:25832",
                            index=pd.Index(list("abcdef"), name="zone_id"))


def test_queen_weights_reused_only_when_they_fit():
    gdf = row_and_island()
    w = tg.queen_weights(gdf)
    assert w.kind == "queen" and sorted(map(str, w.ids)) == list("abcdef")
    assert tg.queen_weights(gdf, w) is w
    other = tg.queen_weights(gdf.iloc[:5])
    assert tg.queen_weights(gdf, other) is not other  # other zones: computed again


def test_adjacency_and_disconnected_by_hand():
    gdf = row_and_island()
    w = tg.queen_weights(gdf)
    adj = tg.adjacency(gdf, w)
    assert adj["b"] == {"a", "c"} and adj["a"] == {"b"}
    assert adj["f"] == {"e"}  # the island is attached to its nearest zone
    assert tg.disconnected(["a", "b", "c"], w) == []
    assert tg.disconnected(["a", "c", "d"], w) == ["c", "d"]  # c-d hang together, not with a
    assert tg.disconnected(["c", "a", "b"], w) == []  # any order
    assert tg.disconnected(["e", "f"], w) == []  # through the island's attachment
    assert tg.disconnected(["a"], w) == [] and tg.disconnected([], w) == []
    assert tg.disconnected(["a", "zz", "b"], w) == ["zz"]  # unknown zones are never connected
    assert tg.disconnected(["zz", "a"], w) == ["a"]


def test_require_connected_names_the_zones_apart():
    gdf = row_and_island()
    tg.require_connected(gdf, "Rad", ["a", "b", "c"])
    with pytest.raises(AnalysisError) as exc:
        tg.require_connected(gdf, "Spredt", ["a", "b", "d"])
    assert ("candidate 'Spredt' do not form one connected area: d D does not border a A, b B"
            in str(exc.value))
    # A window words it itself from the code and the zone ids.
    assert exc.value.code == "zones_not_connected"
    assert exc.value.params == {"candidate": "Spredt", "apart": ["d"], "joined": ["a", "b"]}


def test_has_live_weight():
    cols, themes = ["a", "b", "c"], {"a": "A", "b": "A", "c": "B"}
    assert tg.has_live_weight(cols, themes)  # defaults: every weight 1
    assert tg.has_live_weight(cols, themes, {"a": 0, "b": 0}, {})  # c in B still counts
    assert not tg.has_live_weight(cols, themes, {"a": 0, "b": 0}, {"B": 0})
    assert not tg.has_live_weight(cols, themes, {}, {"A": 0, "B": 0})
    assert not tg.has_live_weight(cols, themes, {"a": 0, "b": 0, "c": 0})
    # It agrees with the ranking: where it says no, rank_zones refuses.
    v = pd.DataFrame({"a": [5.0, 3, 4, 2, 1], "b": [3.0, 5, 4, 1, 2], "c": [1.0, 2, 3, 4, 5]},
                     index=pd.Index(list("pqrst"), name="zone_id"))
    d = dict.fromkeys(cols, "high_is_bad")
    with pytest.raises(AnalysisError) as exc:
        tg.rank_zones(v, d, themes, weights={"a": 0, "b": 0}, theme_weights={"B": 0})
    assert exc.value.code == "weights_zero"  # the window says it in its own words
    with pytest.raises(AnalysisError) as exc:
        tg.rank_zones(v, d, themes, baseline_weights={"a": 0, "b": 0, "c": 0})
    assert exc.value.code == "baseline_weights_zero"
    with pytest.raises(AnalysisError) as exc:
        tg.stability(v, d, themes, weights={"a": 0, "b": 0, "c": 0}, top_n=2)
    assert exc.value.code == "weights_zero"
    tg.rank_zones(v, d, themes, weights={"a": 0, "b": 0})
