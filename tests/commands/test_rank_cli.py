"""``ungtloft-map rank``: CSV of the zones by composite index, weights file, stability, errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ungtloft_map.cli import main

COLUMNS = ["zone_id", "zone_name", "rank", "score", "rank_change", "n_flags"]


def read(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"zone_id": str}, encoding="utf-8-sig")


def test_rank_demo_default(tmp_path, capsys):
    out = tmp_path / "ranking.csv"
    assert main(["rank", "--out", str(out)]) == 0
    df = read(out)
    assert list(df.columns) == COLUMNS
    assert len(df) == 50
    assert df["rank"].is_monotonic_increasing and df["rank"].iloc[0] == 1
    assert (df["rank_change"] == 0).all()  # default weights = the baseline
    assert df["score"].between(0, 1).all()
    assert df["n_flags"].notna().all()
    assert "50 zones written" in capsys.readouterr().out


def test_rank_tiny_project_with_weights_top_and_stability(tmp_path, tiny_project_dir, capsys):
    weights = tmp_path / "w.json"
    weights.write_text(json.dumps({"weights": {"neet": 3}, "method": "zscore"}), "utf-8")
    out = tmp_path / "r.csv"
    # --project before the sub-command (the app's global option) ...
    code = main(["--project", str(tiny_project_dir), "rank", "--weights", str(weights),
                 "--top", "2", "--stability", "--draws", "200", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    df = read(out)
    assert list(df.columns) == ["zone_id", "zone_name", "rank", "score", "rank_change",
                                "stability", "n_flags"]
    assert len(df) == 2 and df["rank"].tolist() == [1, 2]
    assert df["stability"].between(0, 1).all()
    # ... and after it, with --method overriding the file's method.
    out2 = tmp_path / "r2.csv"
    assert main(["rank", "--project", str(tiny_project_dir), "--method", "ratio",
                 "--out", str(out2)]) == 0
    assert len(read(out2)) == 6


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    (json.dumps({"weights": {"neet": -1}}), "field 'weights.neet': the weight of 'neet' must be a number >= 0"),
    (json.dumps({"method": "median"}), "unknown index method 'median'"),
    (json.dumps([1, 2]), "must hold an object"),
])
def test_rank_bad_weights_file(tmp_path, capsys, content, message):
    weights = tmp_path / "w.json"
    weights.write_text(content, "utf-8")
    out = tmp_path / "r.csv"
    assert main(["rank", "--weights", str(weights), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_rank_missing_weights_file(tmp_path, capsys):
    assert main(["rank", "--weights", str(tmp_path / "nope.json"), "--out",
                 str(tmp_path / "r.csv")]) == 2
    assert "nope.json: the weights file does not exist" in capsys.readouterr().err


def test_rank_zero_weights_is_a_message(tmp_path, tiny_project_dir, capsys):
    weights = tmp_path / "w.json"
    weights.write_text(json.dumps({"theme_weights": {"levekar": 0}}), "utf-8")
    out = tmp_path / "r.csv"
    assert main(["rank", "--project", str(tiny_project_dir), "--weights", str(weights),
                 "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "ungtloft-map rank: cannot rank the zones: the weights add up to 0" in err
    assert not out.exists()


def test_rank_too_large_top_for_stability(tmp_path, tiny_project_dir, capsys):
    out = tmp_path / "r.csv"
    assert main(["rank", "--project", str(tiny_project_dir), "--top", "6", "--stability",
                 "--out", str(out)]) == 2
    assert "top N = 6 is not smaller than the 6 zones" in capsys.readouterr().err
