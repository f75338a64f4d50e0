"""Read articles from .txt / .html / .json / .jsonl files into :class:`Article` (DESIGN.md "Article input").

Why this module is strict: everything downstream (Stanza, the incident finder, the store) trusts that an
``Article`` holds real Arabic news text whose offsets are stable. So bad input is stopped here with an
:class:`ArticleReadError` that names the file, says what is wrong and what to do, and nothing is
guessed: a publication date comes from the command line, the record or the page's own metadata, never
from today's clock.

Offsets: ``Article.text`` is the text as read (UTF-8 BOM dropped, CRLF/CR turned into LF), or for HTML
the main text extracted by trafilatura; boilerplate is not cut out but listed as the complement of
``Article.content_spans`` (see :mod:`extraction.boilerplate`), so ``text[s:e]`` always round-trips.

Publication dates (``published``):
- an explicit ``published`` argument (the CLI's ``--published``) always wins; a malformed one raises
  :class:`PublishedDateError` (a ``ValueError``) because the caller, not the file, is wrong;
- a malformed ``published`` inside a .json/.jsonl record or in HTML metadata is treated as missing: the
  article is kept, ``published`` is None and a warning is logged (losing the article would be worse
  than losing its date).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extraction.boilerplate import content_spans as _content_spans
from extraction.schema import Article
from raqib.arabic import arabic_ratio

log = logging.getLogger("raqib.reader")

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # text of one article; HTML may be HTML_SIZE_FACTOR times larger
HTML_SIZE_FACTOR = 4
MIN_ARABIC_RATIO = 0.3
MIN_HTML_LETTERS = 40  # less main text than a one-line headline: a menu, an index page or junk
_MAX_BYTES_ENV = "RAQIB_MAX_ARTICLE_BYTES"


class ArticleReadError(ValueError):
    """An input that cannot become an article. ``str()`` = "<path>: <reason> — <what to do>"."""

    def __init__(self, path: str | os.PathLike | None, reason: str, hint: str | None = None,
                 *, line: int | None = None):
        self.path = str(path) if path is not None else "<text>"
        self.reason = reason
        self.hint = hint or "check the file and try again"
        self.line = line
        where = f"{self.path} line {line}" if line is not None else self.path
        super().__init__(f"{where}: {reason} — {self.hint}")


class PublishedDateError(ValueError):
    """A publication date given by the caller (e.g. ``--published``) is not a valid date."""


# ---------------------------------------------------------------------------------------------
# publication dates

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")


def parse_published(value: str | dt.date | None) -> str | None:
    """Validate a publication date and return it as ``YYYY-MM-DD`` (None stays None).

    Accepts ``YYYY-MM-DD``, a full ISO datetime (``2021-03-09T10:12:00+03:00`` -> its date part, as
    written, without time-zone conversion), RFC 2822 dates as found in feeds, and ``date`` objects.
    Raises :class:`PublishedDateError` with a message fit for the command line.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise PublishedDateError(f"publication date must be a string YYYY-MM-DD, got {type(value).__name__}")
    text = value.strip()
    m = _ISO_DATE.match(text)
    day: dt.date | None = None
    if m:
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError as exc:
            raise PublishedDateError(f"publication date {value!r} is not a real date ({exc})") from None
    else:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
            day = parsed.date() if parsed else None
        except (TypeError, ValueError, IndexError):
            day = None
    if day is None:
        raise PublishedDateError(f"publication date {value!r} is not in the form YYYY-MM-DD (e.g. 2021-03-09)")
    if not 1900 <= day.year <= 2100:
        raise PublishedDateError(f"publication date {value!r} has an implausible year {day.year}")
    return day.isoformat()


def _soft_published(value: Any, where: str) -> str | None:
    """A date from inside a file: malformed -> None with a warning (the article is kept)."""
    if value in (None, ""):
        return None
    try:
        return parse_published(value if isinstance(value, str) else str(value))
    except PublishedDateError as exc:
        log.warning("%s: %s; treating the publication date as unknown", where, exc)
        return None


# ---------------------------------------------------------------------------------------------
# building articles from text

def _check_text(text: str, path: str | None, line: int | None = None) -> None:
    if not text.strip():
        raise ArticleReadError(path, "the article is empty", "give a file with the article's text", line=line)
    if "\x00" in text:
        raise ArticleReadError(path, "the text contains NUL bytes (binary data)",
                               "give the article as plain UTF-8 text", line=line)


