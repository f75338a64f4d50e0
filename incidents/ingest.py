"""Batch ingest: files, folders and .jsonl batches -> extraction in worker processes -> the store.

Why this shape:
- the parent reads the files, drops articles already stored (by article id, *before* extracting,
  so a re-run costs seconds), hands the rest to N worker processes (one Stanza pipeline each,
  built in the worker's initializer) and is the only process that writes: one transaction per
  article, so a kill at any moment leaves a consistent store and re-running finishes the job;
- a bad file or a failing article is reported (name + reason) and skipped; a worker that dies
  (killed, out of memory) is replaced and its articles retried once;
- ``--workers 1`` runs the extraction in-process (no pool; simplest to debug);
- every extraction process runs PyTorch with one thread (``RAQIB_TORCH_THREADS`` overrides; see
  ``incidents.worker.torch_threads_default`` for the measurement behind it). In-process, this
  sets the calling process's torch threads too.

The extractor is ``extraction.extract:extract_incidents`` unless the ``RAQIB_EXTRACTOR`` environment
variable (or the ``extractor=`` argument) names another ``module:function`` taking an ``Article`` and
returning ``list[Incident]``. That hook exists so crash/concurrency tests can use a fast
deterministic extractor; the product always uses the real one.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from extraction.reader import SUFFIXES, ArticleReadError, iter_article_file, parse_published
from extraction.schema import Article, Incident
from incidents.store import Store
from incidents.worker import (
    DEFAULT_EXTRACTOR,
    extract_in_worker,
    init_worker,
    load_extractor,
    prepare,
    safe_extract,
    torch_threads_default,
)

EXTRACTOR_ENV = "RAQIB_EXTRACTOR"
MAX_ATTEMPTS = 2  # an article whose worker died twice is reported as failed


@dataclass
class Failure:
    name: str    # file (and line) or article
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}" if not self.reason.startswith(self.name) else self.reason


@dataclass
class IngestSummary:
    new: int = 0
    skipped: int = 0          # already in the store (or twice in this batch)
    failed: int = 0
    incidents: int = 0
    events_new: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    store_counts: dict[str, int] = field(default_factory=dict)
    corroborated: int = 0

    @property
    def articles_per_second(self) -> float:
        return self.new / self.seconds if self.seconds > 0 else 0.0

    def lines(self) -> list[str]:
        c = self.store_counts
        return [
            f"Articles: {self.new} new, {self.skipped} already stored, {self.failed} failed "
            f"({self.seconds:.1f} s, {self.articles_per_second:.2f} new articles/s).",
            f"Incidents: {self.incidents} stored; events: {self.events_new} new, "
            f"{self.incidents - self.events_new} incidents joined an existing event.",
            f"Store now: {c.get('articles', 0)} articles, {c.get('incidents', 0)} incidents, "
            f"{c.get('events', 0)} events ({self.corroborated} reported by several sources).",
        ]


# ---------------------------------------------------------------------- inputs

def expand_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Failure]:
    """Files as given; folders recursively (supported suffixes, hidden entries skipped, sorted)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                yield Failure(str(p), f"no {'/'.join(SUFFIXES)} files in this folder")
            yield from found
        elif p.exists():
            yield p
        else:
            yield Failure(str(p), "no such file or folder — check the path")


def estimate_articles(files: Sequence[Path]) -> int:
    """For the progress bar: .jsonl -> its non-blank lines, any other file -> 1."""
    total = 0
    for f in files:
        if f.suffix.lower() != ".jsonl":
            total += 1
            continue
        try:
            with f.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            total += 1
    return total


# ---------------------------------------------------------------------- extractor plumbing

def resolve_extractor(spec: str | None = None) -> str:
    return spec or os.environ.get(EXTRACTOR_ENV) or DEFAULT_EXTRACTOR


# ---------------------------------------------------------------------- the ingest

