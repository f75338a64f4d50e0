"""The same data layer on a real PostgreSQL server (a throwaway cluster started for this test).

Skipped, with the reason, when no PostgreSQL binaries are installed or the server cannot start.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from incidents.filters import IncidentFilter
from incidents.store import EVENT_COLUMNS, open_store
from tests.fixtures.store.builders import ABU_KAMAL, article, incident, offset_km, place

pytestmark = pytest.mark.postgres


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    cands = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return cands[-1] if cands else None


@pytest.fixture(scope="module")
def pg_url():
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    base = Path(tempfile.mkdtemp(prefix="raqib-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: use an unprivileged system account
        runuser = shutil.which("runuser")
        user = next((u for u in ("postgres", "nobody") if _has_user(u)), None)
        if not (runuser and user):
            pytest.skip("running as root and no unprivileged user/runuser to start PostgreSQL")
        shutil.chown(base, user=user)
        prefix = [runuser, "-u", user, "--"]
    base.chmod(0o700)
    data, port = base / "data", 20000 + os.getpid() % 20000
    run = {"capture_output": True, "text": True, "timeout": 120}
    r = subprocess.run([*prefix, initdb, "-D", str(data), "-U", "raqib", "--auth=trust", "-E", "UTF8",
                        "--locale=C"], **run)
    if r.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"initdb failed: {r.stderr.strip()[-300:]}")
    opts = f"-k {base} -p {port} -c listen_addresses='' -c fsync=off"
    r = subprocess.run([*prefix, pg_ctl, "-D", str(data), "-o", opts, "-l", str(base / "log"), "-w", "start"], **run)
    if r.returncode != 0:
        log = (base / "log").read_text(errors="replace")[-500:] if (base / "log").exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"PostgreSQL did not start: {r.stderr.strip()[-300:]} {log}")
    try:
        yield f"postgresql+psycopg://raqib@/postgres?host={base}&port={port}"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], **run)
        shutil.rmtree(base, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def test_store_api_on_postgresql(pg_url, tmp_path, monkeypatch):
    from incidents.export import export_csv, export_geojson
    from incidents.ingest import ingest
    from incidents.migrations import LATEST
    from tests.test_ingest import FAKE, write_batch

    with open_store(pg_url) as s:
        assert s.dialect == "postgresql" and s.schema_version == LATEST
        a = article("هجوم لداعش على الميليشيات في البوكمال")
        b = article("مقتل عناصر بهجوم للتنظيم قرب البوكمال", published="2024-03-06", source="other")
        far = article("هجوم آخر في مكان بعيد", source="third")
        assert s.add_article(a, [incident(a)])
        assert not s.add_article(a, [incident(a)])
        assert s.add_article(b, [incident(b, date="2024-03-06", loc=place(*offset_km(*ABU_KAMAL, 4)))])
        assert s.add_article(far, [incident(far, loc=place(*offset_km(*ABU_KAMAL, 30), gid="far"))])
        ev = s.query_events(IncidentFilter())
        assert list(ev.columns) == EVENT_COLUMNS
        assert sorted(ev.n_sources.tolist()) == [1, 2]
        assert len(s.query_events(IncidentFilter(groups=("islamic_state",), min_killed=4))) == 2
        assert s.consistency_problems() == []
        assert export_csv(s, IncidentFilter()).count("\n") == 3
        assert len(export_geojson(s, IncidentFilter())["features"]) == 2

        # batch ingest into PostgreSQL, twice
        monkeypatch.setenv("RAQIB_EXTRACTOR", FAKE)
        src = write_batch(tmp_path / "in", 6)
        first = ingest([src], s, workers=1, progress=False)
        second = ingest([src], s, workers=1, progress=False)
        assert (first.new, second.new, second.skipped) == (6, 0, 6)
        assert s.counts()["articles"] == 9
    # reopening does not migrate again
    with open_store(pg_url) as s:
        assert s.counts()["articles"] == 9
