"""Armed-group vocabulary (DESIGN.md "Armed groups"), loaded from ``lexicons/armed_groups.yaml``.

Light on purpose (no Stanza import): the store and the pages use it for names, colours, parents
and the "groups it backs" filter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from extraction.lexicon import load_yaml, norm_phrase

GROUPS_FILE = Path(__file__).with_name("lexicons") / "armed_groups.yaml"


@dataclass(frozen=True)
class ArmedGroup:
    id: str
    name_en: str
    name_ar: str
    parent: str | None
    backers: tuple[str, ...]
    colour: str
    aliases: tuple[str, ...] = field(default=())
    target_only: bool = False

    @property
    def top_level(self) -> str:
        return self.parent or self.id


@lru_cache(maxsize=1)
def load_groups(path: Path = GROUPS_FILE) -> dict[str, ArmedGroup]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    groups: dict[str, ArmedGroup] = {}
    for gid, g in raw.items():
        groups[gid] = ArmedGroup(
            id=gid, name_en=g["name_en"], name_ar=g["name_ar"], parent=g.get("parent"),
            backers=tuple(g.get("backers") or ()), colour=g.get("colour", "#7f8c8d"),
            aliases=tuple(str(a) for a in g.get("aliases") or ()),
            target_only=bool(g.get("target_only", False)),
        )
    for g in groups.values():
        if g.parent and g.parent not in groups:
            raise ValueError(f"{path}: group {g.id} has unknown parent {g.parent}")
        for b in g.backers:
            if b not in groups:
                raise ValueError(f"{path}: group {g.id} has unknown backer {b}")
    return groups


def expand_group_ids(ids: list[str] | tuple[str, ...], *, include_children: bool = True,
                     include_backed: bool = False) -> set[str]:
    """Ids to match for a group filter: the groups, their children (a filter on
    ``syrian_government`` includes ``fourth_division``) and, if asked, the groups they back
    (``russia`` -> ``liwa_al_quds``, ``fifth_corps``, and those groups' children)."""
    groups = load_groups()
    selected = set(ids)
    changed = True
    while changed:
        changed = False
        for g in groups.values():
            if g.id in selected:
                continue
            if (include_children and g.parent in selected) or (
                include_backed and any(b in selected for b in g.backers)
            ):
                selected.add(g.id)
                changed = True
    return selected


@lru_cache(maxsize=1)
def _successions() -> list[tuple[str, str, str, str | None, frozenset[tuple[str, ...]], bool, frozenset[str]]]:
    """(after, before, from, to, phrases, whole, keep): the change holds from ``after`` (inclusive) or until
    ``before`` (exclusive); an empty bound is open. ``to`` null: the name stands for no group then;
    ``whole``: only a mention that is exactly one of the phrases; ``keep``: words that, in the mention,
    keep the lexicon id ("قوى الأمن الداخلي الكردية" stays the Asayish)."""
    return [(str(r.get("after") or ""), str(r.get("before") or ""), r["from"], r.get("to"),
             frozenset(tuple(norm_phrase(p)) for p in r["phrases"]), bool(r.get("whole")),
             frozenset(norm_phrase(" ".join(r.get("keep") or []))))
            for r in load_yaml("group_successions.yaml").get("successions") or []]


def successor(group_id: str, text: str, published: str | None) -> str | None:
    """The id a group name stands for on the article's date ("إدارة العمليات العسكرية" after 8 December
    2024 is the government's; before it, HTS's; "جيش الإسلام" before the National Army existed was a
    rebel faction; a bare "فلول" before the fall is nobody's remnants in particular: None). No
    publication date: the lexicon id."""
    if not published:
        return group_id
    day = published[:10]
    words = tuple(norm_phrase(text))
    for after, before, src, dst, phrases, whole, keep in _successions():
        if group_id == src and (not after or day >= after) and (not before or day < before) and not (
                keep & set(words)) and (
                words in phrases if whole else any(
                    words[k:k + len(p)] == p for p in phrases for k in range(len(words) - len(p) + 1))):
            return dst
    return group_id
