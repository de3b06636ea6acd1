"""The shipped catalogue and user catalogue files."""

from __future__ import annotations

import json

import pytest

from ungtloft_map.core.catalogue import Catalogue
from ungtloft_map.core.errors import DataError


def test_default_catalogue_is_complete():
    cat = Catalogue.default()
    assert len(cat) >= 10
    for ind in cat:
        assert ind.direction in ("high_is_bad", "high_is_good")
        assert ind.name_nb and ind.name_en and ind.unit and ind.definition_nb and ind.source
        assert ind.count == f"{ind.key}_count" and ind.denominator == f"{ind.key}_denom"
        assert set(ind.marmot) <= set("ABCDEFGH") and ind.marmot


def test_user_file_adds_and_replaces(tmp_path):
    p = tmp_path / "mine.json"
    p.write_text(json.dumps({"indicators": [
        {"key": "bullying", "name_nb": "Mobbing", "unit": "%", "direction": "high_is_bad",
         "count": "bullying_count", "denominator": "bullying_denom"},
        {"key": "neet", "name_nb": "NEET (egen)", "unit": "%", "direction": "high_is_bad"},
    ]}))
    cat = Catalogue.default().with_user_file(p)
    assert cat["bullying"].name_en == "Mobbing"
    assert cat["neet"].name_nb == "NEET (egen)"
    assert Catalogue.default()["neet"].name_nb != "NEET (egen)"  # the shipped one is untouched


def test_bad_user_file(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text(json.dumps({"indicators": [{"key": "x", "name_nb": "X", "unit": "%", "direction": "up"}]}))
    with pytest.raises(DataError, match="field 'direction', row 1"):
        Catalogue.from_file(p)
