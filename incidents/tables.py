"""The store's current schema (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Why Core and not raw SQL: one data layer runs on the embedded SQLite file and on a shared
PostgreSQL database. This module describes the *current* tables for queries; the way a file gets
there (from any older version) is ``incidents.migrations``, which must end at exactly this shape
(a test compares them).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", String(32), nullable=False),
    Column("description", Text, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),        # sha256 of the cleaned text
    Column("text", Text, nullable=False),               # the text as read (incident offsets index into it)
    Column("hash", String(64), nullable=False),         # sha256 of the raw text
    Column("title", Text),
    Column("source", Text),
    Column("url", Text),
    Column("published", String(10)),                    # YYYY-MM-DD or NULL, never a stand-in
    Column("path", Text),
    Column("ingested_at", String(32), nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", String(40), primary_key=True),
    Column("rep_incident_id", String(40), nullable=False),   # the incident that represents the event
    Column("n_sources", Integer, nullable=False),            # distinct articles
    Column("n_incidents", Integer, nullable=False),
    Column("event_date", String(10)),
    Column("date_precision", String(10)),
    Column("attack_type", String(32), nullable=False),
    Column("perpetrator_id", String(64)),
    Column("perpetrator_parent", String(64)),
    Column("perpetrator_name_en", Text),
    Column("perpetrator_name_ar", Text),
    Column("perpetrator_text", Text),
    Column("target_id", String(64)),
    Column("target_parent", String(64)),
    Column("target_name_en", Text),
    Column("target_name_ar", Text),
    Column("target_text", Text),
    Column("admin1_pcode", String(16)),
    Column("admin3", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", Integer),
    Column("killed", Integer),
    Column("wounded", Integer),
    Column("captured", Integer),
    Column("is_background", Boolean, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
)
for _col in ("event_date", "attack_type", "perpetrator_id", "target_id", "admin1_pcode", "killed",
             "is_background"):
    Index(f"ix_events_{_col}", events.c[_col])

incidents = Table(
    "incidents", metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(40), ForeignKey("events.id"), nullable=False),
    Column("event_date", String(10)),
    Column("date_precision", String(10), nullable=False),
    Column("attack_type", String(32), nullable=False),
    Column("perpetrator_id", String(64)),
    Column("perpetrator_parent", String(64)),
    Column("perpetrator_name_en", Text),
    Column("perpetrator_name_ar", Text),
    Column("perpetrator_text", Text),
    Column("target_id", String(64)),
    Column("target_parent", String(64)),
    Column("target_name_en", Text),
    Column("target_name_ar", Text),
    Column("target_text", Text),
    Column("gazetteer_id", String(64)),
    Column("location_name_ar", Text),
    Column("location_name_en", Text),
    Column("location_text", Text),
    Column("location_kind", String(32)),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", Text),
    Column("admin1_pcode", String(16)),
    Column("admin2", Text),
    Column("admin3", Text),
    Column("precision", Integer),
    Column("killed", Integer),
    Column("wounded", Integer),
    Column("captured", Integer),
    Column("casualty_note", Text),
    Column("is_background", Boolean, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("data", JSON, nullable=False),      # the full Incident.to_dict() (group/place offsets too)
    Column("created_at", String(32), nullable=False),
)
for _col in ("article_id", "event_id", "event_date", "attack_type", "perpetrator_id", "target_id",
             "admin1_pcode", "killed", "is_background"):
    Index(f"ix_incidents_{_col}", incidents.c[_col])

places = Table(
    "places", metadata,
    Column("gazetteer_id", String(64), primary_key=True),
    Column("name_ar", Text),
    Column("name_en", Text),
    Column("kind", String(32)),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", Text),
    Column("admin1_pcode", String(16)),
    Column("admin2", Text),
    Column("admin3", Text),
    Column("n_incidents", Integer, nullable=False),
    Column("first_seen_at", String(32), nullable=False),
)
