"""Interface strings in English and Arabic (data in ``strings.yaml``), group and place names per language.

Why a data file: translators edit YAML, not code; a missing key fails loudly in tests instead of
showing a raw key to a journalist.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

STRINGS_FILE = Path(__file__).with_name("strings.yaml")
LANGS = ("en", "ar")
LANG_LABELS = {"en": "English", "ar": "العربية"}


@lru_cache(maxsize=1)
def load_strings(path: Path = STRINGS_FILE) -> dict[str, dict[str, str]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in raw.items():
        if not isinstance(value, dict) or set(value) != set(LANGS):
            raise ValueError(f"{path}: string {key!r} must have exactly the languages {LANGS}")
    return raw


def t(key: str, lang: str = "en", **kwargs: Any) -> str:
    """The interface string ``key`` in ``lang``, formatted with ``kwargs``."""
    strings = load_strings()
    if key not in strings:
        raise KeyError(f"{STRINGS_FILE}: no interface string {key!r}")
    text = strings[key][lang if lang in LANGS else "en"]
    return text.format(**kwargs) if kwargs else text


def attack_label(attack_type: str | None, lang: str) -> str:
    key = f"attack_{attack_type}"
    return t(key, lang) if key in load_strings() else (attack_type or "")


def precision_label(precision: Any, lang: str) -> str:
    try:
        p = int(precision)
    except (TypeError, ValueError):
        return t("precision_none", lang)
    key = f"precision_{p}"
    return f"{p} — {t(key, lang)}" if key in load_strings() else str(p)


def group_name(group_id: str | None, lang: str, fallback: str | None = None) -> str:
    """Display name of an armed group id (from armed_groups.yaml); ``fallback`` when unknown."""
    from extraction.groups import load_groups

    if not group_id:
        return fallback or t("unknown_group", lang)
    g = load_groups().get(group_id)
    if g is None:
        return fallback or group_id
    return g.name_ar if lang == "ar" else g.name_en


def place_name(name_ar: Any, name_en: Any, text: Any, lang: str) -> str:
    """Place in the interface language, falling back to the other language, then to the words in the article."""
    def ok(v: Any) -> bool:
        return isinstance(v, str) and bool(v.strip())

    order = (name_ar, name_en) if lang == "ar" else (name_en, name_ar)
    for v in (*order, text):
        if ok(v):
            return v
    return ""


def rtl(text: str, tag: str = "div") -> str:
    """Escaped ``text`` inside an element with ``dir="rtl"`` (Arabic is always right-to-left)."""
    return f'<{tag} dir="rtl" lang="ar">{html.escape(text or "")}</{tag}>'
