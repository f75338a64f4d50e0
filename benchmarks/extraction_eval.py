"""Extraction evaluation on the hand-annotated development set (tests/fixtures/devset/*.json).

    .venv/bin/python benchmarks/extraction_eval.py [--devset DIR] [--seeds] [--verbose] [--json FILE]

Runs the real extraction (``extract_incidents`` with the shared Stanza pipeline) on every dev article,
aligns predicted to gold incidents and prints incident precision/recall/F1 and per-field accuracy over
the matched pairs. It is a measurement: it always exits 0 once the dev set has been read (a malformed
dev file is the annotator's fault and stops the run with the file's name and what to fix).

Dev file format (one article per file)::

    {"text": ..., "title"?: ..., "published": "YYYY-MM-DD", "source": ..., "note"?: ...,
     "gold": [{"attack_type", "perpetrator", "target", "location": {"name_ar","lat","lon","admin1_pcode"},
               "event_date", "killed", "wounded", "captured", "is_background",
               "evidence_contains": "a substring of the sentence", "optional"?: bool, "note"?: str}]}

Every gold field may be a single value, ``null`` (the extraction must say null: nothing is stated), a
list of acceptable values (e.g. ``"perpetrator": [null, "unknown"]`` when an article blames nobody,
``"location": [{...}, {...}]`` for "the road between A and B", ``[{...}, null]`` for "that town or no place") or ``"*"`` (not scored, e.g. the day
of a background attack dated only "last month"). ``optional: true`` marks an incident a careful
reader may or may not split off (a retaliation with no place, air support in the same battle): a
prediction matched to it is neither a hit nor a false alarm, and missing it costs nothing.

Alignment rule (per article; documented here because the numbers depend on it):
  a predicted and a gold incident are *compatible* when
    (a) the predicted evidence span overlaps an occurrence of the gold ``evidence_contains`` text, or
    (b) their attack types are in the same family (ground: armed_clash/ambush/raid/assassination/
        abduction; explosive: ied/vbied/suicide_attack; remote: airstrike/drone_strike/shelling;
        other) and the predicted location is within 25 km of the gold location.
  Among compatible pairs we take the one-to-one assignment with the most pairs, ties broken by the
  highest total affinity (evidence overlap 3, same family 1, exact type 1, within 25 km 2 plus up to
  0.5 the nearer it is, same admin1 0.5; minus 10 for an optional gold incident, so a prediction whose evidence covers both a
  required and an optional incident is credited to the required one) — exact search over
  assignments (articles are small), not greedy.

Counts: "all" ignores the background flag; "main" counts only incidents the article reports as news
(gold is_background false, predicted is_background false); "background" the past-context ones. A
predicted main incident aligned to a gold background one is a main false positive and a background
miss (and an is_background error in the field table).

Field accuracy over matched (non-optional) pairs: perpetrator / target (exact id; "family" = same
top-level group, e.g. fourth_division ~ syrian_government), attack_type, location (within 25 km;
null gold needs null prediction), admin1 (pcode), date, killed, wounded, captured, is_background.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DEVSET = ROOT / "tests" / "fixtures" / "devset"
MAX_KM = 25.0
OPTIONAL_PENALTY = 10.0
ANY = "*"
FIELDS = ("perpetrator", "target", "attack_type", "location", "admin1", "date", "killed", "wounded",
          "captured", "is_background")
FAMILIES = {
    "armed_clash": "ground", "ambush": "ground", "raid": "ground", "assassination": "ground",
    "abduction": "ground", "ied": "explosive", "vbied": "explosive", "suicide_attack": "explosive",
    "airstrike": "remote", "drone_strike": "remote", "shelling": "remote", "other": "other",
}
_PCODE = re.compile(r"^SY(0[1-9]|1[0-4])$")


class DevsetError(ValueError):
    """A malformed dev-set file: the message names the file and what to fix."""


# ---------------------------------------------------------------------------------------------
# Data shapes


@dataclass
class GoldIncident:
    attack_type: Any
    perpetrator: Any
    target: Any
    location: Any  # dict | list[dict] | None | "*"
    event_date: Any
    killed: Any
    wounded: Any
    captured: Any
    is_background: bool
    evidence_contains: str
    optional: bool = False
    note: str | None = None


@dataclass
class DevArticle:
    path: Path
    text: str
    title: str | None
    published: str
    source: str | None
    gold: list[GoldIncident]
    note: str | None = None

    @property
    def name(self) -> str:
        return self.path.stem


@dataclass
class PredIncident:
    """The facts of one predicted incident the scorer compares (built from ``extraction.schema.Incident``)."""

    attack_type: str
    perpetrator: str | None
    target: str | None
    lat: float | None
    lon: float | None
    admin1_pcode: str | None
    event_date: str | None
    killed: int | None
    wounded: int | None
    captured: int | None
    is_background: bool
    evidence_start: int
    evidence_end: int
    evidence_text: str = ""
    location_name: str | None = None

    @classmethod
    def from_incident(cls, inc) -> PredIncident:
        loc = inc.location
        return cls(
            attack_type=inc.attack_type,
            perpetrator=inc.perpetrator.id if inc.perpetrator else None,
            target=inc.target.id if inc.target else None,
            lat=loc.lat if loc else None, lon=loc.lon if loc else None,
            admin1_pcode=loc.admin1_pcode if loc else None,
            event_date=inc.event_date, killed=inc.killed, wounded=inc.wounded, captured=inc.captured,
            is_background=bool(inc.is_background),
            evidence_start=inc.evidence.start, evidence_end=inc.evidence.end, evidence_text=inc.evidence.text,
            location_name=(loc.name_ar or loc.text) if loc else None,
        )


@dataclass
class Pair:
    gold_index: int
    pred_index: int
    fields: dict[str, bool | None]  # None = not scored (gold "*")


@dataclass
class ArticleResult:
    name: str
    gold: list[GoldIncident]
    pred: list[PredIncident]
    pairs: list[Pair]
    counts: dict[str, Counter] = field(default_factory=dict)  # "all"/"main"/"background" -> tp/fp/fn

    @property
    def missed(self) -> list[int]:
        matched = {p.gold_index for p in self.pairs}
        return [i for i, g in enumerate(self.gold) if i not in matched and not g.optional]

    @property
    def spurious(self) -> list[int]:
        matched = {p.pred_index for p in self.pairs}
        return [j for j in range(len(self.pred)) if j not in matched]


# ---------------------------------------------------------------------------------------------
# Loading and validating the dev set


def _groups() -> set[str]:
    from extraction.groups import load_groups

    return set(load_groups())


def _alts(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _places(value: Any) -> list[dict[str, Any]]:
    """The gold places of a location field (a list may also hold null: "that town, or no place")."""
    return [x for x in _alts(value) if isinstance(x, dict)]


def _check_gold(path: Path, k: int, g: dict[str, Any], text: str, group_ids: set[str]) -> GoldIncident:
    from extraction.schema import ATTACK_TYPES

    where = f"{path}: gold[{k}]"
    required = ("attack_type", "perpetrator", "target", "location", "event_date", "killed", "wounded",
                "captured", "is_background", "evidence_contains")
    missing = [key for key in required if key not in g]
    if missing:
        raise DevsetError(f"{where} lacks {', '.join(missing)} — add them (null when not stated)")
    for t in _alts(g["attack_type"]):
        if t not in ATTACK_TYPES:
            raise DevsetError(f"{where}: attack_type {t!r} is not one of {', '.join(ATTACK_TYPES)}")
    for key in ("perpetrator", "target"):
        for gid in _alts(g[key]):
            if gid is not None and gid != ANY and gid not in group_ids:
                raise DevsetError(f"{where}: {key} {gid!r} is not a group id in extraction/lexicons/armed_groups.yaml")
    if g["location"] is not None and g["location"] != ANY:
        for loc in _alts(g["location"]):
            if loc is None and isinstance(g["location"], list) and _places(g["location"]):
                continue  # ("[{town}, null]": the town, or no place at all)
            if not isinstance(loc, dict) or not {"name_ar", "lat", "lon", "admin1_pcode"} <= set(loc):
                raise DevsetError(f"{where}: location needs name_ar, lat, lon, admin1_pcode")
            if not (32.0 <= float(loc["lat"]) <= 37.5 and 35.5 <= float(loc["lon"]) <= 42.5):
                raise DevsetError(f"{where}: location {loc['name_ar']} ({loc['lat']}, {loc['lon']}) is outside Syria")
            if not _PCODE.match(str(loc["admin1_pcode"])):
                raise DevsetError(f"{where}: admin1_pcode {loc['admin1_pcode']!r} is not SY01..SY14")
    for d in _alts(g["event_date"]):
        if d is not None and d != ANY:
            try:
                dt.date.fromisoformat(d)
            except (TypeError, ValueError):
                raise DevsetError(f"{where}: event_date {d!r} is not YYYY-MM-DD, null or \"*\"") from None
    for key in ("killed", "wounded", "captured"):
        for n in _alts(g[key]):
            if n is not None and n != ANY and (not isinstance(n, int) or isinstance(n, bool) or n < 0):
                raise DevsetError(f"{where}: {key} {n!r} must be a non-negative integer, null or \"*\"")
    if not isinstance(g["is_background"], bool):
        raise DevsetError(f"{where}: is_background must be true or false")
    ev = g["evidence_contains"]
    if not isinstance(ev, str) or not ev.strip() or ev not in text:
        raise DevsetError(f"{where}: evidence_contains {ev!r} is not a substring of the text — copy it from the text")
    return GoldIncident(
        attack_type=g["attack_type"], perpetrator=g["perpetrator"], target=g["target"], location=g["location"],
        event_date=g["event_date"], killed=g["killed"], wounded=g["wounded"], captured=g["captured"],
        is_background=g["is_background"], evidence_contains=ev, optional=bool(g.get("optional", False)),
        note=g.get("note"),
    )


def load_devset(directory: Path = DEFAULT_DEVSET) -> list[DevArticle]:
    """Read and validate every ``*.json`` dev article (sorted by name); DevsetError on the first bad file."""
    directory = Path(directory)
    if not directory.is_dir():
        raise DevsetError(f"{directory}: no such dev-set directory — pass --devset DIR")
    paths = sorted(directory.glob("*.json"))
    if not paths:
        raise DevsetError(f"{directory}: no *.json dev articles found")
    group_ids = _groups()
    out = []
    for path in paths:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise DevsetError(f"{path}: not valid UTF-8 JSON ({e}) — fix the file") from None
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or not raw["text"].strip():
            raise DevsetError(f"{path}: needs an object with a non-empty \"text\"")
        try:
            dt.date.fromisoformat(str(raw.get("published")))
        except ValueError:
            raise DevsetError(f"{path}: \"published\" must be YYYY-MM-DD (relative dates need it)") from None
        if not isinstance(raw.get("gold"), list):
            raise DevsetError(f"{path}: needs a \"gold\" list (empty for an article that reports no attack)")
        gold = [_check_gold(path, k, g, raw["text"], group_ids) for k, g in enumerate(raw["gold"])]
        out.append(DevArticle(path, raw["text"], raw.get("title"), raw["published"], raw.get("source"), gold,
                              raw.get("note")))
    return out


# ---------------------------------------------------------------------------------------------
# Comparing


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def _top(gid: str | None) -> str | None:
    if gid is None:
        return None
    from extraction.groups import load_groups

    g = load_groups().get(gid)
    return g.top_level if g else gid


def value_ok(gold: Any, pred: Any) -> bool | None:
    """True/False, or None when the gold says "*" (not scored)."""
    if gold == ANY:
        return None
    return any(pred == g for g in _alts(gold))


def group_family_ok(gold: Any, pred: str | None) -> bool | None:
    if gold == ANY:
        return None
    return any(_top(pred) == _top(g) for g in _alts(gold))


def location_ok(gold: Any, pred: PredIncident) -> bool | None:
    if gold == ANY:
        return None
    if gold is None:
        return pred.lat is None
    if pred.lat is None or pred.lon is None:
        return None in _alts(gold)
    return any(haversine_km(float(g["lat"]), float(g["lon"]), pred.lat, pred.lon) <= MAX_KM for g in _places(gold))


def admin1_ok(gold: Any, pred: PredIncident) -> bool | None:
    if gold == ANY:
        return None
    if gold is None:
        return pred.admin1_pcode is None
    if pred.admin1_pcode is None and None in _alts(gold):
        return True
    return any(g["admin1_pcode"] == pred.admin1_pcode for g in _places(gold))


def compare_fields(g: GoldIncident, p: PredIncident) -> dict[str, bool | None]:
    return {
        "perpetrator": value_ok(g.perpetrator, p.perpetrator),
        "perpetrator_family": group_family_ok(g.perpetrator, p.perpetrator),
        "target": value_ok(g.target, p.target),
        "target_family": group_family_ok(g.target, p.target),
        "attack_type": value_ok(g.attack_type, p.attack_type),
        "location": location_ok(g.location, p),
        "admin1": admin1_ok(g.location, p),
        "date": value_ok(g.event_date, p.event_date),
        "killed": value_ok(g.killed, p.killed),
        "wounded": value_ok(g.wounded, p.wounded),
        "captured": value_ok(g.captured, p.captured),
        "is_background": g.is_background == p.is_background,
    }


def evidence_spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(needle)
    while pos >= 0:
        out.append((pos, pos + len(needle)))
        pos = text.find(needle, pos + 1)
    return out


def affinity(g: GoldIncident, gspans: list[tuple[int, int]], p: PredIncident) -> float | None:
    """How well a prediction fits a gold incident; None when they are not compatible (module doc)."""
    overlap = any(s < p.evidence_end and p.evidence_start < e for s, e in gspans)
    gold_types = [t for t in _alts(g.attack_type) if t != ANY]
    same_family = any(FAMILIES.get(t) == FAMILIES.get(p.attack_type) for t in gold_types)
    near = location_ok(g.location, p) is True and bool(_places(g.location)) and p.lat is not None
    if not overlap and not (same_family and near):
        return None
    score = 3.0 * overlap + 1.0 * same_family + 1.0 * (p.attack_type in gold_types) + 2.0 * near
    if admin1_ok(g.location, p) is True and bool(_places(g.location)) and p.admin1_pcode is not None:
        score += 0.5
    if near:  # (the nearer of two gold towns within 25 km is the one the prediction places)
        km = min(haversine_km(float(x["lat"]), float(x["lon"]), p.lat, p.lon) for x in _places(g.location))
        score += 0.5 * max(0.0, 1.0 - km / MAX_KM)
    if g.optional:
        score -= OPTIONAL_PENALTY  # a prediction covering a required and an optional incident is the required one
    return score


def best_assignment(weights: list[list[float | None]]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of rows (gold) to columns (pred): most pairs, then highest total.

    Exact dynamic programme over subsets of the smaller side (dev articles have a handful of
    incidents); beyond 14 on the smaller side it falls back to greedy by weight.
    """
    n_rows = len(weights)
    n_cols = len(weights[0]) if weights else 0
    if n_rows == 0 or n_cols == 0:
        return []
    transpose = n_rows > n_cols
    w = [list(col) for col in zip(*weights, strict=True)] if transpose else weights
    rows, cols = len(w), len(w[0])
    if rows > 14:
        cand = sorted(((w[i][j], i, j) for i in range(rows) for j in range(cols) if w[i][j] is not None), reverse=True)
        used_i, used_j, pairs = set(), set(), []
        for _, i, j in cand:
            if i not in used_i and j not in used_j:
                used_i.add(i)
                used_j.add(j)
                pairs.append((i, j))
    else:
        # state: (row index, mask of rows used) over columns; value = (pairs, total)
        from functools import cache

        @cache
        def solve(j: int, mask: int) -> tuple[tuple[int, float], tuple[tuple[int, int], ...]]:
            if j == cols:
                return (0, 0.0), ()
            best = solve(j + 1, mask)
            for i in range(rows):
                if mask >> i & 1 or w[i][j] is None:
                    continue
                (n, tot), chosen = solve(j + 1, mask | 1 << i)
                cand = ((n + 1, tot + w[i][j]), ((i, j),) + chosen)
                if cand[0] > best[0]:
                    best = cand
            return best

        pairs = list(solve(0, 0)[1])
    if transpose:
        pairs = [(j, i) for i, j in pairs]
    return sorted(pairs)


