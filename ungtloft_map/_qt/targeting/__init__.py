"""The target-area panel (issue #8), one module per tab.

:mod:`.panel` holds :class:`TargetingPanel` (state, data in, export); the tabs are mixins of it:
:mod:`.ranking_tab` (weights, ranking, stability), :mod:`.candidates_tab` (candidate areas side
by side), :mod:`.comparison_tab` (comparison zones) and :mod:`.inside_zone_tab` (the cells inside
a candidate); :mod:`.common` has the constants and helpers they share.
"""

from .panel import TargetingPanel

__all__ = ["TargetingPanel"]
