"""Residents, dwellings, municipal housing and the levekår indicator table of Fjordvik.

Disadvantage follows a latent "deprivation surface" with two hot spots (Østhaugen, where
municipal housing is concentrated, and Sørmoen); every indicator rate rises with it, so rates
are correlated and spatially clustered and Local Moran finds real High-High clusters.

Examples
--------
>>> cells = make_population(scape, zones, rng)  # doctest: +SKIP
>>> int(cells["population"].sum())  # doctest: +SKIP
200871
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box

from .landscape import CENTRE, PLACES, Landscape
from .zones import CELL, density, land_cell_centres

TOTAL_POPULATION = 200_000
#: Every zone gets at least this many residents (a hamlet is added where the map has too few),
#: so every denominator is positive while the smallest zones still give counts below 5.
MIN_ZONE_POPULATION = 220
AGE_BANDS = ("pop_0_17", "pop_18_29", "pop_30_66", "pop_67")
YEARS = (2021, 2022, 2023, 2024)  # the grid is the 2024 population

#: Deprivation hot spots: (place, strength, spread sd in m).
HOT_SPOTS = [("Østhaugen", 1.0, 1500.0), ("Sørmoen", 0.8, 1300.0)]

#: Municipal share of dwellings in the concentrated zones (the zones nearest Østhaugen, then the
#: Sørmoen zone); every other zone gets 1-4 %.
HOT_MUNICIPAL_SHARES = (0.18, 0.14, 0.12, 0.11)

#: Scale > 1 only: share of the otherwise empty marka and countryside cells that hold a farm or
#: cabin lived in all year at scale 4 and above (less in between), and their residents (see
#: :func:`_cabins`).
CABIN_SHARE = 0.55
CABIN_RESIDENTS = 2.0


def _largest_remainder(x: np.ndarray, total: int) -> np.ndarray:
    """Round non-negative reals to integers summing to ``total`` (stable tie order)."""
    base = np.floor(x).astype(np.int64)
    rest = total - int(base.sum())
    frac = x - base
    order = np.argsort(-frac, kind="stable")
    base[order[:rest]] += 1
    return base


def _centrality(pts: np.ndarray, scape: Landscape) -> np.ndarray:
    """1 at the centre, falling to 0 in the suburbs; drives household size and age mix."""
    d = np.hypot(pts[:, 0] - CENTRE[0], pts[:, 1] - CENTRE[1])
    return np.exp(-d / scape.length(1500.0))


def _cabins(w: np.ndarray, total: int, scale: int, rng: np.random.Generator) -> np.ndarray:
    """Farms and year-round cabins in the marka of a larger town (scale > 1 only).

    Cells whose share of ``total`` rounds to nobody (marka, far countryside) stay empty at
    scale 1. A larger town's countryside is lived in more widely: from scale 4 on
    :data:`CABIN_SHARE` of them (a third of that at scale 2, two thirds at 3) get about
    :data:`CABIN_RESIDENTS` residents each, which brings a scale-4 town to about 12,000
    populated cells (issue 15) while its total stays ``total``.
    The committed scale-1 demo never comes here, so its data and random draws are unchanged.
    """
    out = w.copy()
    empty = (w > 0) & (w / w.sum() * total < 0.5)
    share = CABIN_SHARE * min(1.0, (scale - 1) / 3)
    lived_in = empty & (rng.random(len(w)) < share)
    out[lived_in] = CABIN_RESIDENTS * w.sum() / total
    return out


def zone_index(zones: gpd.GeoDataFrame, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Index (row position) of the zone containing each point, -1 outside all zones.

    A point on a shared border goes to the first zone in zone-id order, so the answer never
    depends on the spatial index's internal order.
    """
    tree = shapely.STRtree(zones.geometry.values)
    src, hit = tree.query(shapely.points(x, y), predicate="intersects")
    out = np.full(len(x), -1, dtype=np.int64)
    order = np.lexsort((hit, src))
    src, hit = src[order], hit[order]
    first = np.r_[True, src[1:] != src[:-1]]
    out[src[first]] = hit[first]
    return out