def score_article(name: str, text: str, gold: list[GoldIncident], pred: list[PredIncident]) -> ArticleResult:
    """Align one article's predictions to its gold incidents and count hits, misses and false alarms."""
    spans = [evidence_spans(text, g.evidence_contains) for g in gold]
    weights = [[affinity(g, spans[i], p) for p in pred] for i, g in enumerate(gold)]
    pairs = [Pair(i, j, compare_fields(gold[i], pred[j])) for i, j in best_assignment(weights)]
    res = ArticleResult(name, gold, pred, pairs)
    by_pred = {p.pred_index: p.gold_index for p in pairs}
    by_gold = {p.gold_index: p.pred_index for p in pairs}
    for view in ("all", "main", "background"):
        c = Counter(tp=0, fp=0, fn=0)

        def in_view(is_bg: bool, v: str = view) -> bool:
            return v == "all" or (v == "background") == is_bg

        for j, p in enumerate(pred):
            if not in_view(p.is_background):
                continue
            gi = by_pred.get(j)
            if gi is not None and gold[gi].optional:
                continue  # matched to an optional incident: neither hit nor false alarm
            if gi is not None and in_view(gold[gi].is_background):
                c["tp"] += 1
            else:
                c["fp"] += 1
        for i, g in enumerate(gold):
            if g.optional or not in_view(g.is_background):
                continue
            j = by_gold.get(i)
            if j is None or not in_view(pred[j].is_background):
                c["fn"] += 1
        res.counts[view] = c
    return res


