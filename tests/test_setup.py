"""The ground: data paths resolve in the documented order and the real Stanza pipeline loads."""

from __future__ import annotations

import pytest

from raqib import paths


def test_explicit_beats_env_beats_shared(tmp_path, monkeypatch):
    monkeypatch.setenv("RAQIB_GAZETTEER_DIR", str(tmp_path / "env"))
    (tmp_path / "env").mkdir()
    (tmp_path / "arg").mkdir()
    assert paths.gazetteer_dir(tmp_path / "arg") == tmp_path / "arg"
    assert paths.gazetteer_dir() == tmp_path / "env"
    monkeypatch.delenv("RAQIB_GAZETTEER_DIR")
    assert paths.gazetteer_dir() == paths.SHARED_DIR / "gazetteer"


def test_missing_gazetteer_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("RAQIB_GAZETTEER_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(paths.MissingResourceError, match="RAQIB_GAZETTEER_DIR"):
        paths.gazetteer_dir()


def test_database_location_order(monkeypatch):
    monkeypatch.delenv("RAQIB_DB", raising=False)
    assert paths.database_location().endswith("data/raqib.db")
    monkeypatch.setenv("RAQIB_DB", "/tmp/x.db")
    assert paths.database_location() == "/tmp/x.db"
    assert paths.database_location("postgresql://u@h/db") == "postgresql://u@h/db"


def test_missing_stanza_models_is_a_clear_error(tmp_path):
    from extraction.pipeline import get_pipeline

    with pytest.raises(paths.MissingResourceError, match="STANZA_RESOURCES_DIR"):
        get_pipeline(tmp_path)


def test_pipeline_splits_clitics(nlp):
    doc = nlp("سمعت أصوات انفجارات في مدينة البوكمال بريف دير الزور الشرقي.")
    token = next(t for s in doc.sentences for t in s.tokens if t.text == "بريف")
    assert [w.text for w in token.words] == ["ب", "ريف"]
    assert {"tokenize", "mwt", "pos", "lemma", "depparse", "ner"} <= set(nlp.processors)


def test_same_pipeline_is_shared(nlp):
    from extraction.pipeline import get_pipeline

    assert get_pipeline() is nlp
