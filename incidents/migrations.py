"""Schema migrations in code: a later release opens an older store file and upgrades it in place.

Why: a newsroom keeps its SQLite file for years; releases must never ask it to start over.

Rules for whoever changes ``incidents.tables``:
- never edit a migration that has shipped; append a new ``Migration`` that takes the previous
  version to the new shape (``tests/test_store_migrations.py`` checks the chain ends at
  ``tables.metadata``);
- each migration runs in one transaction together with its ``schema_version`` row, so a crash
  mid-upgrade leaves the old version intact (SQLite and PostgreSQL both have transactional DDL).

The table definitions below are *frozen copies* of what each version created, on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _group_cols(role: str) -> list[Column]:
    return [
        Column(f"{role}_id", String(64)), Column(f"{role}_parent", String(64)),
        Column(f"{role}_name_en", Text), Column(f"{role}_name_ar", Text), Column(f"{role}_text", Text),
    ]


def _v1(conn: Connection) -> None:
    """Articles, incidents and their de-duplicated events."""
    md = MetaData()
    Table(
        "articles", md,
        Column("id", String(64), primary_key=True), Column("text", Text, nullable=False),
        Column("hash", String(64), nullable=False), Column("title", Text), Column("source", Text),
        Column("url", Text), Column("published", String(10)), Column("path", Text),
        Column("ingested_at", String(32), nullable=False),
    )
    ev = Table(
        "events", md,
        Column("id", String(40), primary_key=True),
        Column("rep_incident_id", String(40), nullable=False),
        Column("n_sources", Integer, nullable=False), Column("n_incidents", Integer, nullable=False),
        Column("event_date", String(10)), Column("date_precision", String(10)),
        Column("attack_type", String(32), nullable=False),
        *_group_cols("perpetrator"), *_group_cols("target"),
        Column("admin1_pcode", String(16)), Column("admin3", Text),
        Column("lat", Float), Column("lon", Float), Column("precision", Integer),
        Column("killed", Integer), Column("wounded", Integer), Column("captured", Integer),
        Column("is_background", Boolean, nullable=False),
        Column("created_at", String(32), nullable=False), Column("updated_at", String(32), nullable=False),
    )
    for col in ("event_date", "attack_type", "perpetrator_id", "target_id", "admin1_pcode", "killed",
                "is_background"):
        Index(f"ix_events_{col}", ev.c[col])
    inc = Table(
        "incidents", md,
        Column("id", String(40), primary_key=True),
        Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        Column("event_id", String(40), ForeignKey("events.id"), nullable=False),
        Column("event_date", String(10)), Column("date_precision", String(10), nullable=False),
        Column("attack_type", String(32), nullable=False),
        *_group_cols("perpetrator"), *_group_cols("target"),
        Column("gazetteer_id", String(64)), Column("location_name_ar", Text),
        Column("location_name_en", Text), Column("location_text", Text), Column("location_kind", String(32)),
        Column("lat", Float), Column("lon", Float), Column("admin1", Text),
        Column("admin1_pcode", String(16)), Column("admin2", Text), Column("admin3", Text),
        Column("precision", Integer),
        Column("killed", Integer), Column("wounded", Integer), Column("captured", Integer),
        Column("casualty_note", Text), Column("is_background", Boolean, nullable=False),
        Column("evidence_text", Text, nullable=False), Column("evidence_start", Integer, nullable=False),
        Column("evidence_end", Integer, nullable=False), Column("confidence", Float, nullable=False),
        Column("data", JSON, nullable=False), Column("created_at", String(32), nullable=False),
    )
    for col in ("article_id", "event_id", "event_date", "attack_type", "perpetrator_id", "target_id",
                "admin1_pcode", "killed", "is_background"):
        Index(f"ix_incidents_{col}", inc.c[col])
    md.create_all(conn)


def _v2(conn: Connection) -> None:
    """Places used: one row per gazetteer place any incident points at (backfilled from incidents)."""
    md = MetaData()
    places = Table(
        "places", md,
        Column("gazetteer_id", String(64), primary_key=True),
        Column("name_ar", Text), Column("name_en", Text), Column("kind", String(32)),
        Column("lat", Float), Column("lon", Float), Column("admin1", Text),
        Column("admin1_pcode", String(16)), Column("admin2", Text), Column("admin3", Text),
        Column("n_incidents", Integer, nullable=False), Column("first_seen_at", String(32), nullable=False),
    )
    md.create_all(conn)
    inc = Table("incidents", MetaData(), autoload_with=conn)
    seen: dict[str, dict] = {}
    rows = conn.execute(
        select(inc.c.gazetteer_id, inc.c.location_name_ar, inc.c.location_name_en, inc.c.location_kind,
               inc.c.lat, inc.c.lon, inc.c.admin1, inc.c.admin1_pcode, inc.c.admin2, inc.c.admin3,
               inc.c.created_at)
        .where(inc.c.gazetteer_id.is_not(None)).order_by(inc.c.created_at)
    )
    for r in rows:
        p = seen.get(r.gazetteer_id)
        if p is None:
            seen[r.gazetteer_id] = dict(
                gazetteer_id=r.gazetteer_id, name_ar=r.location_name_ar, name_en=r.location_name_en,
                kind=r.location_kind, lat=r.lat, lon=r.lon, admin1=r.admin1, admin1_pcode=r.admin1_pcode,
                admin2=r.admin2, admin3=r.admin3, n_incidents=1, first_seen_at=r.created_at,
            )
        else:
            p["n_incidents"] += 1
    if seen:
        conn.execute(places.insert(), list(seen.values()))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, incidents, events", _v1),
    Migration(2, "places used", _v2),
)
LATEST = MIGRATIONS[-1].version

_VERSION_TABLE = Table(
    "schema_version", MetaData(),
    Column("version", Integer, primary_key=True),
    Column("applied_at", String(32), nullable=False),
    Column("description", Text, nullable=False),
)


def current_version(conn: Connection) -> int:
    """0 for an empty database."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    v = conn.execute(select(_VERSION_TABLE.c.version).order_by(_VERSION_TABLE.c.version.desc())).first()
    return int(v[0]) if v else 0


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer Raqib; opening it with this one could corrupt it."""


def pending(conn: Connection, target: int = LATEST) -> list[Migration]:
    have = current_version(conn)
    if have > LATEST:
        raise SchemaTooNewError(
            f"This store has schema version {have} but this Raqib only knows up to {LATEST}: "
            "upgrade Raqib (git pull) before opening it."
        )
    return [m for m in MIGRATIONS if have < m.version <= target]


def apply_one(conn: Connection, m: Migration) -> None:
    """Run one migration and record it (the caller owns the transaction)."""
    if m.version == 1:
        _VERSION_TABLE.metadata.create_all(conn)
    m.apply(conn)
    conn.execute(_VERSION_TABLE.insert().values(version=m.version, applied_at=now_iso(),
                                                description=m.description))
