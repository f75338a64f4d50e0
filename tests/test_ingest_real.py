"""End-to-end ingest with the real extraction (Stanza + gazetteer) on the seed articles."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from incidents.filters import IncidentFilter
from incidents.ingest import ingest
from incidents.store import open_store
from raqib.paths import PROJECT_ROOT

pytestmark = pytest.mark.stanza


def test_seeds_in_process_real_extraction(nlp, seeds_dir, tmp_path, monkeypatch):
    monkeypatch.delenv("RAQIB_EXTRACTOR", raising=False)
    db = tmp_path / "seeds.db"
    with open_store(db) as s:
        first = ingest([seeds_dir], s, workers=1, progress=False)
        assert (first.new, first.failed) == (5, 0), first.failures
        assert first.incidents > 0
        inc = s.query_incidents(IncidentFilter(include_background=True))
        assert len(inc) == first.incidents
        # evidence is traceable: the stored span is exactly the article's text at those offsets
        for row in inc.itertuples():
            text = s.article(row.article_id)["text"]
            assert text[row.evidence_start:row.evidence_end] == row.evidence_text
        ev = s.query_events(IncidentFilter(include_background=True))
        assert ev.n_sources.sum() >= len(ev) > 0 and all(len(x) >= 1 for x in ev.sources)
        assert s.consistency_problems() == []
        counts = s.counts()
        again = ingest([seeds_dir], s, workers=1, progress=False)
        assert (again.new, again.skipped, again.incidents) == (0, 5, 0)
        assert s.counts() == counts


def test_seed_if_empty_with_two_real_workers(tmp_path):
    """What `make run` does: the real extraction in 2 worker processes, then a quick no-op."""
    db = tmp_path / "run.db"
    env = {k: v for k, v in os.environ.items() if k != "RAQIB_EXTRACTOR"}
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    cmd = [sys.executable, "-m", "incidents", "seed-if-empty", "--db", str(db), "--workers", "2"]
    r = subprocess.run(cmd, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Articles: 5 new, 0 already stored, 0 failed" in r.stdout
    assert "ingest" in r.stderr  # the progress bar went to stderr
    r = subprocess.run(cmd, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "already has 5 articles; nothing to seed" in r.stdout