def make_population(
    scape: Landscape, zones: gpd.GeoDataFrame, rng: np.random.Generator
) -> gpd.GeoDataFrame:
    """The 250 m population grid (populated cells only, as SSB publishes it).

    Returns
    -------
    GeoDataFrame
        ``ssbid``, ``population``, ``pop_0_17``, ``pop_18_29``, ``pop_30_66``, ``pop_67``,
        ``zone_id``; square Polygons of 250 m whose centre lies on land.

    Notes
    -----
    ``ssbid`` follows SSB's grid id: the lower-left easting plus 2,000,000 (7 digits) followed
    by the lower-left northing (7 digits). SSB computes it in EPSG:25833; the fictional grid
    uses the EPSG:25832 corner instead.
    """
    pts = land_cell_centres(scape)
    w = density(pts, scape)
    w = w * np.round(rng.lognormal(0.0, 0.35, len(w)), 6)
    # Half the rural cells are empty: farms and cabins cluster, and SSB omits empty cells. A
    # larger town has four times the residents on its countryside too, so fewer cells stay
    # empty there, and its marka has farms and cabins lived in all year (``_cabins``).
    rural = w < 0.03
    w[rural & (rng.random(len(w)) < (0.45 if scape.scale == 1 else 0.1))] = 0.0
    total = TOTAL_POPULATION * scape.scale
    if scape.scale > 1:
        w = _cabins(w, total, scape.scale, rng)
    pop = _largest_remainder(w / w.sum() * total, total)
    zi = zone_index(zones, pts[:, 0], pts[:, 1])
    keep = zi >= 0
    pts, pop, zi, w = pts[keep], pop[keep], zi[keep], w[keep]

    habitable = density(pts, scape) > 0  # not in a lake
    for z in range(len(zones)):
        in_zone = np.flatnonzero((zi == z) & habitable)
        have = int(pop[in_zone].sum())
        if have >= MIN_ZONE_POPULATION:
            continue
        # A hamlet of 1-3 cells around the zone's most central point.
        rp = zones.geometry.iloc[z].representative_point()
        d = np.hypot(pts[in_zone, 0] - rp.x, pts[in_zone, 1] - rp.y)
        near = in_zone[np.argsort(d, kind="stable")[:3]]
        extra = MIN_ZONE_POPULATION - have + int(rng.integers(0, 180))
        split = _largest_remainder(np.full(len(near), extra / len(near)), extra)
        pop[near] += split

    t = _centrality(pts, scape)
    centre_mix = np.array([0.09, 0.36, 0.42, 0.13])
    suburb_mix = np.array([0.24, 0.13, 0.47, 0.16])
    rural_mix = np.array([0.19, 0.10, 0.47, 0.24])
    sparse = (density(pts, scape) < 0.05)[:, None]
    mix = t[:, None] * centre_mix + (1 - t[:, None]) * np.where(sparse, rural_mix, suburb_mix)
    mix = mix / mix.sum(axis=1, keepdims=True)
    bands = rng.multinomial(pop, mix)

    populated = pop > 0
    pts, pop, zi, bands = pts[populated], pop[populated], zi[populated], bands[populated]
    ll = (pts - CELL / 2).astype(np.int64)
    ssbid = [f"{x + 2_000_000:07d}{y:07d}" for x, y in ll]
    cells = gpd.GeoDataFrame(
        {
            "ssbid": ssbid,
            "population": pop.astype(np.int64),
            **{name: bands[:, k].astype(np.int64) for k, name in enumerate(AGE_BANDS)},
            "zone_id": zones["zone_id"].to_numpy()[zi],
        },
        geometry=[box(x, y, x + CELL, y + CELL) for x, y in ll],
        crs="EPSG:25832",
    )
    return cells.sort_values("ssbid", kind="mergesort").reset_index(drop=True)


