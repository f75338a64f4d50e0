"""Batch ingest: idempotency, bad files, crash safety and a concurrent reader.

These use the fast deterministic extractor (``tests/fixtures/store/fake_extractor.py``) through
the documented ``RAQIB_EXTRACTOR`` hook, so killing processes mid-run takes seconds; the real
extraction runs end-to-end in ``tests/test_ingest_real.py``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from sqlalchemy import select

from incidents import tables
from incidents.ingest import ingest
from incidents.store import open_store
from raqib.paths import PROJECT_ROOT
from tests.fixtures.store.fake_extractor import MARKER

FAKE = "tests.fixtures.store.fake_extractor:extract"


def write_batch(folder: Path, n: int, *, jsonl: bool = False) -> Path:
    """``n`` articles; article i reports one attack in town i (towns 50 km apart, so events never
    chain), every third article is a second outlet's report of the previous attack (-> dedup), and
    every fifth has a second attack. Half go to a .jsonl batch when ``jsonl``."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        town = i - 1 if i % 3 == 2 else i
        lat = 32.5 + 0.45 * town
        body = (f"تقرير رقم {i} عن هجوم لتنظيم داعش على مواقع الميليشيات شرقي سوريا\n"
                f"[[ambush 2024-05-{1 + town % 27:02d} {lat:.4f},40.0000 islamic_state>iran_backed_militias "
                f"killed={i % 7} bg=0]]\n")
        if i % 5 == 4:
            body += (f"وفي سياق آخر قصفت قوات النظام قرية مجاورة\n"
                     f"[[shelling 2024-05-{1 + town % 27:02d} {lat:.4f},41.0000 syrian_government>civilians "
                     f"killed=- bg=0]]\n")
        if jsonl and i % 2:
            import json

            lines.append(json.dumps({"text": body, "source": "batch", "url": f"https://example.org/{i}"},
                                    ensure_ascii=False))
        else:
            (folder / f"art_{i:03d}.txt").write_text(body, encoding="utf-8")
    if lines:
        (folder / "sub").mkdir(exist_ok=True)
        (folder / "sub" / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def dump(db: Path) -> dict[str, list[tuple]]:
    with open_store(db) as s, s.engine.connect() as conn:
        return {t.name: sorted(tuple(r) for r in conn.execute(select(t)))
                for t in (tables.articles, tables.incidents, tables.events, tables.places)}


def assert_consistent(db: Path) -> dict[str, int]:
    """No half-stored article: every stored article has exactly the incidents its markers give."""
    with open_store(db) as s:
        assert s.consistency_problems() == []
        with s.engine.connect() as conn:
            arts = conn.execute(select(tables.articles.c.id, tables.articles.c.text)).all()
            counts: dict[str, int] = {}
            for aid, _ in conn.execute(select(tables.incidents.c.article_id, tables.incidents.c.id)):
                counts[aid] = counts.get(aid, 0) + 1
        for aid, text in arts:
            assert counts.get(aid, 0) == len(MARKER.findall(text)), f"article {aid[:12]} is half stored"
        return s.counts()


def run_cli(*args: str, env_extra: dict | None = None, **kw) -> subprocess.Popen:
    env = {**os.environ, "RAQIB_EXTRACTOR": FAKE, "PYTHONPATH": str(PROJECT_ROOT), **(env_extra or {})}
    return subprocess.Popen([sys.executable, "-m", "incidents", *args], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, **kw)


def wait_for_articles(db: Path, n: int, proc: subprocess.Popen, timeout: float = 60) -> int:
    import sqlite3

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"ingest ended before {n} articles were stored: {proc.stderr.read()[-2000:]}")
        if db.exists():
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
                got = con.execute("SELECT count(*) FROM articles").fetchone()[0]
                con.close()
                if got >= n:
                    return got
            except sqlite3.OperationalError:
                pass  # tables not created yet
        time.sleep(0.05)
    pytest.fail(f"fewer than {n} articles stored after {timeout} s")


# ---------------------------------------------------------------------------- tests

def test_ingest_twice_gives_the_same_rows(tmp_path, monkeypatch):
    monkeypatch.setenv("RAQIB_EXTRACTOR", FAKE)
    src = write_batch(tmp_path / "in", 12, jsonl=True)
    db = tmp_path / "s.db"
    with open_store(db) as s:
        first = ingest([src], s, workers=2, progress=False)
    assert (first.new, first.skipped, first.failed) == (12, 0, 0)
    assert first.incidents == 12 + 2            # two articles carry a second attack
    assert first.events_new == 12 + 2 - 4       # four articles re-report an earlier attack
    snapshot = dump(db)
    with open_store(db) as s:
        second = ingest([src, src / "art_000.txt"], s, workers=1, progress=False)
    assert (second.new, second.skipped, second.failed, second.incidents) == (0, 13, 0, 0)
    assert dump(db) == snapshot
    assert assert_consistent(db) == {"articles": 12, "incidents": 14, "events": 10}


