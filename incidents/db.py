"""Engines for the store: a SQLite file (the embedded default) or any SQLAlchemy URL (PostgreSQL).

Why the SQLite settings:
- WAL: readers (the dashboard) never block the writer (ingest) and vice versa;
- ``busy_timeout``: a second writer (the Analyze page saving while an ingest runs) waits instead of
  failing with "database is locked";
- write transactions start with ``BEGIN IMMEDIATE`` so the de-duplication read and the insert
  that follows it see the same database (no other writer can slip in between);
- ``foreign_keys``: SQLite leaves them off by default.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

BUSY_TIMEOUT_MS = 60_000


def to_url(location: str | os.PathLike) -> str:
    """A path becomes ``sqlite:///<absolute path>``; a URL (``scheme://``) is used as given."""
    loc = str(location)
    if "://" in loc:
        return loc
    if loc == ":memory:":
        raise ValueError("An in-memory store cannot be shared between connections: give a file path.")
    path = Path(loc).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def make_engine(location: str | os.PathLike) -> Engine:
    url = make_url(to_url(location))
    if url.get_backend_name() == "sqlite":
        # NullPool: a connection per use; cheap for SQLite and safe across threads and forks.
        engine = create_engine(url, poolclass=NullPool,
                               connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        _sqlite_setup(engine)
        return engine
    if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "psycopg2"):
        try:
            import psycopg2  # noqa: F401
        except ImportError:
            url = url.set(drivername="postgresql+psycopg")  # psycopg 3 is what we ship
    return create_engine(url, pool_pre_ping=True)


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy (below) issue BEGIN itself, so we can choose IMMEDIATE for writes.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")  # with WAL: a killed process never corrupts
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get("raqib_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")
