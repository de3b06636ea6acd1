"""Fuzzing the cross-process disk cache (ungtloft_map.core.cache.DiskCache.get), issue 15's
"a corrupt or half-written cache file is ignored and rebuilt".

A valid entry is written by ``DiskCache.put``; the fuzz cuts and flips its bytes. ``get`` must
return None (the caller computes and rebuilds) or exactly what was put -- never raise, and never
hand back other arrays.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.robustness._fuzz import fuzz_settings, truncations_and_flips
from ungtloft_map.core import cache

ARRAYS = {"ids": np.arange(2000, dtype=np.int64), "x": np.linspace(0.0, 1.0, 500),
          "names": np.array(["Sentrum", "Lade", "Øya"] * 20)}
META = {"date": "2026-01-07", "notes": ["a"]}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("UNGTLOFT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        s = cache.DiskCache("fuzz")
        assert s.enabled
        key = cache.content_key("fuzz")
        s.put(key, ARRAYS, META)
        yield s, key, s.path(key).read_bytes()


@fuzz_settings(60)
@given(data=st.data())
def test_damaged_entry_is_a_miss_or_the_entry(store, data):
    s, key, base = store
    s.path(key).write_bytes(data.draw(truncations_and_flips(base, b"PK\x01\x02\x03\x04\x00\xff")))
    hit = s.get(key)
    if hit is not None:
        arrays, meta = hit
        assert meta == META
        assert set(arrays) == set(ARRAYS)
        assert all(np.array_equal(arrays[k], v) for k, v in ARRAYS.items())