def test_bad_files_are_reported_and_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("RAQIB_EXTRACTOR", FAKE)
    src = write_batch(tmp_path / "in", 3)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (src / "cp1256.txt").write_bytes("هجوم لداعش على مواقع الميليشيات في البوكمال".encode("cp1256"))
    with (src / "huge.txt").open("wb") as fh:             # 50 MB: refused from its size, never read
        fh.truncate(50 * 1024 * 1024)
    (src / "soup.html").write_text("<html><head><script>var x=1;</script></head><body><div><a href='/'>Home"
                                   "</a><table><tr><td><b>Menu<i>" + "lorem ipsum " * 400, encoding="utf-8")
    (src / "bad.jsonl").write_text('{"text": "هجوم على حاجز [[ied 2024-05-02 33.0,36.0 -> killed=1 bg=0]]"}\n'
                                   "{not json\n", encoding="utf-8")
    db = tmp_path / "s.db"
    messages: list[str] = []
    with open_store(db) as s:
        summary = ingest([src, tmp_path / "missing.txt"], s, workers=1, progress=False, report=messages.append)
    failed = {Path(f.name).name: f.reason for f in summary.failures}
    assert set(failed) == {"empty.txt", "binary.txt", "cp1256.txt", "huge.txt", "soup.html", "bad.jsonl",
                           "missing.txt"}
    assert "empty" in failed["empty.txt"]
    assert "binary" in failed["binary.txt"]
    assert "UTF-8" in failed["cp1256.txt"]
    assert "too large" in failed["huge.txt"]
    assert "Arabic" in failed["soup.html"]
    assert "line 2" in failed["bad.jsonl"]
    assert all(m.startswith("skipped ") for m in messages) and len(messages) == 7
    assert (summary.new, summary.failed) == (4, 7)          # the 3 good files + the good .jsonl line
    assert assert_consistent(db)["articles"] == 4


def test_cli_exit_status_and_summary(tmp_path):
    src = write_batch(tmp_path / "in", 3)
    (src / "empty.txt").write_bytes(b"")
    db = tmp_path / "s.db"
    p = run_cli("ingest", str(src), "--db", str(db), "--workers", "1")
    out, err = p.communicate(timeout=120)
    assert p.returncode == 1, err
    assert "Articles: 3 new, 0 already stored, 1 failed" in out
    assert "empty.txt: the article is empty" in err
    p = run_cli("ingest", str(src / "art_000.txt"), "--db", str(db), "--published", "2024-13-01")
    _, err = p.communicate(timeout=60)
    assert p.returncode == 2 and "2024-13-01" in err


def test_killing_the_parent_mid_run_leaves_a_consistent_store(tmp_path):
    src = write_batch(tmp_path / "in", 40)
    db = tmp_path / "s.db"
    p = run_cli("ingest", str(src), "--db", str(db), "--workers", "2", "--quiet",
                env_extra={"RAQIB_FAKE_DELAY": "0.1"})
    try:
        wait_for_articles(db, 6, p)
    finally:
        os.killpg(p.pid, signal.SIGKILL)      # the parent and its workers, mid-transaction or not
        p.communicate(timeout=30)
    partial = assert_consistent(db)
    assert 6 <= partial["articles"] < 40
    p = run_cli("ingest", str(src), "--db", str(db), "--workers", "2", "--quiet")
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0, err
    assert f"{40 - partial['articles']} new, {partial['articles']} already stored" in out
    clean = tmp_path / "clean.db"
    with open_store(clean) as s:
        ingest([src], s, workers=1, extractor=FAKE, progress=False)
    assert assert_consistent(db) == assert_consistent(clean)


def test_a_killed_worker_is_replaced_and_its_articles_retried(tmp_path):
    src = write_batch(tmp_path / "in", 24)
    db = tmp_path / "s.db"
    p = run_cli("ingest", str(src), "--db", str(db), "--workers", "2", "--quiet",
                env_extra={"RAQIB_FAKE_DELAY": "0.15"})
    try:
        wait_for_articles(db, 3, p)
        workers = [c for c in psutil.Process(p.pid).children(recursive=True)
                   if "spawn_main" in " ".join(c.cmdline())]
        assert workers, "no worker process found"
        workers[0].send_signal(signal.SIGKILL)
        out, err = p.communicate(timeout=120)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
    assert p.returncode == 0, err
    assert "a worker process died" in err and "retrying" in err
    assert "Articles: 24 new" in out
    assert assert_consistent(db)["articles"] == 24


def test_a_reader_never_sees_database_is_locked(tmp_path):
    """The dashboard queries in a loop (this process) while an ingest writes (another process)."""
    from incidents.filters import IncidentFilter

    src = write_batch(tmp_path / "in", 60)
    db = tmp_path / "s.db"
    open_store(db).close()
    p = run_cli("ingest", str(src), "--db", str(db), "--workers", "2", "--quiet",
                env_extra={"RAQIB_FAKE_DELAY": "0.02"})
    seen, queries = [], 0
    try:
        with open_store(db) as reader:
            while p.poll() is None:
                n = reader.counts()["articles"]
                ev = reader.query_events(IncidentFilter(include_background=True))
                assert len(ev) <= reader.counts()["events"]
                seen.append(n)
                queries += 1
        out, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
    assert p.returncode == 0, err
    assert "locked" not in err
    assert seen == sorted(seen) and queries > 5 and 0 < len(set(seen))
    assert assert_consistent(db)["articles"] == 60