def _normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _finish(text: str, *, title: str | None, published: str | None, source: str | None,
            url: str | None, path: str | None, line: int | None = None) -> Article:
    spans = _content_spans(text)
    if not spans:
        raise ArticleReadError(path, "the text holds only boilerplate (share buttons, links), no article",
                               "give the article's body text", line=line)
    content = "\n".join(text[s:e] for s, e in spans)
    ratio = arabic_ratio(content)
    if ratio < MIN_ARABIC_RATIO:
        raise ArticleReadError(path, f"no Arabic text (only {ratio:.0%} of the letters are Arabic)",
                               "Raqib reads Arabic news articles; give the Arabic original", line=line)
    if not title:
        s, e = spans[0]
        title = text[s:e]
    return Article(text=text, title=title.strip() if title else None, published=published,
                   source=source, url=url, path=path, content_spans=spans)


def article_from_text(text: str, *, title: str | None = None, published: str | dt.date | None = None,
                      source: str | None = None, url: str | None = None, path: str | None = None) -> Article:
    """An article from plain text (pasted text, a .txt file, a json record's ``text``).

    The title defaults to the first content line. ``published`` is validated
    (:class:`PublishedDateError` when malformed). Empty, binary, boilerplate-only or non-Arabic text
    raises :class:`ArticleReadError`.
    """
    if not isinstance(text, str):
        raise ArticleReadError(path, f"the article text must be a string, got {type(text).__name__}")
    text = _normalise_newlines(text)
    _check_text(text, path)
    return _finish(text, title=title, published=parse_published(published), source=source, url=url,
                   path=path)


# ---------------------------------------------------------------------------------------------
# HTML

_JSONLD_DATE_KEYS = ("datePublished", "dateCreated", "uploadDate")
_META_DATE_NAMES = (
    "article:published_time", "og:published_time", "og:article:published_time", "published_time",
    "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
    "dcterms.created", "datepublished", "sailthru.date", "parsely-pub-date", "article.published",
)


def _jsonld_dates(obj: Any) -> Iterator[str]:
    if isinstance(obj, dict):
        for key in _JSONLD_DATE_KEYS:
            val = obj.get(key)
            if isinstance(val, str):
                yield val
        for val in obj.values():
            if isinstance(val, (dict, list)):
                yield from _jsonld_dates(val)
    elif isinstance(obj, list):
        for item in obj:
            yield from _jsonld_dates(item)


def html_metadata(tree) -> dict[str, str | None]:
    """Title, publication date (as written in the page), site name and URL from an lxml tree.

    Only dates the page itself states are taken, in this order: ``article:published_time`` and
    similar ``<meta>`` tags, JSON-LD ``datePublished``, ``<time datetime>``. Each candidate is
    validated; the first valid one wins.
    """
    meta: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and key not in meta:
            meta[key] = content.strip()

    candidates: list[tuple[str, str]] = []
    for name in _META_DATE_NAMES:
        if name in meta:
            candidates.append((f"<meta {name}>", meta[name]))
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        candidates.extend(("JSON-LD datePublished", d) for d in _jsonld_dates(data))
    for el in tree.iter("time"):
        if el.get("datetime"):
            candidates.append(("<time datetime>", el.get("datetime")))

    published = None
    for origin, value in candidates:
        try:
            published = parse_published(value)
            break
        except PublishedDateError as exc:
            log.warning("ignoring %s: %s", origin, exc)

    title = meta.get("og:title") or meta.get("twitter:title")
    if not title:
        t = tree.find(".//title")
        title = t.text_content().strip() if t is not None and t.text_content() else None
    url = meta.get("og:url")
    if not url:
        for link in tree.iter("link"):
            if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
                url = link.get("href")
                break
    return {"title": title or None, "published": published, "source": meta.get("og:site_name"),
            "url": url}


