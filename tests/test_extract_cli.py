"""The ``python -m extraction extract`` CLI (DESIGN.md): JSON for one path, JSON Lines for several,
a table, --published, exit 0 without incidents, a one-line error for unreadable input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extraction.cli import main
from raqib.paths import PROJECT_ROOT

ATTACK = "قتل خمسة عناصر من قوات النظام، اليوم الثلاثاء، بهجوم لتنظيم داعش على حاجز قرب مدينة السخنة بريف حمص.\n"
QUIET = "عقد مجلس المحافظة اجتماعه الدوري لمناقشة خطط ترميم المدارس وتحسين الخدمات في المدينة.\n"


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("attack.txt", ATTACK), ("quiet.txt", QUIET)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        out[name] = tmp_path / name
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage\x81\x82")
    out["bad.txt"] = bad
    return out


def test_one_path_gives_one_json_object(files, capsys, nlp):
    assert main(["extract", str(files["attack.txt"]), "--published", "2021-03-09", "--source", "SOHR"]) == 0
    out = capsys.readouterr()
    obj = json.loads(out.out)
    assert obj["article"]["published"] == "2021-03-09" and obj["article"]["source"] == "SOHR"
    [inc] = obj["incidents"]
    assert inc["perpetrator"]["id"] == "islamic_state" and inc["target"]["id"] == "syrian_government"
    assert inc["killed"] == 5 and inc["event_date"] == "2021-03-09" and inc["location"]["admin1"] == "Homs"


def test_several_paths_give_json_lines_and_no_incident_is_success(files, capsys, nlp):
    assert main(["extract", str(files["attack.txt"]), str(files["quiet.txt"])]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(x) for x in lines)
    assert first["incidents"] and first["incidents"][0]["event_date"] is None  # no publication date given
    assert second["incidents"] == []


def test_table_format(files, capsys, nlp):
    assert main(["extract", str(files["attack.txt"]), "--published", "2021-03-09", "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "islamic_state" in out and "syrian_government" in out and "2021-03-09" in out


def test_bad_published_date(files, capsys):
    assert main(["extract", str(files["attack.txt"]), "--published", "2021-13-45"]) != 0
    err = capsys.readouterr().err
    assert "--published" in err and len(err.strip().splitlines()) == 1


def test_unreadable_input_is_one_line_on_stderr(files):
    proc = subprocess.run(
        [sys.executable, "-m", "extraction", "extract", str(files["bad.txt"])],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
    )
    assert proc.returncode != 0
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.txt" in lines[0]


def test_missing_file(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt")]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope.txt" in err[0]
