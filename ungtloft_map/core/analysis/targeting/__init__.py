"""Target-area selection for områdesatsing teams (``INDICATORS.md``, *Target-area selection*).

The operations a planning team uses to pick the zones of an area-based initiative and the zones
to evaluate it against, one module per operation; each takes a :class:`ZoneTable` or frames,
never a project:

:mod:`.ranking`
    :func:`rank_zones` (the composite index under chosen weights, each zone's move against a
    baseline), :func:`stability` (the share of random weightings in which a zone stays in the
    top N), :func:`index_inputs`, :func:`weight_spec` / :func:`load_weights`.
:mod:`.candidates`
    :func:`aggregate_candidate` / :func:`compare_candidates`: a candidate area re-aggregated from
    summed counts and denominators, side by side with others and the municipality.
:mod:`.comparison`
    :func:`comparison_zones`: the ``k`` zones most like the target, leaving out its neighbours.
:mod:`.contiguity`
    Queen neighbours from :func:`..clusters.spatial_weights` and whether zones form one area
    (:func:`scipy.sparse.csgraph.connected_components`).

The cells inside a candidate (a workflow over the project's population layer) are
:func:`ungtloft_map.core.workflows.inside_zone.inside_zone_cells`.

Examples
--------
On the demo (the ranking needs the index, not the cluster step):

>>> from ungtloft_map.core.project import Project
>>> from ungtloft_map.core.pipeline import AnalysisSettings, compute_themes
>>> project = Project.demo()
>>> themes = compute_themes(project, settings=AnalysisSettings(compute_clusters=False))
>>> inputs = index_inputs(themes.zone_table, project.catalogue)
>>> inputs
IndexInputs(zones=50, indicators=16, themes={'levekar': 10, 'green': 2, 'transit': 3, 'housing': 1}, population=True)
>>> inputs.rank(theme_weights={"levekar": 2}).table.index[:5].tolist()
['0206', '0202', '0203', '0205', '0305']
>>> cand = Candidate("Østbyen", ["0301", "0302"])
>>> aggregate_candidate(themes.zone_table, cand, project.catalogue).composite_rank
20
>>> comparison_zones(themes.zone_table, cand.zone_ids, ["low_income", "neet"], k=5).zone_ids
['0101', '0311', '0105', '0403', '0108']
"""

from __future__ import annotations

from . import candidates, comparison, contiguity, ranking
from .candidates import (
    AGGREGATION_RULES,
    MAX_CANDIDATES,
    AggregationRule,
    Candidate,
    CandidateProfile,
    aggregate_candidate,
    compare_candidates,
)
from .comparison import ComparisonResult, comparison_zones
from .contiguity import adjacency, disconnected, queen_weights, require_connected
from .ranking import (
    ARROW_DOWN,
    ARROW_UP,
    IndexInputs,
    Ranking,
    has_live_weight,
    index_inputs,
    load_weights,
    rank_zones,
    stability,
    weight_spec,
)

__all__ = [
    "AGGREGATION_RULES",
    "ARROW_DOWN",
    "ARROW_UP",
    "MAX_CANDIDATES",
    "AggregationRule",
    "Candidate",
    "CandidateProfile",
    "ComparisonResult",
    "IndexInputs",
    "Ranking",
    "adjacency",
    "aggregate_candidate",
    "candidates",
    "compare_candidates",
    "comparison",
    "comparison_zones",
    "contiguity",
    "disconnected",
    "has_live_weight",
    "index_inputs",
    "load_weights",
    "queen_weights",
    "rank_zones",
    "ranking",
    "require_connected",
    "stability",
    "weight_spec",
]