def article_from_html(html: str | bytes, *, published: str | dt.date | None = None, source: str | None = None,
                      url: str | None = None, title: str | None = None, path: str | None = None) -> Article:
    """An article from an HTML page: trafilatura's main text, metadata from the page.

    ``Article.text`` is the extracted main text (offsets refer to it); scripts, styles, menus and
    comments are not part of it. Explicit arguments win over the page's metadata.
    """
    import lxml.html
    import trafilatura

    if isinstance(html, bytes) and b"\x00" in html[:65536]:
        raise ArticleReadError(path, "the file is binary (NUL bytes), not an HTML page",
                               "give the saved HTML page of the article")
    if not (html.strip() if isinstance(html, (str, bytes)) else None):
        raise ArticleReadError(path, "the HTML page is empty", "give the saved HTML page of the article")
    try:
        tree = lxml.html.fromstring(html)
        meta = html_metadata(tree)
    except Exception as exc:  # lxml raises several types on junk
        log.debug("metadata parse failed for %s: %s", path, exc)
        meta = {"title": None, "published": None, "source": None, "url": None}
    text = trafilatura.extract(html, include_comments=False, include_images=False, include_links=False,
                               include_formatting=False, url=url or meta["url"])
    if not text or sum(ch.isalpha() for ch in text) < MIN_HTML_LETTERS:
        raise ArticleReadError(path, "no article text found in the HTML page",
                               "save the article's own page (not a list or index page), or paste its text into a .txt file")
    text = _normalise_newlines(text)
    return _finish(text, title=title or meta["title"],
                   published=parse_published(published) if published is not None else meta["published"],
                   source=source or meta["source"], url=url or meta["url"], path=path)


# ---------------------------------------------------------------------------------------------
# files

