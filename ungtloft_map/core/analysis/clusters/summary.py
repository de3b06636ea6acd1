"""Reading a cluster result: "select the cluster" of a zone and a plain-language summary."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ...errors import DataError
from ...text import format_number
from ._labels import COLD_SPOT, HOT_SPOT, LISA_LABELS, NO_DATA, NOT_SIGNIFICANT
from .results import GetisOrdResult, LocalMoranResult, WeightsResult

__all__ = ["cluster_members", "summarise", "summary_sentences", "Sentence"]


@dataclass(frozen=True)
class Sentence:
    """One finding of a cluster summary: what kind it is, its values, and its words.

    ``code`` is one of ``"cluster"`` (params ``label``, ``zones``), ``"no_clusters"``,
    ``"global"`` (``i``, ``p``, ``clustered``), ``"no_data"`` (``n``) and ``"method"``
    (``permutations``, ``alpha``, ``fdr``, ``seed``, ``n``): a view shows one finding per line
    (or words it itself) without parsing the text.
    """

    code: str
    params: dict
    text: str

    def __str__(self) -> str:
        return self.text


def cluster_members(
    result: LocalMoranResult | GetisOrdResult, zone_id: Hashable, weights: WeightsResult
) -> list[Hashable]:
    """"Select the cluster" of a zone: its significant core and the core's neighbours.

    For a zone that is significant (any quadrant, or a hot/cold spot), the zones reachable from
    it through neighbours that are significant *with the same label* form the core; the result
    is the core plus all neighbours of the core (the LISA cluster is the core with its
    neighbourhood). For a zone that is not significant (or has no data) the list is empty.

    Parameters
    ----------
    result
        From :func:`local_moran`, :func:`bivariate_local_moran` or :func:`getis_ord`.
    zone_id
        The zone clicked.
    weights
        The weights the result was computed with.

    Returns
    -------
    list
        Zone ids in layer order.

    Examples
    --------
    >>> # members = cluster_members(res, "0304", w)
    """
    if zone_id not in result.labels.index:
        raise DataError(f"zone {zone_id!r} is not in the result")
    label = result.labels[zone_id]
    if label in (NOT_SIGNIFICANT, NO_DATA):
        return []
    groups = _components(result.labels, weights.w.neighbors)
    core = next(zones for _, zones in groups if zone_id in zones)
    members = set(core)
    for z in core:
        members.update(weights.w.neighbors.get(z, []))
    return [z for z in weights.ids if z in members]


def summarise(
    result: LocalMoranResult | GetisOrdResult,
    names: pd.Series,
    lang: Literal["nb", "en"] = "nb",
    *,
    high_is_bad: bool = True,
) -> str:
    """A plain-language summary of the clusters, one sentence per cluster.

    Parameters
    ----------
    result
        From :func:`local_moran`, :func:`bivariate_local_moran` or :func:`getis_ord`.
    names
        A place name per zone id (e.g. the district name) used to say where each cluster is.
    lang
        ``"nb"`` (Norwegian bokmål) or ``"en"``.
    high_is_bad
        Whether high values of the variable mean disadvantage (true for the composite index);
        only changes the wording ("av belastning" / "of disadvantage").

    Returns
    -------
    str
        The sentences of :func:`summary_sentences`, joined by spaces.

    Examples
    --------
    >>> # summarise(res, zones["district_name"])
    >>> # '7 soner danner en Høy-Høy-klynge av belastning i Bydel Øst (0101, 0102, ...). ...'
    """
    return " ".join(s.text for s in summary_sentences(result, names, lang, high_is_bad=high_is_bad))


def summary_sentences(
    result: LocalMoranResult | GetisOrdResult,
    names: pd.Series,
    lang: Literal["nb", "en"] = "nb",
    *,
    high_is_bad: bool = True,
) -> list[Sentence]:
    """The summary of :func:`summarise` as its findings, one :class:`Sentence` each, in order:
    the clusters (largest first per kind), or "no clusters"; the global Moran's I (LISA only);
    the zones without data (if any); the method.

    Examples
    --------
    >>> # [s.code for s in summary_sentences(res, zones["district_name"])]
    >>> # ['cluster', 'cluster', 'global', 'method']
    """
    if lang not in ("nb", "en"):
        raise ValueError(f"lang must be 'nb' or 'en', not {lang!r}")
    nb = lang == "nb"
    names = pd.Series(names)
    lines: list[Sentence] = []
    groups = _components(result.labels, result.neighbors)
    order = (
        [HOT_SPOT, COLD_SPOT] if result.kind == "getis_ord" else list(LISA_LABELS[:4])
    )
    groups.sort(key=lambda g: (order.index(g[0]), -len(g[1])))
    for label, zones in groups:
        lines.append(Sentence("cluster", {"label": label, "zones": list(zones)},
                              _cluster_sentence(label, zones, names, nb, high_is_bad, result.kind)))
    if not groups:
        lines.append(Sentence("no_clusters", {},
            "Ingen soner er statistisk signifikante; det er ingen tydelige klynger."
            if nb
            else "No zone is statistically significant; there are no clear clusters."
        ))
    if result.kind == "local_moran":
        clustered = bool(result.global_p < result.alpha and result.global_i > result.global_expected)
        lines.append(Sentence("global", {"i": float(result.global_i), "p": float(result.global_p),
                                         "clustered": clustered}, _global_sentence(result, nb)))
    nodata = int((result.labels == NO_DATA).sum())
    if nodata:
        lines.append(Sentence("no_data", {"n": nodata},
            f"{nodata} {'sone' if nodata == 1 else 'soner'} mangler data og er holdt utenfor."
            if nb
            else f"{nodata} zone{'s' if nodata != 1 else ''} without data left out."
        ))
    lines.append(Sentence("method", {"permutations": result.permutations, "alpha": result.alpha,
                                     "fdr": bool(result.fdr), "seed": result.seed, "n": result.n},
                          _method_sentence(result, nb)))
    return lines


def _components(
    labels: pd.Series, neighbors: Mapping[Hashable, list[Hashable]]
) -> list[tuple[str, list[Hashable]]]:
    """Connected groups of significant zones with the same label, each in layer order.

    The graph keeps only the links between two significant zones with the same label; its
    connected parts come from :func:`scipy.sparse.csgraph.connected_components` (the helper
    behind libpysal's ``W.component_labels``). Groups are listed by their first zone.
    """
    ids = list(labels.index)
    lab = labels.to_numpy()
    pos = {z: p for p, z in enumerate(ids)}
    sig = ~np.isin(lab, [NOT_SIGNIFICANT, NO_DATA])
    rows, cols = [], []
    for z, nbs in neighbors.items():
        i = pos.get(z)
        if i is None or not sig[i]:
            continue
        for nb in nbs:
            j = pos.get(nb)
            if j is not None and sig[j] and lab[j] == lab[i]:
                rows.append(i)
                cols.append(j)
    n = len(ids)
    graph = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    out: dict[int, list[Hashable]] = {}
    for p in np.flatnonzero(sig):
        out.setdefault(int(comp[p]), []).append(ids[p])
    return [(str(lab[pos[zs[0]]]), zs) for zs in out.values()]


def _fmt(x: float, nb: bool, digits: int = 2) -> str:
    return format_number(x, digits, "nb" if nb else "en")


def _where(zones: list[Hashable], names: pd.Series, nb: bool) -> str:
    """'in Bydel Øst' / 'i Bydel Øst og Bydel Sør' from the most frequent names."""
    found = names.reindex(zones).dropna().astype(str)
    if found.empty:
        return ""
    top = found.value_counts(sort=True).index.tolist()
    shown = top[:3]
    if len(shown) == 1:
        place = shown[0]
    else:
        joiner = " og " if nb else " and "
        place = ", ".join(shown[:-1]) + joiner + shown[-1]
    if len(top) > 3:
        place += " m.fl." if nb else " and others"
    return (" i " if nb else " in ") + place


_LISA_NB = {
    "High-High": "en Høy-Høy-klynge",
    "Low-Low": "en Lav-Lav-klynge",
    "High-Low": "en Høy-Lav-avviker (høy verdi blant lave)",
    "Low-High": "en Lav-Høy-avviker (lav verdi blant høye)",
    HOT_SPOT: "et varmt punkt (Gi*)",
    COLD_SPOT: "et kaldt punkt (Gi*)",
}
_LISA_EN = {
    "High-High": "a High-High cluster",
    "Low-Low": "a Low-Low cluster",
    "High-Low": "a High-Low outlier (high value among low)",
    "Low-High": "a Low-High outlier (low value among high)",
    HOT_SPOT: "a hot spot (Gi*)",
    COLD_SPOT: "a cold spot (Gi*)",
}


def _cluster_sentence(
    label: str, zones: list[Hashable], names: pd.Series, nb: bool, high_is_bad: bool, kind: str
) -> str:
    n = len(zones)
    what = (_LISA_NB if nb else _LISA_EN)[label]
    high = label in ("High-High", HOT_SPOT)
    low = label in ("Low-Low", COLD_SPOT)
    if high or low:
        bad = high == high_is_bad
        if nb:
            what += " av belastning" if bad else " med lav belastning"
        else:
            what += " of disadvantage" if bad else " of low disadvantage"
    ids = ", ".join(map(str, zones[:8])) + (", …" if n > 8 else "")
    where = _where(zones, names, nb)
    # A single significant zone is the core of a cluster (with its neighbours), not a cluster.
    if nb:
        subject = "1 sone er kjernen i" if n == 1 else f"{n} soner danner"
        return f"{subject} {what}{where} ({ids})."
    subject = "1 zone is the core of" if n == 1 else f"{n} zones form"
    return f"{subject} {what}{where} ({ids})."


def _global_sentence(result: LocalMoranResult, nb: bool) -> str:
    i = _fmt(result.global_i, nb, 2)
    p = _fmt(result.global_p, nb, 3)
    clustered = result.global_p < result.alpha and result.global_i > result.global_expected
    if nb:
        tail = (
            "verdiene klumper seg romlig." if clustered
            else "ingen signifikant romlig klumping samlet sett."
        )
        return f"Globalt Moran's I = {i} (p = {p}): {tail}"
    tail = "values cluster in space." if clustered else "no significant overall clustering."
    return f"Global Moran's I = {i} (p = {p}): {tail}"


def _method_sentence(result, nb: bool) -> str:
    alpha = _fmt(result.alpha, nb, 2)
    if nb:
        sig = f"FDR-korrigert ved α = {alpha}" if result.fdr else f"α = {alpha}"
        return f"({result.permutations} permutasjoner, {sig}, frø {result.seed}, n = {result.n}.)"
    sig = f"FDR-corrected at α = {alpha}" if result.fdr else f"α = {alpha}"
    return f"({result.permutations} permutations, {sig}, seed {result.seed}, n = {result.n}.)"