def _random_points_in(
    cell_ll: np.ndarray, zone_geoms: np.ndarray, avoid, rng: np.random.Generator
) -> np.ndarray:
    """One random point per row inside its 250 m cell, inside its zone and not in water.

    Falls back to the cell centre (which is in the zone by construction) when 12 tries fail.
    """
    n = len(cell_ll)
    out = cell_ll + CELL / 2
    todo = np.ones(n, dtype=bool)
    for _ in range(12):
        cand = np.round(cell_ll + rng.uniform(15.0, CELL - 15.0, size=(n, 2)), 2)
        ok = shapely.contains_xy(zone_geoms, cand[:, 0], cand[:, 1]) & ~shapely.contains_xy(
            avoid, cand[:, 0], cand[:, 1]
        )
        take = todo & ok
        out[take] = cand[take]
        todo &= ~ok
        if not todo.any():
            break
    return out


def make_dwellings(
    scape: Landscape,
    zones: gpd.GeoDataFrame,
    cells: gpd.GeoDataFrame,
    green: gpd.GeoDataFrame,
    rng: np.random.Generator,
) -> gpd.GeoDataFrame:
    """All dwellings as address points: ``address_id``, ``dwellings``, ``zone_id``.

    Households are smaller in the centre (about 1.6 persons per dwelling) than in the suburbs
    (about 2.2); across the municipality that is about 2.1. Centre addresses are apartment
    blocks with many dwellings, suburban ones houses and small blocks.
    """
    ll = np.column_stack([cells.geometry.bounds["minx"], cells.geometry.bounds["miny"]])
    t = _centrality(ll + CELL / 2, scape)
    ppd = 1.62 + 0.56 * (1 - t)
    dw = np.maximum(1, np.round(cells["population"].to_numpy() / ppd)).astype(np.int64)
    cap = 3.0 + 45.0 * t**1.5
    n_addr = np.minimum(6, np.ceil(dw / cap)).astype(np.int64)
    n_addr = np.minimum(n_addr, dw)

    rows_cell = np.repeat(np.arange(len(cells)), n_addr)
    per_addr = np.ones(len(rows_cell), dtype=np.int64)
    start = np.r_[0, np.cumsum(n_addr)[:-1]]
    for c in range(len(cells)):
        k = int(n_addr[c])
        if dw[c] > k:
            per_addr[start[c] : start[c] + k] += rng.multinomial(
                int(dw[c] - k), np.full(k, 1.0 / k)
            )
    zone_pos = {z: i for i, z in enumerate(zones["zone_id"])}
    zi = np.array([zone_pos[z] for z in cells["zone_id"].to_numpy()[rows_cell]])
    # Nobody lives in the river, a lake or a park; forest is allowed (cabins, farms in the marka).
    parks = green.geometry[green["kind"] != "forest"].to_list()
    avoid = shapely.union_all([scape.river] + [lake for _, lake in scape.lakes] + parks)
    xy = _random_points_in(ll[rows_cell], zones.geometry.values[zi], avoid, rng)
    return gpd.GeoDataFrame(
        {
            "address_id": [f"A{k + 1:06d}" for k in range(len(rows_cell))],
            "dwellings": per_addr,
            "zone_id": zones["zone_id"].to_numpy()[zi],
        },
        geometry=shapely.points(np.round(xy, 2)),
        crs="EPSG:25832",
    )


def hot_zones(
    zones: gpd.GeoDataFrame, places: dict[str, tuple[float, float]] = PLACES
) -> list[str]:
    """Zone ids with concentrated municipal housing: 3 nearest Østhaugen, 1 at Sørmoen.

    ``places`` are the named places of the town (:attr:`Landscape.places`).
    """
    reps = zones.geometry.representative_point()
    hx, hy = places["Østhaugen"]
    d = np.hypot(reps.x - hx, reps.y - hy).to_numpy()
    first = [zones["zone_id"].iloc[i] for i in np.argsort(d, kind="stable")[:3]]
    sx, sy = places["Sørmoen"]
    d2 = np.hypot(reps.x - sx, reps.y - sy).to_numpy()
    second = next(
        zones["zone_id"].iloc[i]
        for i in np.argsort(d2, kind="stable")
        if zones["zone_id"].iloc[i] not in first
    )
    return [*first, second]


