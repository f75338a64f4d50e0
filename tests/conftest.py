"""Shared fixtures. The Stanza pipeline loads once per test session (~2 s, ~400 MB)."""

from __future__ import annotations

from pathlib import Path

import pytest

from raqib.paths import SHARED_DIR, stanza_models_present, stanza_resources_dir

SEEDS = SHARED_DIR / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: the seed articles must sit in ../shared/seeds beside the project")
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def nlp():
    """The real Stanza Arabic pipeline (the process-wide cached one)."""
    resources = stanza_resources_dir()
    if not stanza_models_present(resources):
        pytest.fail(f"No Stanza Arabic models in {resources}; set STANZA_RESOURCES_DIR")
    from extraction.pipeline import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