@dataclass
class Summary:
    counts: dict[str, Counter]
    field_hits: Counter
    field_total: Counter
    n_articles: int

    def prf(self, view: str) -> tuple[float, float, float]:
        c = self.counts[view]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def accuracy(self, name: str) -> float | None:
        return self.field_hits[name] / self.field_total[name] if self.field_total[name] else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"articles": self.n_articles}
        for view in ("all", "main", "background"):
            p, r, f = self.prf(view)
            out[view] = {"precision": p, "recall": r, "f1": f, **dict(self.counts[view])}
        out["fields"] = {k: {"accuracy": self.accuracy(k), "n": self.field_total[k]} for k in self.field_total}
        return out


def summarize(results: list[ArticleResult]) -> Summary:
    counts = {v: Counter(tp=0, fp=0, fn=0) for v in ("all", "main", "background")}
    hits, total = Counter(), Counter()
    for r in results:
        for v in counts:
            counts[v].update(r.counts[v])
        for pair in r.pairs:
            if r.gold[pair.gold_index].optional:
                continue
            for k, ok in pair.fields.items():
                if ok is None:
                    continue
                total[k] += 1
                hits[k] += bool(ok)
    return Summary(counts, hits, total, len(results))


# ---------------------------------------------------------------------------------------------
# Running the real extraction and reporting