def make_municipal_housing(
    zones: gpd.GeoDataFrame,
    dwellings: gpd.GeoDataFrame,
    rng: np.random.Generator,
    places: dict[str, tuple[float, float]] = PLACES,
) -> gpd.GeoDataFrame:
    """Municipal dwellings at a subset of the dwelling addresses: ``address_id``, ``units``.

    Units at an address never exceed its dwellings, so the municipal share of a zone is always
    a share of real dwellings. Concentrated zones (see :data:`HOT_MUNICIPAL_SHARES`) get larger
    blocks.
    """
    hot = hot_zones(zones, places)
    zone_of = dwellings["zone_id"].to_numpy()
    n_dw = dwellings["dwellings"].to_numpy()
    rows: list[tuple[int, int]] = []
    for zid in zones["zone_id"]:
        idx = np.flatnonzero(zone_of == zid)
        total = int(n_dw[idx].sum())
        if zid in hot:
            share, lo, hi = HOT_MUNICIPAL_SHARES[hot.index(zid)], 8, 45
        else:
            share, lo, hi = float(rng.uniform(0.01, 0.04)), 1, 12
        target = int(round(share * total))
        got = 0
        # Prefer addresses with many dwellings: municipal housing sits in blocks.
        weights = n_dw[idx].astype(float)
        order = idx[rng.choice(len(idx), size=len(idx), replace=False, p=weights / weights.sum())]
        for a in order:
            if got >= target:
                break
            units = min(int(n_dw[a]), int(rng.integers(lo, hi + 1)), target - got)
            rows.append((int(a), units))
            got += units
    rows.sort()
    pos = np.array([a for a, _ in rows])
    return gpd.GeoDataFrame(
        {
            "address_id": dwellings["address_id"].to_numpy()[pos],
            "units": np.array([u for _, u in rows], dtype=np.int64),
        },
        geometry=dwellings.geometry.values[pos],
        crs="EPSG:25832",
    )


#: Indicator key -> (municipal base rate, sensitivity to deprivation, yearly drift).
#: For vgs_completion the base is the *non*-completion rate (high is good for completion).
_RATES = {
    "low_income": (0.10, 0.45, 0.015),
    "child_low_income": (0.09, 0.55, 0.02),
    "neet": (0.06, 0.35, -0.01),
    "disability_18_29": (0.012, 0.35, 0.03),
    "social_assistance": (0.035, 0.6, -0.015),
    "low_education": (0.15, 0.35, -0.02),
    "not_employed": (0.18, 0.3, -0.01),
    "crowding": (0.09, 0.45, 0.01),
    "immigrant_short": (0.05, 0.5, 0.02),
    "vgs_completion": (0.18, 0.35, -0.025),
}
INDICATOR_KEYS = tuple(_RATES)


