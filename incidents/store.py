"""The incident store: articles, incidents, de-duplicated events and places, behind one small API.

Why one module owns all SQL: the dashboard, ``export`` and ``ingest`` must agree on what an event
is and what a filter means; they all call ``Store`` (docs/INTERFACES.md) and never touch tables.

Guarantees:
- ``add_article`` is one transaction: an article is stored with all its incidents or not at all,
  so a process killed at any moment leaves a consistent store and re-running finishes the job;
- an article already stored (same id = sha256 of the cleaned text) is a no-op;
- each incident joins or creates its event under the rule in ``incidents.dedup``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Connection, and_, func, or_, select, text, update

from extraction.schema import ATTACK_TYPES, DATE_PRECISIONS, Article, Incident
from incidents import dedup, tables
from incidents.db import make_engine
from incidents.filters import IncidentFilter
from incidents.migrations import apply_one, current_version, now_iso, pending
from raqib.paths import database_location

T_ART, T_INC, T_EV, T_PL = tables.articles, tables.incidents, tables.events, tables.places
PG_LOCK_KEY = 0x52414B49  # "RAKI": serialises writers on PostgreSQL like BEGIN IMMEDIATE on SQLite

EVENT_COLUMNS = [
    "event_id", "n_sources", "event_date", "date_precision", "attack_type",
    "perpetrator_id", "perpetrator_parent", "perpetrator_name_en", "perpetrator_name_ar", "perpetrator_text",
    "target_id", "target_parent", "target_name_en", "target_name_ar", "target_text",
    "location_name_ar", "location_name_en", "location_text", "gazetteer_id", "lat", "lon",
    "admin1", "admin1_pcode", "admin2", "admin3", "precision", "killed", "wounded", "captured",
    "casualty_note", "is_background", "evidence_text", "evidence_start", "evidence_end", "confidence",
    "article_id", "article_title", "article_url", "article_source", "published", "sources",
]
INCIDENT_COLUMNS = ["incident_id", *EVENT_COLUMNS]
SOURCE_COLUMNS = [
    "incident_id", "article_id", "title", "url", "source", "published", "ingested_at", "event_date",
    "is_background", "killed", "wounded", "captured", "evidence_text", "evidence_start", "evidence_end",
    "confidence",
]
_INT_COLUMNS = {"n_sources", "precision", "killed", "wounded", "captured", "evidence_start", "evidence_end"}
_FLOAT_COLUMNS = {"lat", "lon", "confidence"}
# Per-row fields that come from the representative incident (events) / the incident itself.
_ROW_FIELDS = [
    "location_name_ar", "location_name_en", "location_text", "gazetteer_id", "lat", "lon", "admin1",
    "admin1_pcode", "admin2", "admin3", "precision", "casualty_note", "evidence_text", "evidence_start",
    "evidence_end", "confidence", "article_id",
]
_GROUP_FIELDS = [f"{r}_{f}" for r in ("perpetrator", "target") for f in ("id", "parent", "name_en", "name_ar", "text")]


class StoreError(ValueError):
    """Input the store refuses (the message says which article/incident and why)."""


def open_store(location: str | os.PathLike | None = None) -> Store:
    """Open (creating or upgrading) the store at a SQLite path or SQLAlchemy URL.

    ``None`` -> ``raqib.paths.database_location()`` (``RAQIB_DB``, else ``data/raqib.db``).
    """
    return Store(database_location(location))


class Store:
    def __init__(self, location: str | os.PathLike):
        self.location = str(location)
        self.engine = make_engine(self.location)
        self.dialect = self.engine.dialect.name
        self._migrate()

    # ------------------------------------------------------------------ plumbing
    def _write(self):
        """A connection whose transactions take the write lock up front (see incidents.db)."""
        return self.engine.connect().execution_options(raqib_write=True)

    def _lock(self, conn: Connection) -> None:
        if self.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})

    def _migrate(self) -> None:
        with self.engine.connect() as conn:
            if not pending(conn):
                return
        while True:
            with self._write() as conn, conn.begin():
                self._lock(conn)
                todo = pending(conn)
                if not todo:
                    return
                apply_one(conn, todo[0])

    @property
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return current_version(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ writing
    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(T_ART.c.id).where(T_ART.c.id == article_id)).first() is not None

    def known_article_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these ids are stored (ingest skips them before extracting)."""
        ids = list(dict.fromkeys(article_ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                found.update(r[0] for r in conn.execute(select(T_ART.c.id).where(T_ART.c.id.in_(chunk))))
        return found

    def add_article(self, article: Article, incidents: Sequence[Incident]) -> bool:
        """Store the article and its incidents in one transaction; False when already stored."""
        article_id = article.article_id
        rows = [_incident_row(article, inc) for inc in sorted(incidents, key=lambda i: i.evidence.start)]
        with self._write() as conn, conn.begin():
            self._lock(conn)
            if conn.execute(select(T_ART.c.id).where(T_ART.c.id == article_id)).first() is not None:
                return False
            stamp = now_iso()
            conn.execute(T_ART.insert().values(
                id=article_id, text=article.text, hash=dedup_hash(article.text), title=article.title,
                source=article.source, url=article.url, published=article.published, path=article.path,
                ingested_at=stamp,
            ))
            for row in rows:
                row["created_at"] = stamp
                self._insert_incident(conn, row, article.published)
        return True

    def _insert_incident(self, conn: Connection, row: dict[str, Any], published: str | None) -> None:
        key = dedup.DedupKey.from_row({**row, "published": published})
        event_id = dedup.choose_event(key, self._candidate_events(conn, key))
        if event_id is None:
            event_id = "ev_" + row["id"]
            conn.execute(T_EV.insert().values(id=event_id, created_at=row["created_at"],
                                              updated_at=row["created_at"], **dedup.summarize([row])))
            conn.execute(T_INC.insert().values(**row, event_id=event_id))
        else:
            conn.execute(T_INC.insert().values(**row, event_id=event_id))
            members = [dict(r._mapping) for r in conn.execute(select(T_INC).where(T_INC.c.event_id == event_id))]
            conn.execute(update(T_EV).where(T_EV.c.id == event_id)
                         .values(updated_at=row["created_at"], **dedup.summarize(members)))
        if row["gazetteer_id"]:
            self._upsert_place(conn, row)

    def _candidate_events(self, conn: Connection, key: dedup.DedupKey) -> dict[str, list[dedup.DedupKey]]:
        """Events with at least one incident that could match ``key``, with *all* their members."""
        window = dedup.date_window(key)
        if window is None or not key.has_location:
            return {}
        lo = (window[0] - timedelta(days=40)).isoformat()
        hi = (window[1] + timedelta(days=40)).isoformat()
        # Every compatible pair shares the governorate or lies within RADIUS_KM (rule 3), so the
        # candidate scan stays small however large the store grows.
        place_conds = []
        if key.admin1_pcode:
            place_conds.append(T_INC.c.admin1_pcode == key.admin1_pcode)
        if key.lat is not None and key.lon is not None:
            dlat = dedup.RADIUS_KM / 111.0 + 0.01
            dlon = dlat / max(0.2, math.cos(math.radians(key.lat)))
            place_conds.append(and_(T_INC.c.lat.between(key.lat - dlat, key.lat + dlat),
                                    T_INC.c.lon.between(key.lon - dlon, key.lon + dlon)))
        if not place_conds:
            return {}
        near = (
            select(T_INC.c.event_id).select_from(T_INC.join(T_ART, T_ART.c.id == T_INC.c.article_id))
            .where(T_INC.c.attack_type == key.attack_type, T_INC.c.article_id != key.article_id,
                   or_(*place_conds),
                   or_(T_INC.c.event_date.between(lo, hi),
                       and_(T_INC.c.event_date.is_(None), T_ART.c.published.between(lo, hi))))
            .distinct()
        )
        event_ids = [r[0] for r in conn.execute(near)]
        if not event_ids:
            return {}
        members: dict[str, list[dedup.DedupKey]] = {e: [] for e in event_ids}
        q = (select(T_INC, T_ART.c.published).select_from(T_INC.join(T_ART, T_ART.c.id == T_INC.c.article_id))
             .where(T_INC.c.event_id.in_(event_ids)))
        for r in conn.execute(q):
            members[r.event_id].append(dedup.DedupKey.from_row(r._mapping))
        return members

    def _upsert_place(self, conn: Connection, row: dict[str, Any]) -> None:
        gid = row["gazetteer_id"]
        hit = conn.execute(update(T_PL).where(T_PL.c.gazetteer_id == gid)
                           .values(n_incidents=T_PL.c.n_incidents + 1))
        if hit.rowcount == 0:
            conn.execute(T_PL.insert().values(
                gazetteer_id=gid, name_ar=row["location_name_ar"], name_en=row["location_name_en"],
                kind=row["location_kind"], lat=row["lat"], lon=row["lon"], admin1=row["admin1"],
                admin1_pcode=row["admin1_pcode"], admin2=row["admin2"], admin3=row["admin3"],
                n_incidents=1, first_seen_at=row["created_at"],
            ))

    # ------------------------------------------------------------------ reading
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "articles": conn.execute(select(func.count()).select_from(T_ART)).scalar_one(),
                "incidents": conn.execute(select(func.count()).select_from(T_INC)).scalar_one(),
                "events": conn.execute(select(func.count()).select_from(T_EV)).scalar_one(),
            }

    def corroborated_events(self) -> int:
        """Events reported by more than one article."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(T_EV).where(T_EV.c.n_sources > 1)).scalar_one()

    def article(self, article_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(T_ART).where(T_ART.c.id == article_id)).first()
            return dict(r._mapping) if r else None

    def places(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(select(T_PL).order_by(T_PL.c.gazetteer_id))]
        return pd.DataFrame(rows, columns=[c.name for c in T_PL.columns])

    def query_events(self, flt: IncidentFilter | None = None) -> pd.DataFrame:
        """One row per event (de-duplicated), newest first; columns: ``EVENT_COLUMNS``."""
        flt = flt or IncidentFilter()
        cols = [T_EV.c.id.label("event_id"), T_EV.c.n_sources, T_EV.c.event_date, T_EV.c.date_precision,
                T_EV.c.attack_type, *(T_EV.c[f] for f in _GROUP_FIELDS),
                T_EV.c.killed, T_EV.c.wounded, T_EV.c.captured, T_EV.c.is_background,
                *(T_INC.c[f] for f in _ROW_FIELDS), *_article_cols()]
        q = (select(*cols)
             .select_from(T_EV.join(T_INC, T_INC.c.id == T_EV.c.rep_incident_id)
                          .join(T_ART, T_ART.c.id == T_INC.c.article_id))
             .where(*_conditions(T_EV, flt))
             .order_by(T_EV.c.event_date.desc().nulls_last(), T_EV.c.id))
        if flt.limit:
            q = q.limit(flt.limit)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(q)]
            sources = self._sources_for(conn, [r["event_id"] for r in rows])
        for r in rows:
            r["sources"] = sources.get(r["event_id"], [])
        return _frame(rows, EVENT_COLUMNS)

    def query_incidents(self, flt: IncidentFilter | None = None) -> pd.DataFrame:
        """One row per incident (each source's report); columns: ``INCIDENT_COLUMNS``."""
        flt = flt or IncidentFilter()
        cols = [T_INC.c.id.label("incident_id"), T_INC.c.event_id, T_EV.c.n_sources, T_INC.c.event_date,
                T_INC.c.date_precision, T_INC.c.attack_type, *(T_INC.c[f] for f in _GROUP_FIELDS),
                T_INC.c.killed, T_INC.c.wounded, T_INC.c.captured, T_INC.c.is_background,
                *(T_INC.c[f] for f in _ROW_FIELDS), *_article_cols()]
        q = (select(*cols)
             .select_from(T_INC.join(T_EV, T_EV.c.id == T_INC.c.event_id)
                          .join(T_ART, T_ART.c.id == T_INC.c.article_id))
             .where(*_conditions(T_INC, flt))
             .order_by(T_INC.c.event_date.desc().nulls_last(), T_INC.c.event_id, T_INC.c.id))
        if flt.limit:
            q = q.limit(flt.limit)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(q)]
            sources = self._sources_for(conn, list({r["event_id"] for r in rows}))
        for r in rows:
            r["sources"] = sources.get(r["event_id"], [])
        return _frame(rows, INCIDENT_COLUMNS)

    def event_sources(self, event_id: str) -> pd.DataFrame:
        """Every article that reports the event, with its own evidence and figures (oldest first)."""
        q = (select(T_INC.c.id.label("incident_id"), T_INC.c.article_id, T_ART.c.title, T_ART.c.url,
                    T_ART.c.source, T_ART.c.published, T_ART.c.ingested_at, T_INC.c.event_date,
                    T_INC.c.is_background, T_INC.c.killed, T_INC.c.wounded, T_INC.c.captured,
                    T_INC.c.evidence_text, T_INC.c.evidence_start, T_INC.c.evidence_end, T_INC.c.confidence)
             .select_from(T_INC.join(T_ART, T_ART.c.id == T_INC.c.article_id))
             .where(T_INC.c.event_id == event_id)
             .order_by(T_ART.c.ingested_at, T_INC.c.id))
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(q)]
        return _frame(rows, SOURCE_COLUMNS)

    def _sources_for(self, conn: Connection, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for i in range(0, len(event_ids), 500):
            chunk = event_ids[i:i + 500]
            q = (select(T_INC.c.event_id, T_INC.c.id, T_INC.c.article_id, T_ART.c.title, T_ART.c.url,
                        T_ART.c.source, T_ART.c.published, T_INC.c.evidence_text, T_INC.c.is_background)
                 .select_from(T_INC.join(T_ART, T_ART.c.id == T_INC.c.article_id))
                 .where(T_INC.c.event_id.in_(chunk))
                 .order_by(T_ART.c.ingested_at, T_INC.c.id))
            for r in conn.execute(q):
                out.setdefault(r.event_id, []).append({
                    "article_id": r.article_id, "title": r.title, "url": r.url, "source": r.source,
                    "evidence_text": r.evidence_text, "published": r.published, "incident_id": r.id,
                    "is_background": bool(r.is_background),
                })
        return out

    def consistency_problems(self) -> list[str]:
        """Invariants a crash must never break (used by tests and ``python -m incidents check``)."""
        problems: list[str] = []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                ok = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
                if ok != "ok":
                    problems.append(f"integrity_check: {ok}")
                for r in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                    problems.append(f"foreign key broken: {tuple(r)}")
            orphans = conn.execute(select(func.count()).select_from(
                T_INC.outerjoin(T_ART, T_ART.c.id == T_INC.c.article_id)).where(T_ART.c.id.is_(None))).scalar_one()
            if orphans:
                problems.append(f"{orphans} incidents without their article")
            n_inc = (select(T_INC.c.event_id, func.count().label("n"),
                            func.count(T_INC.c.article_id.distinct()).label("a"))
                     .group_by(T_INC.c.event_id).subquery())
            bad = conn.execute(select(T_EV.c.id, T_EV.c.n_incidents, T_EV.c.n_sources, n_inc.c.n, n_inc.c.a)
                               .select_from(T_EV.outerjoin(n_inc, n_inc.c.event_id == T_EV.c.id))
                               .where(or_(n_inc.c.n.is_(None), n_inc.c.n != T_EV.c.n_incidents,
                                          n_inc.c.a != T_EV.c.n_sources))).all()
            for r in bad:
                problems.append(f"event {r.id}: stored n_incidents={r.n_incidents}, n_sources={r.n_sources}, "
                                f"actual {r.n or 0} incidents from {r.a or 0} articles")
        return problems


# ---------------------------------------------------------------------- helpers

def dedup_hash(raw_text: str) -> str:
    import hashlib

    return hashlib.sha256(raw_text.encode("utf-8")).hexdigest()


def _article_cols():
    return [T_ART.c.title.label("article_title"), T_ART.c.url.label("article_url"),
            T_ART.c.source.label("article_source"), T_ART.c.published]


def _conditions(t, flt: IncidentFilter) -> list:
    """The shared dashboard filter on an events or incidents table (same column names in both)."""
    cond = []
    if flt.groups:
        ids = sorted(flt.group_ids())
        if flt.group_role == "perpetrator":
            cond.append(t.c.perpetrator_id.in_(ids))
        elif flt.group_role == "target":
            cond.append(t.c.target_id.in_(ids))
        else:
            cond.append(or_(t.c.perpetrator_id.in_(ids), t.c.target_id.in_(ids)))
    if flt.since is not None:
        cond.append(t.c.event_date >= _iso(flt.since))
    if flt.until is not None:
        cond.append(t.c.event_date <= _iso(flt.until))
    if flt.governorates:
        cond.append(t.c.admin1_pcode.in_(list(flt.governorates)))
    if flt.attack_types:
        cond.append(t.c.attack_type.in_(list(flt.attack_types)))
    if flt.min_killed and flt.min_killed > 0:
        cond.append(func.coalesce(t.c.killed, 0) >= int(flt.min_killed))
    if not flt.include_background:
        cond.append(t.c.is_background.is_(False))
    return cond


def _iso(d: date | str) -> str:
    return d.isoformat() if isinstance(d, date) else str(d)[:10]


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns``; text stays ``str``/``None`` (object dtype), integers
    are nullable ``Int64`` (a missing toll is <NA>, never 0)."""
    data: dict[str, pd.Series] = {}
    for c in columns:
        values = [r.get(c) for r in rows]
        if c in _INT_COLUMNS:
            data[c] = pd.Series(values, dtype="Int64")
        elif c in _FLOAT_COLUMNS:
            data[c] = pd.Series([float(v) if v is not None else None for v in values], dtype="float64")
        elif c == "is_background":
            data[c] = pd.Series([bool(v) for v in values], dtype=bool)
        else:
            data[c] = pd.Series(values, dtype=object)
    return pd.DataFrame(data, columns=columns)


def _incident_row(article: Article, inc: Incident) -> dict[str, Any]:
    """Flatten an Incident into an ``incidents`` row, refusing what the store cannot trust."""
    where = f"article {article.path or article.title or article.article_id[:12]}, incident {inc.id}"
    if inc.article_id != article.article_id:
        raise StoreError(f"{where}: incident belongs to article {inc.article_id[:12]}, not this one")
    if inc.attack_type not in ATTACK_TYPES:
        raise StoreError(f"{where}: unknown attack_type {inc.attack_type!r} (expected one of {ATTACK_TYPES})")
    if inc.date_precision not in DATE_PRECISIONS:
        raise StoreError(f"{where}: unknown date_precision {inc.date_precision!r}")
    if inc.event_date is not None and dedup.parse_date(inc.event_date) is None:
        raise StoreError(f"{where}: event_date {inc.event_date!r} is not YYYY-MM-DD")
    row: dict[str, Any] = {
        "id": inc.id, "article_id": inc.article_id, "event_date": inc.event_date,
        "date_precision": inc.date_precision, "attack_type": inc.attack_type,
        "killed": inc.killed, "wounded": inc.wounded, "captured": inc.captured,
        "casualty_note": inc.casualty_note, "is_background": bool(inc.is_background),
        "evidence_text": inc.evidence.text, "evidence_start": inc.evidence.start,
        "evidence_end": inc.evidence.end, "confidence": float(inc.confidence), "data": inc.to_dict(),
    }
    for role in ("perpetrator", "target"):
        g = getattr(inc, role)
        for f in ("id", "parent", "name_en", "name_ar", "text"):
            row[f"{role}_{f}"] = getattr(g, f) if g is not None else None
    loc = inc.location
    row.update({
        "gazetteer_id": loc.gazetteer_id if loc else None,
        "location_name_ar": loc.name_ar if loc else None, "location_name_en": loc.name_en if loc else None,
        "location_text": loc.text if loc else None, "location_kind": loc.kind if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "admin1": loc.admin1 if loc else None, "admin1_pcode": loc.admin1_pcode if loc else None,
        "admin2": loc.admin2 if loc else None, "admin3": loc.admin3 if loc else None,
        "precision": loc.precision if loc else None,
    })
    return row