def _fmt_gold(g: GoldIncident) -> str:
    loc = g.location
    if isinstance(loc, list):
        loc = "/".join(x["name_ar"] if x else "null" for x in loc)
    elif isinstance(loc, dict):
        loc = loc["name_ar"]
    flags = ("BG " if g.is_background else "") + ("OPT " if g.optional else "")
    return (f"{flags}{g.attack_type} {g.perpetrator}->{g.target} @{loc} {g.event_date} "
            f"k={g.killed} w={g.wounded} c={g.captured} «{g.evidence_contains}»")


def _fmt_pred(p: PredIncident) -> str:
    ev = p.evidence_text.replace("\n", " ")
    ev = ev if len(ev) <= 90 else ev[:87] + "..."
    return (f"{'BG ' if p.is_background else ''}{p.attack_type} {p.perpetrator}->{p.target} @{p.location_name} "
            f"({p.admin1_pcode}) {p.event_date} k={p.killed} w={p.wounded} c={p.captured} «{ev}»")


def _pred_value(name: str, p: PredIncident) -> Any:
    return {"perpetrator": p.perpetrator, "target": p.target, "attack_type": p.attack_type,
            "location": (p.location_name, p.lat, p.lon), "admin1": p.admin1_pcode, "date": p.event_date,
            "killed": p.killed, "wounded": p.wounded, "captured": p.captured,
            "is_background": p.is_background}.get(name)


