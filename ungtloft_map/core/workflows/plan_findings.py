"""The findings of a plan assessment: each result as lines naming a Marmot principle and a severity.

The severity rules are listed in :mod:`ungtloft_map.core.workflows.plan`; their thresholds are
the constants below. Every count in the text of 1 to the privacy threshold - 1 shows as "–"
(:func:`ungtloft_map.core.analysis.privacy.format_count`).

Examples
--------
>>> Finding("green", "coverage", "Grøntdekning", "Green coverage", "80 %", "80%", "", "", ("E",),
...         "ok").principles
'E'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..analysis.plan_impact import WORST_SHARE, in_worst
from ..analysis.privacy import format_count, is_small
from ..text import cluster_label as text_cluster_label
from ..text import format_number, format_percent

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .plan import PlanAssessment

__all__ = [
    "CONCENTRATION_OBS_RATIO",
    "DEPARTURES_OBS_PER_HOUR",
    "FLAGS_OBS",
    "GREEN_GAP_SHARE",
    "SEVERITIES",
    "SHARE_OBS_MULTIPLE",
    "STOP_DISTANCE_OBS_M",
    "Finding",
    "cluster_label",
    "plan_findings",
]

#: Nearest stop farther than this (m) is an observation.
STOP_DISTANCE_OBS_M = 500.0
#: Fewer departures per hour than this within 500 m is an observation (one every 15 minutes).
DEPARTURES_OBS_PER_HOUR = 4.0
#: Housing concentration ratio (to the municipal average) above this is an observation.
CONCENTRATION_OBS_RATIO = 1.5
#: A zone share at least this multiple of the municipal average is an observation.
SHARE_OBS_MULTIPLE = 2.0
#: Green coverage below this share of the municipal coverage is an observation (a green gap).
GREEN_GAP_SHARE = 0.5
#: A zone with this many burden flags or more is an observation.
FLAGS_OBS = 3

SEVERITIES = ("obs", "info", "ok")


def cluster_label(label, lang: str = "nb", *, short: bool = False) -> str:
    """A cluster label of the zone table in bokmål or English ("High-High" -> "Høy-Høy ...").

    ``short`` drops the explanation in brackets (for narrow table columns).

    Examples
    --------
    >>> cluster_label("Ikke signifikant", "en")
    'Not significant'
    >>> cluster_label("High-High", "nb", short=True)
    'Høy-Høy'
    """
    return text_cluster_label(label, lang, short=short)


_ALL_PRINCIPLES = ("A", "B", "C", "D", "E", "F", "G", "H")


@dataclass(frozen=True)
class Finding:
    """One line of the assessment: what was found, how it compares, why it matters.

    Attributes
    ----------
    theme
        ``"population"``, ``"index"``, ``"levekar"``, ``"green"``, ``"transit"`` or ``"housing"``.
    key
        Stable machine id, e.g. ``"zone_rank"``, ``"levekar_low_income"``, ``"green_coverage"``.
    label_nb, label_en
        What the finding is about.
    value_nb, value_en
        The value as text (numbers in the language's format; small counts shown as "–").
    comparison_nb, comparison_en
        What it is compared with (the municipality, the zones, before/after).
    marmot
        Marmot principle letters (A–H) the finding speaks to; empty for context.
    severity
        ``"obs"``, ``"ok"`` or ``"info"`` (rules in the module docstring).
    value
        The raw number behind the text (None when there is none); for sorting and exports.
    """

    theme: str
    key: str
    label_nb: str
    label_en: str
    value_nb: str
    value_en: str
    comparison_nb: str
    comparison_en: str
    marmot: tuple[str, ...]
    severity: str
    value: float | None = None

    def label(self, lang: str = "nb") -> str:
        return self.label_en if lang == "en" else self.label_nb

    def value_text(self, lang: str = "nb") -> str:
        return self.value_en if lang == "en" else self.value_nb

    def comparison(self, lang: str = "nb") -> str:
        return self.comparison_en if lang == "en" else self.comparison_nb

    @property
    def principles(self) -> str:
        """The Marmot letters as text: ``"E"``, ``"D, E"``, ``"A–H"`` (ranges of 3+ joined)."""
        return _principles_text(self.marmot)

    def __repr__(self) -> str:
        p = f" [{self.principles}]" if self.marmot else ""
        return f"Finding({self.severity}: {self.label_en} = {self.value_en}; {self.comparison_en}{p})"


# --------------------------------------------------------------------------------------------
# findings


def plan_findings(a: PlanAssessment) -> list[Finding]:
    out: list[Finding] = []
    out += _population_findings(a)
    out += _zone_findings(a)
    out += _levekar_findings(a)
    if a.green is not None:
        out += _green_findings(a)
    if a.transit is not None:
        out += _transit_findings(a)
    if a.housing is not None:
        out += _housing_findings(a)
    return out


def _f(theme, key, label, value, comparison, marmot, severity, raw=None) -> Finding:
    return Finding(theme, key, label[0], label[1], value[0], value[1], comparison[0], comparison[1],
                   tuple(marmot), severity, None if raw is None or not np.isfinite(raw) else float(raw))


def _both(fn, *args, **kw) -> tuple[str, str]:
    return fn(*args, lang="nb", **kw), fn(*args, lang="en", **kw)


def _population_findings(a: PlanAssessment) -> list[Finding]:
    youth = sum(a.age_buffer.get(c, 0.0) for c in ("pop_0_17", "pop_18_29"))
    has_age = any(c in a.age_buffer for c in ("pop_0_17", "pop_18_29"))
    zt = a.zone_table
    comp_nb = comp_en = ""
    if has_age:
        share = youth / a.residents_buffer * 100 if a.residents_buffer > 0 else np.nan
        if is_small(youth) or is_small(a.residents_buffer):
            share = np.nan
        comp_nb = f"herav 0–29 år: {_count(youth, 'nb')} ({_pct(share, 0, 'nb')})"
        comp_en = f"of whom aged 0–29: {_count(youth, 'en')} ({_pct(share, 0, 'en')})"
    muni = float(zt.gdf["population"].sum()) if "population" in zt.gdf else np.nan
    return [
        _f("population", "residents_plan", ("Bosatte i planområdet", "Residents in the plan area"),
           _both(_count, a.residents_plan),
           (f"planområdet er {_num(a.area_m2 / 1e4, 1, 'nb')} ha",
            f"the plan area is {_num(a.area_m2 / 1e4, 1, 'en')} ha"), (), "info", a.residents_plan),
        _f("population", "residents_buffer",
           (f"Bosatte innen {a.buffer_m:g} m", f"Residents within {a.buffer_m:g} m"),
           _both(_count, a.residents_buffer),
           (comp_nb or f"kommunen: {_count(muni, 'nb')}", comp_en or f"municipality: {_count(muni, 'en')}"),
           (), "info", a.residents_buffer),
    ]


def _zone_findings(a: PlanAssessment) -> list[Finding]:
    out = []
    pz = a.plan_zones
    every = _ALL_PRINCIPLES
    if "composite_rank" in pz and pz["composite_rank"].notna().any():
        zid = pz["composite_rank"].idxmin()
        rank = int(pz.at[zid, "composite_rank"])
        name = pz.at[zid, "zone_name"]
        worst = in_worst(rank, a.n_zones)
        cut = math.ceil(WORST_SHARE * a.n_zones)
        out.append(_f(
            "index", "zone_rank", ("Sammensatt belastning, plansonen", "Composite disadvantage, plan zone"),
            (f"{name}: rang {rank} av {a.n_zones}", f"{name}: rank {rank} of {a.n_zones}"),
            (f"{'blant' if worst else 'ikke blant'} de {cut} mest belastede sonene (1 = mest belastet)",
             f"{'among' if worst else 'not among'} the {cut} most disadvantaged zones (1 = most)"),
            every, "obs" if worst else "ok", rank))
    if "lisa_label" in pz and pz["lisa_label"].notna().any():
        labels = [str(v) for v in pz["lisa_label"]]
        gi = [str(v) for v in pz.get("gi_label", pd.Series(dtype=object)).dropna()]
        hh = "High-High" in labels or "Hot spot" in gi
        outlier = any(lab in ("High-Low", "Low-High") for lab in labels)
        main = next((lab for lab in ("High-High", "High-Low", "Low-High", "Low-Low") if lab in labels), labels[0])
        nb, en = cluster_label(main, "nb"), cluster_label(main, "en")
        gi_nb = ", ".join(sorted({cluster_label(x, "nb") for x in gi}))
        gi_en = ", ".join(sorted({cluster_label(x, "en") for x in gi}))
        out.append(_f(
            "index", "cluster", ("Klynge (Local Moran)", "Cluster (Local Moran)"), (nb, en),
            ("sammensatt indeks blant nabosonene" + (f"; Gi*: {gi_nb}" if gi else ""),
             "composite index among the neighbouring zones" + (f"; Gi*: {gi_en}" if gi else "")),
            every, "obs" if hh else ("info" if outlier else "ok")))
    if "n_flags" in pz and pd.notna(pz["n_flags"].get(a.primary_zone, np.nan)):
        n = int(pz.at[a.primary_zone, "n_flags"])
        out.append(_f(
            "index", "flags", ("Antall belastninger, plansonen", "Number of burdens, plan zone"),
            (f"{n}", f"{n}"),
            ("indikatorer der sonen er blant de 20 % mest belastede",
             "indicators on which the zone is among the worst 20 %"),
            every, "obs" if n >= FLAGS_OBS else ("info" if n > 0 else "ok"), n))
    return out


def _levekar_findings(a: PlanAssessment) -> list[Finding]:
    lk = a.levekar
    if lk.empty:
        return []
    shown = lk[~lk["suppressed"]]
    worst = shown[shown["worst"]]
    out = [_f(
        "levekar", "levekar_summary",
        (f"Levekår innen {a.buffer_m:g} m (fra antall)", f"Living conditions within {a.buffer_m:g} m (from counts)"),
        (f"{len(worst)} av {len(lk)} indikatorer blant de 20 % mest belastede",
         f"{len(worst)} of {len(lk)} indicators among the worst 20 %"),
        ("rater regnet på nytt fra fordelte antall, plassert blant sonene",
         "rates recomputed from apportioned counts, placed among the zones"),
        sorted({m for ms in lk["marmot"] for m in ms}), "obs" if len(worst) else "ok", len(worst))]
    for key, r in worst.iterrows():
        out.append(_f(
            "levekar", f"levekar_{key}", (r["label_nb"], r["label_en"]),
            (_pct(r["rate"], 1, "nb"), _pct(r["rate"], 1, "en")),
            (f"ville vært nr. {int(r['rank'])} av {r['n_zones']} soner; kommunen {_pct(r['municipal'], 1, 'nb')}",
             f"would rank {int(r['rank'])} of {r['n_zones']} zones; municipality {_pct(r['municipal'], 1, 'en')}"),
            r["marmot"], "obs", r["rate"]))
    return out


def _green_findings(a: PlanAssessment) -> list[Finding]:
    g = a.green
    out = []
    if g.removed_m2 > 0:
        out.append(_f(
            "green", "green_removed", ("Grøntareal som bygges ned", "Green area built on"),
            (f"{_num(g.removed_m2, 0, 'nb')} m²", f"{_num(g.removed_m2, 0, 'en')} m²"),
            (f"{_num(g.public_m2_per_resident_before, 0, 'nb')} → {_num(g.public_m2_per_resident_after, 0, 'nb')} m² "
             f"offentlig grønt per bosatt innen {a.buffer_m:g} m",
             f"{_num(g.public_m2_per_resident_before, 0, 'en')} → {_num(g.public_m2_per_resident_after, 0, 'en')} m² "
             f"public green per resident within {a.buffer_m:g} m"),
            ("E",), "info", g.removed_m2))
    hidden = is_small(g.residents)
    before = np.nan if hidden else g.covered_before * 100
    after = np.nan if hidden else g.covered_after * 100
    lost = g.lost_residents >= 0.5
    muni = g.municipal_share * 100
    if lost or (np.isfinite(after) and after < GREEN_GAP_SHARE * muni):
        sev = "obs"
    elif np.isfinite(after) and after < muni:
        sev = "info"
    else:
        sev = "ok"
    rule_nb = f"≥ {g.min_area_m2 / 1000:g} daa innen {g.max_distance_m:g} m"
    rule_en = f"≥ {g.min_area_m2 / 1000:g} decares within {g.max_distance_m:g} m"
    lost_nb = f"; {_count(g.lost_residents, 'nb')} bosatte mister dekning" if lost else ""
    lost_en = f"; {_count(g.lost_residents, 'en')} residents lose coverage" if lost else ""
    out.append(_f(
        "green", "green_coverage",
        (f"Bosatte innen {a.buffer_m:g} m med grøntområde ({rule_nb})",
         f"Residents within {a.buffer_m:g} m near green ({rule_en})"),
        (f"{_pct(before, 0, 'nb')} → {_pct(after, 0, 'nb')}", f"{_pct(before, 0, 'en')} → {_pct(after, 0, 'en')}"),
        (f"før → etter planen; kommunen {_pct(g.municipal_share * 100, 0, 'nb')}{lost_nb}",
         f"before → after the plan; municipality {_pct(g.municipal_share * 100, 0, 'en')}{lost_en}"),
        ("E",), sev, after))
    return out


def _transit_findings(a: PlanAssessment) -> list[Finding]:
    t = a.transit
    out = []
    d = t.dist_to_stop_m
    out.append(_f(
        "transit", "stop_distance", ("Nærmeste holdeplass fra plansenteret", "Nearest stop from the plan centre"),
        (f"{_num(d, 0, 'nb')} m", f"{_num(d, 0, 'en')} m"),
        (f"sonen {_num(t.zone['dist_to_stop_m'], 0, 'nb')} m; kommunen {_num(t.municipal['dist_to_stop_m'], 0, 'nb')} m",
         f"zone {_num(t.zone['dist_to_stop_m'], 0, 'en')} m; municipality {_num(t.municipal['dist_to_stop_m'], 0, 'en')} m"),
        ("H",), "obs" if not np.isfinite(d) or d > STOP_DISTANCE_OBS_M else "ok", d))
    dep = t.departures_per_hour
    m_dep = t.municipal["departures_per_hour_500m"]
    sev = ("obs" if not np.isfinite(dep) or dep < DEPARTURES_OBS_PER_HOUR
           else "info" if np.isfinite(m_dep) and dep < m_dep else "ok")
    out.append(_f(
        "transit", "departures", ("Avganger per time innen 500 m", "Departures per hour within 500 m"),
        (_num(dep, 1, "nb"), _num(dep, 1, "en")),
        (f"{t.window}; sonen {_num(t.zone['departures_per_hour_500m'], 1, 'nb')}; kommunen {_num(m_dep, 1, 'nb')}",
         f"{t.window}; zone {_num(t.zone['departures_per_hour_500m'], 1, 'en')}; municipality {_num(m_dep, 1, 'en')}"),
        ("H",), sev, dep))
    times = (("time_to_centre_min", "time_centre", "Reisetid til sentrum", "Travel time to the centre"),
             ("time_to_school_min", "time_school", "Reisetid til nærmeste videregående skole",
              "Travel time to the nearest upper-secondary school"))
    for col, key, nb, en in times if t.times_assessed else ():  # no destinations: a note says so
        v = getattr(t, col)
        rank, n, muni = t.rank[col], t.n_zones[col], t.municipal[col]
        sev = ("obs" if not np.isfinite(v) or in_worst(rank, n)
               else "info" if np.isfinite(muni) and v > muni else "ok")
        val_nb = f"{_num(v, 0, 'nb')} min" if np.isfinite(v) else "over 120 min"
        val_en = f"{_num(v, 0, 'en')} min" if np.isfinite(v) else "over 120 min"
        pos_nb = f"; ville vært nr. {rank} av {n} soner" if rank else ""
        pos_en = f"; would rank {rank} of {n} zones" if rank else ""
        out.append(_f(
            "transit", key, (f"{nb} (median, {t.window})", f"{en} (median, {t.window})"), (val_nb, val_en),
            (f"sonen {_num(t.zone[col], 0, 'nb')} min; kommunen {_num(muni, 0, 'nb')} min{pos_nb}",
             f"zone {_num(t.zone[col], 0, 'en')} min; municipality {_num(muni, 0, 'en')} min{pos_en}"),
            ("H",), sev, v))
    return out


def _housing_findings(a: PlanAssessment) -> list[Finding]:
    h = a.housing
    out = []
    avg = h.average_per_1000
    for r, row in h.around.iterrows():
        units, per, ratio = row["municipal_units"], row["municipal_per_1000"], row["ratio_to_average"]
        if is_small(units) or is_small(row["population"]):
            per = ratio = np.nan
        sev = ("info" if not np.isfinite(ratio) else "obs" if ratio > CONCENTRATION_OBS_RATIO
               else "info" if ratio > 1 else "ok")
        out.append(_f(
            "housing", f"concentration_{int(r)}",
            (f"Kommunale boliger innen {_num(r, 0, 'nb')} m", f"Municipal dwellings within {_num(r, 0, 'en')} m"),
            (f"{_count(units, 'nb')} ({_num(per, 1, 'nb')} per 1000 bosatte)",
             f"{_count(units, 'en')} ({_num(per, 1, 'en')} per 1,000 residents)"),
            (f"{_num(ratio, 1, 'nb')} × kommunesnittet ({_num(avg, 1, 'nb')} per 1000)",
             f"{_num(ratio, 1, 'en')} × the municipal average ({_num(avg, 1, 'en')} per 1,000)"),
            ("E",), sev, ratio))
    w = h.what_if
    if w is not None:
        name = a.zones.at[a.primary_zone, "zone_name"] if a.primary_zone in a.zones.index else a.primary_zone
        before, after = w.share_before, w.share_after
        if is_small(h.zone_municipal_units):
            before = np.nan
        if is_small(w.municipal_after):
            after = np.nan
        zone_rank = a.zones.at[a.primary_zone, "composite_rank"] if a.primary_zone in a.zones.index else None
        burdened = h.add_municipal > 0 and in_worst(zone_rank, a.n_zones)
        if h.add_municipal == 0 and h.add_other == 0:
            sev = "info"
        elif (np.isfinite(w.share_after) and w.share_after >= SHARE_OBS_MULTIPLE * w.average_after) or burdened:
            sev = "obs"
        elif np.isfinite(w.share_after) and w.share_after > w.average_after:
            sev = "info"
        else:
            sev = "ok"
        extra_nb = "; sonen er blant de 20 % mest belastede" if burdened else ""
        extra_en = "; the zone is among the worst 20 %" if burdened else ""
        out.append(_f(
            "housing", "municipal_share",
            (f"Kommunal andel av boligene i {name}", f"Municipal share of dwellings in {name}"),
            (f"{_pct(before, 1, 'nb')} → {_pct(after, 1, 'nb')}", f"{_pct(before, 1, 'en')} → {_pct(after, 1, 'en')}"),
            (f"planen: +{h.add_municipal} kommunale, +{h.add_other} andre boliger; kommunen "
             f"{_pct(w.average_after, 1, 'nb')}{extra_nb}",
             f"plan: +{h.add_municipal} municipal, +{h.add_other} other dwellings; municipality "
             f"{_pct(w.average_after, 1, 'en')}{extra_en}"),
            ("E",), sev, after))
    return out


# --------------------------------------------------------------------------------------------
# text


# One home for every format (core.text) and for what may be shown (privacy); short local names.
_num = format_number
_pct = format_percent
_count = format_count


def _num_en(v, decimals: int = 0) -> str:
    return format_number(v, decimals, "en")


def _pct_en(v) -> str:
    return format_percent(v, 1, "en")


def _count_en(v) -> str:
    return format_count(v, "en")


def _principles_text(letters) -> str:
    ls = sorted(set(letters), key=_ALL_PRINCIPLES.index) if letters else []
    if not ls:
        return ""
    out, run = [], [ls[0]]
    for x in ls[1:]:
        if _ALL_PRINCIPLES.index(x) == _ALL_PRINCIPLES.index(run[-1]) + 1:
            run.append(x)
        else:
            out.append(run)
            run = [x]
    out.append(run)
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) >= 3 else ", ".join(r) for r in out)
