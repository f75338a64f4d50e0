"""Syrian gazetteer: Arabic place mentions -> points, admin areas (OCHA p-codes) and precision.

Public API (docs/INTERFACES.md): ``get_gazetteer()``, ``resolve_place()``, ``Candidate``,
``PlaceMention``, ``Gazetteer.find_mentions``, ``Gazetteer.governorates``,
``Gazetteer.boundaries_path``, ``ATTRIBUTION``.
"""

from __future__ import annotations

from .attribution import ATTRIBUTION
from .index import Gazetteer, get_gazetteer, resolve_place
from .model import Candidate, PlaceMention

__all__ = ["ATTRIBUTION", "Candidate", "Gazetteer", "PlaceMention", "get_gazetteer", "resolve_place"]
