"""Label vocabulary of the cluster results and its display text (nb/en)."""

from __future__ import annotations

from ...text import CLUSTER_LABELS
from ...text import GETIS_LABELS as GETIS_LABELS_TEXT

MIN_ZONES = 5
#: esda/PySAL quadrant codes (``geoda_quads=False``): 1 HH, 2 LH, 3 LL, 4 HL.
QUADRANTS: dict[int, str] = {1: "High-High", 2: "Low-High", 3: "Low-Low", 4: "High-Low"}
NOT_SIGNIFICANT = "Ikke signifikant"
NO_DATA = "Mangler data"
LISA_LABELS: tuple[str, ...] = (
    "High-High",
    "Low-Low",
    "High-Low",
    "Low-High",
    NOT_SIGNIFICANT,
    NO_DATA,
)
# Display text: the one vocabulary of core.text.
LABELS_NB: dict[str, str] = {k: CLUSTER_LABELS[k][0] for k in LISA_LABELS}
LABELS_EN: dict[str, str] = {k: CLUSTER_LABELS[k][1] for k in LISA_LABELS}
HOT_SPOT = "Hot spot"
COLD_SPOT = "Cold spot"
GETIS_LABELS: tuple[str, ...] = (HOT_SPOT, COLD_SPOT, NOT_SIGNIFICANT, NO_DATA)
GETIS_LABELS_NB: dict[str, str] = {k: GETIS_LABELS_TEXT[k][0] for k in GETIS_LABELS}
GETIS_LABELS_EN: dict[str, str] = {k: GETIS_LABELS_TEXT[k][1] for k in GETIS_LABELS}


def label_map(kind: str, lang: str) -> dict[str, str]:
    """Display text of the labels of a result ``kind`` (``"local_moran"``/``"getis_ord"``)."""
    if lang not in ("nb", "en"):
        raise ValueError(f"lang must be 'nb' or 'en', not {lang!r}")
    if kind == "getis_ord":
        return GETIS_LABELS_NB if lang == "nb" else GETIS_LABELS_EN
    return LABELS_NB if lang == "nb" else LABELS_EN
