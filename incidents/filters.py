"""The dashboard's filters, as one value object shared by the pages, the store and `export`.

Why here: the same filter must give the same rows on the map, the timeline, the table and in the
CSV a journalist downloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class IncidentFilter:
    groups: tuple[str, ...] = ()          # armed-group ids; empty = all
    group_role: str = "either"            # "perpetrator" | "target" | "either"
    include_backed: bool = False          # also groups these back (russia -> liwa_al_quds, ...)
    since: date | None = None             # event_date >= since (undated events are excluded when set)
    until: date | None = None             # event_date <= until
    governorates: tuple[str, ...] = ()    # admin1 p-codes (e.g. "SY09"); empty = all
    attack_types: tuple[str, ...] = ()    # DESIGN.md attack types; empty = all
    min_killed: int = 0                   # killed >= min_killed (null counts as 0)
    include_background: bool = False      # past-context incidents hidden by default
    limit: int | None = None

    def group_ids(self) -> set[str]:
        """Expanded ids: children always, backed groups when asked."""
        from extraction.groups import expand_group_ids

        return expand_group_ids(self.groups, include_children=True, include_backed=self.include_backed)