def _gold_value(name: str, g: GoldIncident) -> Any:
    return {"perpetrator": g.perpetrator, "target": g.target, "attack_type": g.attack_type,
            "location": g.location if not isinstance(g.location, (dict, list)) else
            "/".join(x["name_ar"] if x else "null" for x in _alts(g.location)),
            "admin1": None if not isinstance(g.location, (dict, list)) else
            "/".join(x["admin1_pcode"] if x else "null" for x in _alts(g.location)),
            "date": g.event_date, "killed": g.killed, "wounded": g.wounded, "captured": g.captured,
            "is_background": g.is_background}.get(name)


def print_article(r: ArticleResult, out=sys.stdout) -> None:
    errors = [(pair, k) for pair in r.pairs for k in FIELDS
              if pair.fields.get(k) is False and not r.gold[pair.gold_index].optional]
    if not r.missed and not r.spurious and not errors:
        print(f"  ok  {r.name} ({len(r.gold)} gold, {len(r.pred)} predicted)", file=out)
        return
    print(f"  --  {r.name} ({len(r.gold)} gold, {len(r.pred)} predicted)", file=out)
    to_gold = {pair.pred_index: pair.gold_index for pair in r.pairs}
    for j, p in enumerate(r.pred):
        tag = "unmatched" if j not in to_gold else f"gold[{to_gold[j]}]"
        print(f"      pred[{j}] ({tag}) {_fmt_pred(p)}", file=out)
    for i in r.missed:
        print(f"      MISSED   {_fmt_gold(r.gold[i])}", file=out)
    for j in r.spurious:
        print(f"      SPURIOUS {_fmt_pred(r.pred[j])}", file=out)
    for pair in r.pairs:
        g, p = r.gold[pair.gold_index], r.pred[pair.pred_index]
        bad = [k for k in FIELDS if pair.fields.get(k) is False]
        if not bad or g.optional:
            continue
        print(f"      MATCHED  gold «{g.evidence_contains}»", file=out)
        for k in bad:
            print(f"               {k}: gold={_gold_value(k, g)!r} predicted={_pred_value(k, p)!r}", file=out)