def _denominators(b: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Denominators of each indicator from a zone's age bands (arrays over zones)."""
    pop = b["pop_0_17"] + b["pop_18_29"] + b["pop_30_66"] + b["pop_67"]
    households = np.round(pop * 0.97)  # persons in private households (not in institutions)
    age_30_59 = np.round(b["pop_30_66"] * 30 / 37)
    out = {
        "low_income": households,
        "child_low_income": b["pop_0_17"],
        "neet": b["pop_18_29"] + np.round(b["pop_0_17"] * 3 / 18),  # 15-17 are 3 of 18 years
        "disability_18_29": b["pop_18_29"],
        "social_assistance": b["pop_18_29"] + b["pop_30_66"],
        "low_education": age_30_59,
        "not_employed": age_30_59,
        "crowding": households,
        "immigrant_short": pop,
        "vgs_completion": np.round(b["pop_0_17"] / 18),  # one birth cohort
    }
    return {k: np.maximum(1, v).astype(np.int64) for k, v in out.items()}


def deprivation(
    zones: gpd.GeoDataFrame,
    municipal_share: np.ndarray,
    rng: np.random.Generator,
    scape: Landscape | None = None,
) -> np.ndarray:
    """Standardised latent deprivation per zone (mean 0, sd 1 over zones).

    ``scape`` places the hot spots in a larger town (default: the scale-1 places).
    """
    reps = zones.geometry.representative_point()
    x, y = reps.x.to_numpy(), reps.y.to_numpy()
    z = np.zeros(len(zones))
    places = PLACES if scape is None else scape.places
    for place, a, sd in HOT_SPOTS:
        px, py = places[place]
        sd = sd if scape is None else scape.length(sd)
        z += a * np.exp(-((x - px) ** 2 + (y - py) ** 2) / (2 * sd * sd))
    z += 2.0 * municipal_share + rng.normal(0.0, 0.12, len(zones))
    # Clipped so that the worst zone stays within real-world ranges (low income ~30 %).
    return np.clip(np.round((z - z.mean()) / z.std(), 9), -1.5, 2.5)


def make_indicators(
    zones: gpd.GeoDataFrame,
    cells: gpd.GeoDataFrame,
    dwellings: gpd.GeoDataFrame,
    municipal: gpd.GeoDataFrame,
    rng: np.random.Generator,
    scape: Landscape | None = None,
) -> pd.DataFrame:
    """The levekår table: ``zone_id, year`` and ``K_count, K_denom`` for every indicator key.

    Counts are binomial draws from the zone's denominator, so ``count <= denom`` always holds;
    earlier years scale the 2024 age bands back by each zone's growth rate.
    """
    by_zone = cells.groupby("zone_id")[list(AGE_BANDS)].sum().reindex(zones["zone_id"]).fillna(0)
    dw = (
        dwellings.groupby("zone_id")["dwellings"]
        .sum()
        .reindex(zones["zone_id"])
        .fillna(0)
        .to_numpy()
    )
    unit_zone = dwellings.set_index("address_id").loc[municipal["address_id"], "zone_id"].to_numpy()
    mun = pd.Series(municipal["units"].to_numpy(), index=unit_zone).groupby(level=0).sum()
    share = mun.reindex(zones["zone_id"]).fillna(0).to_numpy() / np.maximum(dw, 1)
    dep = deprivation(zones, share, rng, scape)
    growth = np.round(rng.uniform(0.004, 0.015, len(zones)), 6)
    zone_noise = {k: np.round(rng.normal(0.0, 0.12, len(zones)), 9) for k in INDICATOR_KEYS}
    frames = []
    for year in YEARS:
        scale = (1 + growth) ** (year - YEARS[-1])
        bands = {b: np.round(by_zone[b].to_numpy() * scale) for b in AGE_BANDS}
        den = _denominators(bands)
        data: dict[str, object] = {
            "zone_id": zones["zone_id"].to_numpy(),
            "year": np.full(len(zones), year),
        }
        for key, (base, beta, drift) in _RATES.items():
            year_noise = rng.normal(0.0, 0.04, len(zones))
            rate = base * np.exp(
                beta * dep + zone_noise[key] + drift * (year - YEARS[-1]) + year_noise
            )
            rate = np.clip(np.round(rate, 9), 0.001, 0.8)
            count = rng.binomial(den[key], rate)
            if key == "vgs_completion":
                count = den[key] - count  # drew non-completers; report completers
            data[f"{key}_count"] = count.astype(np.int64)
            data[f"{key}_denom"] = den[key]
        frames.append(pd.DataFrame(data))
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values(["zone_id", "year"], kind="mergesort").reset_index(drop=True)