def ingest(paths: Sequence[str | os.PathLike], store: Store, *, published: str | None = None,
           source: str | None = None, workers: int | None = None, extractor: str | None = None,
           progress: bool = True, report: Callable[[str], None] | None = None) -> IngestSummary:
    """Ingest every article under ``paths`` into ``store``; returns counts and the failures.

    ``published`` (YYYY-MM-DD) overrides every article's date; a malformed one raises
    ``extraction.reader.PublishedDateError`` before anything is read.
    """
    from tqdm import tqdm

    published = parse_published(published)
    spec = resolve_extractor(extractor)
    load_extractor(spec)  # a bad spec fails here, clearly, not in every worker
    workers = max(1, workers or os.cpu_count() or 1)
    summary = IngestSummary()
    started = time.monotonic()
    events_before = store.counts()["events"]

    files: list[Path] = []
    for item in expand_paths(paths):
        if isinstance(item, Failure):
            summary.failures.append(item)
            summary.failed += 1
        else:
            files.append(item)
    bar = tqdm(total=estimate_articles(files), unit="art", desc="ingest", file=sys.stderr,
               disable=not progress, dynamic_ncols=True)
    say = report or (lambda msg: tqdm.write(msg, file=sys.stderr))
    for f in summary.failures:
        say(f"skipped {f}")

    def fail(name: str, reason: str) -> None:
        summary.failed += 1
        summary.failures.append(Failure(name, reason))
        say(f"skipped {Failure(name, reason)}")
        bar.update(1)

    def postfix() -> None:
        bar.set_postfix(new=summary.new, incidents=summary.incidents, skipped=summary.skipped,
                        failed=summary.failed, refresh=False)

    seen: set[str] = set()

    def new_articles() -> Iterator[Article]:
        for path in files:
            for item in iter_article_file(path, published=published, source=source):
                if isinstance(item, ArticleReadError):
                    fail(str(path), str(item))
                    continue
                aid = item.article_id
                if aid in seen or store.has_article(aid):
                    summary.skipped += 1
                    bar.update(1)
                    postfix()
                    continue
                seen.add(aid)
                yield item

    def store_result(article: Article, incidents: list[Incident] | None, error: str | None) -> None:
        name = _article_name(article)
        if error is not None:
            fail(name, error)
            return
        try:
            added = store.add_article(article, incidents or [])
        except Exception as exc:  # a store refusal (bad incident) skips this article only
            fail(name, f"not stored: {type(exc).__name__}: {exc}")
            return
        if added:
            summary.new += 1
            summary.incidents += len(incidents or [])
        else:
            summary.skipped += 1
        bar.update(1)
        postfix()

    try:
        if workers == 1:
            fn = prepare(spec)
            for article in new_articles():
                store_result(article, *safe_extract(fn, article))
        else:
            if spec == DEFAULT_EXTRACTOR:
                # Build a missing/stale gazetteer index once here, not in every worker at the same time.
                from gazetteer import get_gazetteer

                get_gazetteer()
            _run_pool(new_articles(), workers, spec, store_result, fail, say)
    finally:
        bar.close()
        summary.seconds = time.monotonic() - started
        summary.store_counts = store.counts()
        summary.events_new = summary.store_counts["events"] - events_before
        summary.corroborated = store.corroborated_events()
    return summary


def _run_pool(articles: Iterator[Article], workers: int, spec: str,
              store_result: Callable[[Article, list[Incident] | None, str | None], None],
              fail: Callable[[str, str], None], say: Callable[[str], None]) -> None:
    """Feed a bounded number of articles to the workers; the parent stores results as they come."""
    threads = torch_threads_default()
    ctx = get_context("spawn")  # never fork a process that may hold torch threads or DB handles

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker,
                                   initargs=(spec, threads))

    pool = new_pool()
    in_flight: dict[Future, tuple[Article, int]] = {}
    retry: list[tuple[Article, int]] = []
    exhausted = False

    def collect(fut: Future, article: Article, attempt: int) -> bool:
        """Store a finished result; False when the future died with the pool (article queued again)."""
        try:
            incidents, error = fut.result()
        except BrokenProcessPool:
            _retry_or_fail(article, attempt, retry, fail)
            return False
        store_result(article, incidents, error)
        return True

    try:
        while True:
            broken = False
            while len(in_flight) < 2 * workers and (retry or not exhausted):
                if retry:
                    article, attempt = retry.pop()
                else:
                    article = next(articles, None)
                    if article is None:
                        exhausted = True
                        break
                    attempt = 1
                try:
                    in_flight[pool.submit(extract_in_worker, article)] = (article, attempt)
                except BrokenProcessPool:  # a worker died between two submissions
                    retry.append((article, attempt))
                    broken = True
                    break
            if not in_flight and not broken:
                break
            if not broken:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for fut in done:
                    article, attempt = in_flight.pop(fut)
                    broken |= not collect(fut, article, attempt)
            if broken:
                # Every article still in flight was lost with the pool: keep what finished, retry
                # the rest once in a fresh pool.
                pool.shutdown(wait=False, cancel_futures=True)
                for fut, (article, attempt) in list(in_flight.items()):
                    if fut.done() and not fut.cancelled():
                        collect(fut, article, attempt)
                    else:
                        _retry_or_fail(article, attempt, retry, fail)
                in_flight.clear()
                say(f"a worker process died (killed or out of memory): restarting the workers and "
                    f"retrying {len(retry)} article(s) once")
                pool = new_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _retry_or_fail(article: Article, attempt: int, retry: list, fail: Callable[[str, str], None]) -> None:
    if attempt < MAX_ATTEMPTS:
        retry.append((article, attempt + 1))
    else:
        fail(_article_name(article), "a worker process died while extracting it (out of memory or killed); "
                                     "retry it alone with --workers 1 to see the error")


def _article_name(article: Article) -> str:
    return article.path or article.title or article.article_id[:12]
