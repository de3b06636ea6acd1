"""The pure parts of the dashboard (core/analysis/key_indicator.py): status and zone spread."""

from __future__ import annotations

import math

import pandas as pd

from ungtloft_map.core.analysis.key_indicator import (
    BETTER,
    NO_DATA,
    NO_REFERENCE,
    SAME,
    WORSE,
    compare,
    zone_spread,
)


def test_compare_is_direction_aware_with_a_relative_tolerance():
    assert compare(10.5, 10.0, "high_is_bad") == SAME  # within 5 % of 10
    assert compare(10.6, 10.0, "high_is_bad") == WORSE
    assert compare(10.6, 10.0, "high_is_good") == BETTER
    assert compare(10.6, 10.0, "high_is_good", tolerance=0.1) == SAME
    assert compare(3.0, None, "high_is_bad") == NO_REFERENCE
    assert compare(float("nan"), 3.0, "high_is_bad") == NO_DATA


def test_zone_spread_by_hand():
    v = pd.Series({"a": 10.0, "b": 40.0, "c": 20.0, "d": float("nan"), "e": 5.0})
    names = pd.Series({"a": "Sone A", "b": "Sone B", "c": "Sone C", "d": "Sone D", "e": "Sone E"})
    hidden = pd.Series({"a": False, "b": False, "c": False, "d": False, "e": True})
    s = zone_spread(v, "high_is_bad", hidden=hidden, names=names)
    assert (s.best.zone_id, s.best.zone_name, s.worst.zone_id) == ("a", "Sone A", "b")
    assert (s.ratio, s.difference, s.n_zones, s.n_left_out) == (4.0, 30.0, 3, 1)
    good = zone_spread(v, "high_is_good", hidden=hidden)
    assert (good.best.zone_id, good.worst.zone_id, good.best.zone_name) == ("b", "a", "b")
    # Within a scope (an area): only its zones count.
    assert zone_spread(v, "high_is_bad", scope=["b", "c"]).best.zone_id == "c"
    # Fewer than two zones that may be shown: no spread.
    assert zone_spread(v, "high_is_bad", hidden=hidden, scope=["a", "e"]) is None
    zero = zone_spread(pd.Series({"a": 0.0, "b": 3.0}), "high_is_bad")
    assert math.isnan(zero.ratio) and zero.difference == 3.0
