"""What runs inside an ingest worker process: load the extractor once, extract one article at a time.

Kept apart from ``incidents.ingest`` on purpose: a spawned worker imports only this module (no
pandas, SQLAlchemy or store code), so each worker costs the extractor's memory and little else.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable

from extraction.schema import Article, Incident

DEFAULT_EXTRACTOR = "extraction.extract:extract_incidents"

Extractor = Callable[[Article], list[Incident]]
_WORKER_EXTRACT: Extractor | None = None


def load_extractor(spec: str) -> Extractor:
    mod_name, _, fn_name = spec.partition(":")
    if not mod_name or not fn_name:
        raise ValueError(f"extractor {spec!r} must look like 'package.module:function'")
    fn = getattr(importlib.import_module(mod_name), fn_name, None)
    if not callable(fn):
        raise ValueError(f"extractor {spec!r}: {fn_name} is not a function in {mod_name}")
    return fn


def torch_threads_default() -> int:
    """Threads per extraction process: ``RAQIB_TORCH_THREADS``, else 1.

    Why 1: Stanza's Arabic models are small, so intra-op threads gain little, and when the CPU is
    shared (other workers, other programs) PyTorch's spinning threads collapse: measured on 2 busy
    cores, 73 s/article with 2 threads vs 1.5 s with 1. Parallelism comes from worker processes.
    """
    try:
        return max(1, int(os.environ.get("RAQIB_TORCH_THREADS", "1")))
    except ValueError:
        return 1


def prepare(spec: str, torch_threads: int | None = None) -> Extractor:
    """Load the extractor and, for the real one, its Stanza pipeline (~2 s, once per process)."""
    fn = load_extractor(spec)
    if spec == DEFAULT_EXTRACTOR:
        import torch

        torch.set_num_threads(torch_threads or torch_threads_default())
        from extraction.pipeline import get_pipeline

        get_pipeline()
    return fn


def init_worker(spec: str, torch_threads: int | None) -> None:
    global _WORKER_EXTRACT
    _WORKER_EXTRACT = prepare(spec, torch_threads)


def safe_extract(fn: Extractor, article: Article) -> tuple[list[Incident] | None, str | None]:
    try:
        return list(fn(article)), None
    except Exception as exc:  # one bad article must not stop the batch
        return None, f"extraction failed: {type(exc).__name__}: {exc}"


def extract_in_worker(article: Article) -> tuple[list[Incident] | None, str | None]:
    assert _WORKER_EXTRACT is not None, "init_worker did not run"
    return safe_extract(_WORKER_EXTRACT, article)
