"""One Stanza Arabic pipeline per process, built from local models when they are there.

Why a module of its own: loading the six processors costs ~2 s and ~400 MB, so every caller
(CLI, ingest workers, the Analyze page, tests) shares the cached pipeline from ``get_pipeline``.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from raqib.paths import MissingResourceError, stanza_models_present, stanza_resources_dir

PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
_LOCK = threading.Lock()
_PIPELINES: dict[tuple[str, str], object] = {}
log = logging.getLogger(__name__)


def _ensure_models(resources: Path, explicit: bool) -> None:
    """Download the official models only when nothing local exists (real users on first run)."""
    if stanza_models_present(resources):
        return
    if explicit or os.environ.get("STANZA_RESOURCES_DIR") or os.environ.get("RAQIB_OFFLINE"):
        raise MissingResourceError(
            f"No Stanza Arabic models in {resources} (expected resources.json and ar/). "
            "Point STANZA_RESOURCES_DIR at a folder with them, or run "
            "`python -c \"import stanza; stanza.download('ar')\"` on a machine with internet."
        )
    import stanza

    log.warning("Stanza Arabic models not found in %s; downloading them (one time).", resources)
    try:
        stanza.download("ar", model_dir=str(resources), processors=PROCESSORS)
    except Exception as exc:  # network errors come in many types
        raise MissingResourceError(
            f"Could not download the Stanza Arabic models into {resources}: {exc}. "
            "Set STANZA_RESOURCES_DIR to a folder that already has them."
        ) from exc


def get_pipeline(resources_dir: str | os.PathLike | None = None, processors: str = PROCESSORS):
    """The process-wide ``stanza.Pipeline('ar')``; never reaches the network when models are local."""
    resources = stanza_resources_dir(resources_dir)
    key = (str(resources), processors)
    with _LOCK:
        if key not in _PIPELINES:
            _ensure_models(resources, explicit=resources_dir is not None)
            import stanza

            _PIPELINES[key] = stanza.Pipeline(
                "ar", dir=str(resources), processors=processors,
                download_method=None, logging_level="WARN",
            )
        return _PIPELINES[key]