def max_article_bytes(explicit: int | None = None) -> int:
    """The size limit for one article's text: argument, else ``RAQIB_MAX_ARTICLE_BYTES``, else 5 MB."""
    if explicit is not None:
        return int(explicit)
    env = os.environ.get(_MAX_BYTES_ENV)
    if env:
        try:
            return int(env)
        except ValueError:
            log.warning("%s=%r is not a number of bytes; using %d", _MAX_BYTES_ENV, env, DEFAULT_MAX_BYTES)
    return DEFAULT_MAX_BYTES


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _decode_utf8(data: bytes, path: str, line: int | None = None) -> str:
    if b"\x00" in data:
        raise ArticleReadError(path, "the file is binary (it contains NUL bytes), not text",
                               "give the article as a UTF-8 text, HTML or JSON file", line=line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = ""
        try:
            alt = data.decode("cp1256")
            if arabic_ratio(alt) > 0.5:
                guess = " (it looks like Windows-1256 Arabic)"
        except UnicodeDecodeError:
            pass
        raise ArticleReadError(
            path, f"not valid UTF-8 at byte {exc.start}{guess}",
            "convert it to UTF-8, e.g. `iconv -f WINDOWS-1256 -t UTF-8 FILE > FILE.utf8.txt`", line=line,
        ) from None


def _read_bounded(p: Path, limit: int) -> bytes:
    """Read a file after checking its size: a huge file is refused without being read."""
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ArticleReadError(p, "no such file", "check the path") from None
    except OSError as exc:
        raise ArticleReadError(p, f"cannot read the file ({exc.strerror})", "check the path and permissions") from None
    if not p.is_file():
        raise ArticleReadError(p, "not a regular file", "give a .txt, .html, .json or .jsonl file")
    if size > limit:
        raise ArticleReadError(p, f"the file is too large ({_mb(size)}; the limit is {_mb(limit)})",
                               f"split it into articles (one per file or per .jsonl line) or raise {_MAX_BYTES_ENV}")
    try:
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise ArticleReadError(p, f"cannot read the file ({exc.strerror})", "check the path and permissions") from None
    if len(data) > limit:  # grew while reading, or a special file lying about its size
        raise ArticleReadError(p, f"the file is larger than the limit of {_mb(limit)}",
                               f"split it or raise {_MAX_BYTES_ENV}")
    return data


_RECORD_KEYS = ("text", "title", "published", "source", "url")


def _article_from_record(obj: Any, path: str, line: int | None, *, published: str | None,
                         source: str | None, url: str | None) -> Article:
    where = f"{path} line {line}" if line is not None else path
    if not isinstance(obj, dict):
        raise ArticleReadError(path, f"expected a JSON object {{\"text\": ...}}, got {type(obj).__name__}",
                               'write each article as {"text": "...", "title": "...", "published": "YYYY-MM-DD"}',
                               line=line)
    text = obj.get("text")
    if not isinstance(text, str):
        what = "missing" if text is None else f"a {type(text).__name__}, not a string"
        raise ArticleReadError(path, f'the "text" field is {what}',
                               'give the article text as {"text": "..."}', line=line)
    meta: dict[str, str | None] = {}
    for key in ("title", "source", "url"):
        val = obj.get(key)
        if val is not None and not isinstance(val, str):
            log.warning('%s: "%s" is not a string; ignoring it', where, key)
            val = None
        meta[key] = val or None
    rec_published = _soft_published(obj.get("published"), where)
    text = _normalise_newlines(text)
    _check_text(text, path, line)
    return _finish(text, title=meta["title"], published=published or rec_published,
                   source=source or meta["source"], url=url or meta["url"], path=path, line=line)


def iter_article_file(path: str | os.PathLike, *, published: str | dt.date | None = None,
                      source: str | None = None, url: str | None = None,
                      max_bytes: int | None = None) -> Iterator[Article | ArticleReadError]:
    """Yield the articles of one file, or an :class:`ArticleReadError` for each part that is bad.

    A .jsonl file yields one item per non-blank line (a bad line yields an error naming the line,
    and the following lines are still read), streaming: the file may be any size, each line is
    limited to the article size limit. Other files yield exactly one item. ``published`` (the CLI
    value) is validated first and raises :class:`PublishedDateError` when malformed.
    """
    published = parse_published(published)
    p = Path(path)
    spath = str(p)
    limit = max_article_bytes(max_bytes)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        yield ArticleReadError(p, f"unsupported file type {suffix or '(none)'!r}",
                               "give a .txt, .html, .htm, .json or .jsonl file")
        return
    try:
        if suffix == ".jsonl":
            yield from _iter_jsonl(p, limit, published=published, source=source, url=url)
            return
        if suffix in (".html", ".htm"):
            data = _read_bounded(p, limit * HTML_SIZE_FACTOR)
            yield article_from_html(data, published=published, source=source, url=url, path=spath)
            return
        text = _decode_utf8(_read_bounded(p, limit), spath)
        if suffix == ".txt":
            _check_text(text, spath)
            text = _normalise_newlines(text)
            yield _finish(text, title=None, published=published, source=source, url=url, path=spath)
            return
        # .json: one object, or a list of objects
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ArticleReadError(p, f"not valid JSON ({exc})",
                                   'write one object {"text": "..."} (or use .jsonl, one object per line)') from None
        records = data if isinstance(data, list) else [data]
        if not records:
            raise ArticleReadError(p, "the JSON list is empty", 'give at least one {"text": "..."} object')
        for i, rec in enumerate(records):
            try:
                yield _article_from_record(rec, spath, None, published=published, source=source, url=url)
            except ArticleReadError as exc:
                if len(records) > 1:
                    exc = ArticleReadError(p, f"item {i} of the list: {exc.reason}", exc.hint)
                yield exc
    except ArticleReadError as exc:
        yield exc


def _iter_jsonl(p: Path, limit: int, *, published: str | None, source: str | None,
                url: str | None) -> Iterator[Article | ArticleReadError]:
    spath = str(p)
    try:
        fh = p.open("rb")
    except FileNotFoundError:
        yield ArticleReadError(p, "no such file", "check the path")
        return
    except OSError as exc:
        yield ArticleReadError(p, f"cannot read the file ({exc.strerror})", "check the path and permissions")
        return
    n_records = 0
    with fh:
        lineno = 0
        while True:
            raw = fh.readline(limit + 1)
            if not raw:
                break
            lineno += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                # skip the rest of this oversized line without holding it in memory
                while True:
                    chunk = fh.readline(1024 * 1024)
                    if not chunk or chunk.endswith(b"\n"):
                        break
                yield ArticleReadError(p, f"the line is longer than the limit of {_mb(limit)}",
                                       f"split the article or raise {_MAX_BYTES_ENV}", line=lineno)
                continue
            if not raw.strip():
                continue
            n_records += 1
            try:
                line_text = _decode_utf8(raw, spath, lineno)
                try:
                    obj = json.loads(line_text)
                except ValueError as exc:
                    raise ArticleReadError(p, f"not valid JSON ({exc})",
                                           'write one object {"text": "..."} per line', line=lineno) from None
                yield _article_from_record(obj, spath, lineno, published=published, source=source, url=url)
            except ArticleReadError as exc:
                yield exc
    if n_records == 0:
        yield ArticleReadError(p, "the .jsonl file has no records", 'write one {"text": "..."} object per line')


def read_article_file(path: str | os.PathLike, *, published: str | dt.date | None = None,
                      source: str | None = None, url: str | None = None,
                      max_bytes: int | None = None) -> list[Article]:
    """All articles of one file (.jsonl -> many); raises the first :class:`ArticleReadError`.

    Use :func:`iter_article_file` to skip bad .jsonl lines and keep the rest.
    """
    out: list[Article] = []
    for item in iter_article_file(path, published=published, source=source, url=url, max_bytes=max_bytes):
        if isinstance(item, ArticleReadError):
            raise item
        out.append(item)
    return out