def print_summary(s: Summary, out=sys.stdout) -> None:
    print(f"\nArticles: {s.n_articles}", file=out)
    print(f"{'incidents':<12}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}", file=out)
    for view in ("main", "background", "all"):
        p, r, f = s.prf(view)
        c = s.counts[view]
        print(f"{view:<12}{p:>7.3f}{r:>7.3f}{f:>7.3f}{c['tp']:>6}{c['fp']:>6}{c['fn']:>6}", file=out)
    print(f"\n{'field (matched pairs)':<24}{'accuracy':>9}{'n':>6}", file=out)
    for k in ("perpetrator", "perpetrator_family", "target", "target_family", "attack_type", "location",
              "admin1", "date", "killed", "wounded", "captured", "is_background"):
        acc = s.accuracy(k)
        print(f"{k:<24}{'-' if acc is None else f'{acc:.3f}':>9}{s.field_total[k]:>6}", file=out)


def run_devset(articles: list[DevArticle], nlp=None, progress: bool = True) -> list[ArticleResult]:
    from tqdm import tqdm

    from extraction.extract import extract_incidents
    from extraction.reader import article_from_text

    results = []
    for a in tqdm(articles, desc="dev articles", unit="art", file=sys.stderr, disable=not progress):
        art = article_from_text(a.text, title=a.title, published=a.published, source=a.source, path=str(a.path))
        if art.text != a.text:
            raise DevsetError(f"{a.path}: the reader changed the text, gold offsets would not line up")
        pred = [PredIncident.from_incident(i) for i in extract_incidents(art, nlp=nlp)]
        results.append(score_article(a.name, a.text, a.gold, pred))
    return results


def run_seeds(nlp, out=sys.stdout) -> None:
    from extraction.extract import extract_incidents
    from extraction.reader import read_article_file
    from raqib.paths import seeds_dir

    print("\nSeed articles (no gold, no publication date: a listing to eyeball):", file=out)
    for path in sorted(Path(seeds_dir()).glob("*.txt")):
        for art in read_article_file(path):
            incs = extract_incidents(art, nlp=nlp)
            print(f"  {path.name}: {len(incs)} incidents", file=out)
            for inc in incs:
                print(f"      {_fmt_pred(PredIncident.from_incident(inc))}", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="folder of dev *.json articles")
    ap.add_argument("--seeds", action="store_true", help="also list what is extracted from the shared seeds")
    ap.add_argument("--verbose", action="store_true", help="per-article misses, false alarms, wrong fields")
    ap.add_argument("--json", type=Path, help="also write the summary figures to this JSON file")
    args = ap.parse_args(argv)
    try:
        articles = load_devset(args.devset)
    except DevsetError as e:
        print(f"extraction_eval: {e}", file=sys.stderr)
        return 2
    from extraction.pipeline import get_pipeline

    nlp = get_pipeline()
    results = run_devset(articles, nlp)
    if args.verbose:
        print("Per-article errors:")
        for r in results:
            print_article(r)
    summary = summarize(results)
    print_summary(summary)
    if args.json:
        args.json.write_text(json.dumps(summary.to_dict(), indent=1), encoding="utf-8")
    if args.seeds:
        run_seeds(nlp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
