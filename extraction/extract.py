"""Public extraction API: articles -> incidents (docs/INTERFACES.md "Extraction").

Stanza runs once per article, only on the content (boilerplate lines are left out), and many
articles go through one ``bulk_process`` call. Each content paragraph is joined with a blank line so
Stanza never glues two paragraphs into one sentence; every Stanza offset is mapped back to
``Article.text``. Lexicons and the gazetteer then find the facts on the original string, and the
parse decides roles where word order says nothing (see ``roles.py``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from extraction import discourse
from extraction.anaphora import adjective_mentions, resolve_anaphora
from extraction.dates import DateMention, find_date_mentions
from extraction.groups import successor
from extraction.incidents_builder import (
    STRONG_DATES,
    Clause,
    Sentence,
    assign_clause_roles,
    build_drafts,
    classify,
    finish,
    make_clause,
    named_armed_side,
    split_clauses,
)
from extraction.lexicon import Word, words_of
from extraction.numbers import find_counts
from extraction.places import (
    PlaceRef,
    drop_containers,
    gazetteer_mentions,
    ner_mentions,
    settle_ambiguous,
    settle_quarters,
)
from extraction.roles import GroupMention, StanzaWord, link_affiliations, link_hedged, raw_group_mentions
from extraction.schema import Article, Incident
from extraction.triggers import Trigger, find_triggers
from extraction.zones import hold_police

log = logging.getLogger("raqib.extract")
_SEP = "\n\n"


@dataclass(frozen=True)
class Span:
    """A highlighted piece of the article for the Analyze page: kind is group|place|number|trigger|date."""

    start: int
    end: int
    kind: str
    label: str


@dataclass
class _Prepared:
    article: Article
    joined: str
    seg_joined: list[int]  # start of each paragraph in the joined text
    seg_orig: list[int]  # start of the same paragraph in article.text
    paras: list[tuple[int, int]]


def _paragraphs(article: Article) -> list[tuple[int, int]]:
    """Non-empty content lines as (start, end) in article.text, trimmed of spaces."""
    spans = article.content_spans or [(0, len(article.text))]
    out = []
    text = article.text
    for s, e in spans:
        pos = s
        for line in text[s:e].split("\n"):
            ls, le = pos, pos + len(line)
            pos = le + 1
            while ls < le and text[ls].isspace():
                ls += 1
            while le > ls and text[le - 1].isspace():
                le -= 1
            if le > ls:
                out.append((ls, le))
    return out


def _prepare(article: Article) -> _Prepared:
    paras = _paragraphs(article)
    parts, seg_j, seg_o = [], [], []
    pos = 0
    for s, e in paras:
        seg_j.append(pos)
        seg_o.append(s)
        parts.append(article.text[s:e])
        pos += (e - s) + len(_SEP)
    return _Prepared(article, _SEP.join(parts), seg_j, seg_o, paras)


def _to_orig(p: _Prepared, pos: int) -> int:
    k = bisect.bisect_right(p.seg_joined, pos) - 1
    return p.seg_orig[k] + (pos - p.seg_joined[k])


def _run_stanza(prepared: list[_Prepared], nlp) -> list:
    import stanza

    if nlp is None:
        from extraction.pipeline import get_pipeline

        nlp = get_pipeline()
    docs = [stanza.Document([], text=p.joined) for p in prepared if p.joined]
    done = nlp.bulk_process(docs) if docs else []
    it = iter(done)
    return [next(it) if p.joined else None for p in prepared]


@dataclass
class _Analysis:
    article: Article
    words: list[Word]
    sentences: list[Sentence]
    clauses: list[Clause]
    groups: list[GroupMention]
    triggers: list[Trigger]
    places: list[PlaceRef]
    dates: list
    incidents: list[Incident]


def _analyse(p: _Prepared, doc) -> _Analysis:
    article = p.article
    text = article.text
    published = None
    if article.published:
        try:
            published = dt.date.fromisoformat(article.published[:10])
        except ValueError:
            published = None
    title_end = None
    if p.paras and article.title:
        s, e = p.paras[0]
        if text[s:e].strip() == article.title.strip() and e - s <= 140:
            title_end = e  # a long first line is the lede of an article without a headline
    # sentences from Stanza, mapped back; Stanza words for roles and aspect
    sentences: list[Sentence] = []
    words: list[Word] = []
    ents: list[tuple[int, int]] = []
    person_starts: set[int] = set()  # where Stanza's PER names begin ("قتل الشيخ سليمان الكصار" = one dead)
    para_starts = [s for s, _ in p.paras]
    if doc is not None:
        for sent in doc.sentences:
            toks = sent.tokens
            if not toks:
                continue
            s0, e0 = _to_orig(p, toks[0].start_char), _to_orig(p, toks[-1].end_char)
            para = bisect.bisect_right(para_starts, s0) - 1
            lo = len(words)
            words.extend(words_of(text, s0, e0))
            sw = []
            for w in sent.words:
                if w.start_char is None:
                    continue
                sw.append(StanzaWord(_to_orig(p, w.start_char), _to_orig(p, w.end_char), w.upos or "",
                                     w.feats or "", w.deprel or "", (w.head or 0) - 1, w.id - 1))
            prev = sentences[-1] if sentences else None
            if prev is not None and prev.para == para and s0 == prev.end and text[prev.end - 1:prev.end] == ".":
                # "وقال ناشط للعربية.نت إن ...": a dot inside a name ("العربية.نت") ends no sentence
                n = len(prev.swords)
                sw = prev.swords + [replace(w, head=w.head + n if w.head >= 0 else -1, idx=w.idx + n) for w in sw]
                sentences[-1] = Sentence(prev.start, e0, para, prev.is_title, prev.lo, len(words), sw)
            else:
                sentences.append(Sentence(s0, e0, para, title_end is not None and s0 < title_end, lo, len(words), sw))
            for ent in sent.ents:
                if ent.type == "LOC":
                    ents.append((_to_orig(p, ent.start_char), _to_orig(p, ent.end_char)))
                elif ent.type == "PER":
                    person_starts.add(_to_orig(p, ent.start_char))
    groups: list[GroupMention] = []
    triggers: list[Trigger] = []
    group_spans: list[tuple[int, int]] = []
    affiliations: list[tuple[int, int]] = []  # "فرقة الحمزة التابعة لجيش الاحتلال التركي": the backer named
    for s in sentences:
        sw = words[s.lo:s.hi]
        raw = raw_group_mentions(text, sw)
        group_spans.extend((g.start, g.end) for g in raw)
        linked = link_affiliations(raw, sw)
        affiliations.extend((g.start, g.end) for g in raw if not any(k.start <= g.start < k.end for k in linked))
        for g in linked:
            gid = successor(g.id, g.text, article.published)
            if gid is None:
                continue  # ("فلول الإرهابيين" in 2013: no group of its own)
            groups.append(GroupMention(gid, g.start, g.end, g.text, g.i + s.lo, g.j + s.lo))
        for t in find_triggers(text, sw):
            triggers.append(replace(t, i=t.i + s.lo, j=t.j + s.lo, downed=t.downed and (
                t.downed[0] + s.lo, t.downed[1] + s.lo)))
    para_of_word = [0] * len(words)
    sent_of_word = [0] * len(words)
    for k, s in enumerate(sentences):
        para_of_word[s.lo:s.hi] = [s.para] * (s.hi - s.lo)
        sent_of_word[s.lo:s.hi] = [k] * (s.hi - s.lo)
    # places: gazetteer scan per paragraph, then NER LOC it missed; never inside a group name
    places: list[PlaceRef] = []
    for s, e in p.paras:
        for pl in gazetteer_mentions(text, s, e):
            if not any(pl.start < ge and gs < pl.end for gs, ge in group_spans):
                places.append(pl)
    taken = [(x.start, x.end) for x in places] + group_spans

    sent_starts = [s.start for s in sentences]

    def context_of(pos: int) -> str | None:
        k = bisect.bisect_right(sent_starts, pos) - 1
        if k >= 0 and sentences[k].start <= pos < sentences[k].end:
            return text[sentences[k].start:sentences[k].end]
        return None

    places.extend(ner_mentions(text, ents, taken, context_of))
    places = settle_quarters(text, settle_ambiguous(places, context_of))
    places.sort(key=lambda x: x.start)
    places = drop_containers(text, places)
    corners = [(m.start(), m.end()) for m in _TRIANGLE.finditer(text)]
    places = [pl for pl in places if not any(s <= pl.start < e for s, e in corners)]
    groups = hold_police(groups, places, para_of_word,
                         lambda pos: bisect.bisect_right(para_starts, pos) - 1, article.published)
    groups = sorted(groups + adjective_mentions(text, words, triggers, groups), key=lambda g: (g.i, g.j))
    groups = link_hedged(resolve_anaphora(text, words, groups, para_of_word, sent_of_word), words)
    # (an anaphoric word inside an affiliation is no party of its own: "لجيش الاحتلال" read back as Turkey)
    groups = [g for g in groups if not any(s <= g.start < e for s, e in affiliations)]
    groups = _which_occupation(groups)
    persons = frozenset(k for k, w in enumerate(words) if w.start in person_starts)
    dates = []
    for s in sentences:
        dates.extend(find_date_mentions(text, s.start, s.end, published))
    # clauses
    clauses: list[Clause] = []
    trig_i = [t.i for t in triggers]
    group_i = [g.i for g in groups]
    place_s = [pl.start for pl in places]
    dates.sort(key=lambda d: d.start)
    date_s = [d.start for d in dates]
    headings = _date_headings(text, sentences, dates)
    heading = None
    for si, s in enumerate(sentences):
        if si in headings:
            heading = headings[si]
        # this sentence's share of each list (bisect: linear in the article, not clauses x mentions)
        s_trig = triggers[bisect.bisect_left(trig_i, s.lo):bisect.bisect_left(trig_i, s.hi)]
        s_groups = groups[bisect.bisect_left(group_i, s.lo):bisect.bisect_left(group_i, s.hi)]
        s_places = places[bisect.bisect_left(place_s, s.start):bisect.bisect_left(place_s, s.end)]
        s_dates = dates[bisect.bisect_left(date_s, s.start):bisect.bisect_left(date_s, s.end)]
        for lo, hi in split_clauses(text, words, s):
            c = make_clause(len(clauses), text, words, s, si, lo, hi, s_trig, s_groups, s_places, s_dates,
                            lo == s.lo, persons)
            if heading is not None and si not in headings and not any(d.kind in STRONG_DATES for d in c.dates):
                c.dates = [*c.dates, heading]  # a chronicle's lines under "الثلاثاء 8 من حزيران"
            if not any(d.kind in STRONG_DATES for d in c.dates) and _same_day(words, lo, hi):
                # "وفي اليوم ذاته قصفت قوات النظام ...": the day of the attack told just before
                told = next((d for p in reversed(clauses[-6:]) for d in p.dates
                             if d.kind in STRONG_DATES and d.value is not None), None)
                if told is not None:
                    c.dates = [*c.dates, told]
            if clauses and clauses[-1].sent == si and clauses[-1].why == "cumulative" and not any(
                    d.kind in STRONG_DATES or d.value is not None for d in c.dates):
                c.breakdown = True  # "، فيما قتلت القوات الروسية 6 مدنيين": a share of the toll before
            elif clauses and clauses[-1].sent == si - 1 and clauses[-1].why == "cumulative" and _goes_on_counting(
                    c, words, lo):
                # "وتتوزع الحصيلة ...: 661 مدنياً ..." then "كما وثق المرصد مقتل 912 مقاتلاً ... خلال
                # الاشتباكات والقصف المتبادل": the next line counts on the same period
                c.breakdown = True
            if clauses and clauses[-1].sent == si and clauses[-1].kind == "none" and clauses[-1].why == "" and not any(
                    d.kind in STRONG_DATES for d in c.dates) and words[lo].norm in ("حيث", "وحيث"):
                # "شهدت مناطق ريف إدلب يوم أمس تصعيداً، حيث شنت الطائرات الروسية عشرات الغارات": the day
                # the sentence opened with dates the attack its next clause tells
                told = [d for d in clauses[-1].dates if d.kind in STRONG_DATES and d.value is not None]
                if told:
                    c.dates = [*c.dates, told[-1]]
            if clauses and clauses[-1].sent == si and clauses[-1].kind == "none" and not c.places and \
                    words[lo].norm in ("حيث", "وحيث"):
                # "للتحقيق في ثلاثة مواقع، بينها بلدة خان العسل قرب حلب، حيث تتبادل ... الاتهامات ... في هجوم
                # وقع في مارس": "where" is the town the line before it named last (a line telling no attack;
                # after one, "حيث" goes on with that attack)
                where = [p for p in clauses[-1].places if p.precision <= 1 and not p.locator]
                if where:
                    c.places = [where[-1]]
            if clauses and clauses[-1].sent == si and not any(d.kind in STRONG_DATES for d in c.dates) and \
                    words[lo].norm in _MEANWHILE and c.places and c.triggers and (
                    any(not t.anaphoric for t in c.triggers) or len(c.groups) >= 2):
                # "استشهد مدنيان صباح اليوم الأحد ...، فيما تتواصل الاشتباكات": the sentence's day
                told = [d for d in clauses[-1].dates if d.kind in STRONG_DATES and d.value is not None]
                if told:
                    c.dates = [*c.dates, told[-1]]
            classify(c, words, s.swords, text)
            if c.kind != "none":
                assign_clause_roles(c, words, s_groups, s.swords, text, article.published)
                if c.perp is None and words[lo].norm == "اذ" and clauses and clauses[-1].sent == si and \
                        discourse.starts_with("attack_verbs", words, lo + 1) is not None:  # (not "إذ قُتل أربعة")
                    # "ليست المرة الأولى التي ترد فيها إسرائيل ...، إذ قصفت في أبريل الماضي موقعاً": the
                    # one side named in the line it explains
                    sides = {g.id: g for g in clauses[-1].groups if named_armed_side(g.id)}
                    if len(sides) == 1 and not (c.target is not None and c.target.id in sides):
                        c.perp = next(iter(sides.values()))
                if c.perp is None and c.cont and clauses and clauses[-1].sent == si:
                    # "واصلت الطائرات الروسية تصعيدها، حيث رصد المرصد تنفيذها 14 غارة على جرجناز": the
                    # "حيث" clause continues the one before it, whose subject is the attacker
                    prev = clauses[-1]
                    if prev.perp is None and prev.kind == "none":
                        assign_clause_roles(prev, words, s_groups, s.swords, text, article.published)
                    if prev.perp is not None and not (c.target is not None and c.target.id == prev.perp.id):
                        c.perp = prev.perp
            clauses.append(c)
    _drop_subheadings(text, sentences, clauses)
    drafts = build_drafts(clauses)
    incidents = finish(article, drafts, sentences, clauses)  # (sentences are in text order: finish bisects them)
    return _Analysis(article, words, sentences, clauses, groups, triggers, places, dates, incidents)


_ISRAELI = ("إسرائيل", "الإسرائيلي", "اسرائيل", "الاسرائيلي")
_SUBHEADING_WORDS = 5
# "محيط منطقة أثريا ضمن مثلث حلب-حماة-الرقة": the corners of a region named after them place nothing
_TRIANGLE = re.compile(r"مثلث\s+\w+(?:\s*[-–]\s*\w+)+")


def _drop_subheadings(text: str, sentences: list[Sentence], clauses: list[Clause]) -> None:
    """"توغل في القنيطرة" on a line of its own above "وفي ريف القنيطرة، توغلت قوة إسرائيلية ...": a
    body subheading (a few words, no full stop, no toll or day) names the attack its paragraph tells."""
    by_sent: dict[int, list[Clause]] = {}
    for c in clauses:
        by_sent.setdefault(c.sent, []).append(c)  # (once: an article's clauses are not rescanned per line)
    for si in range(1, len(sentences) - 1):
        s, nxt = sentences[si], sentences[si + 1]
        line = text[s.start:s.end].strip()
        if s.is_title or nxt.para == s.para or sentences[si - 1].para == s.para \
                or len(line.split()) > _SUBHEADING_WORDS or line[-1:] in ".!؟?:،,":
            continue
        mine = by_sent.get(si, [])
        kinds = {t.attack_type for c in mine for t in c.triggers}
        told = {t.attack_type for c in by_sent.get(si + 1, []) for t in c.triggers}
        if mine and kinds and kinds <= told and not any(x.value is not None for c in mine for x in c.casualties) \
                and not any(c.dates for c in mine):
            for c in mine:
                c.kind, c.why = "none", "subheading"


def _which_occupation(groups: list[GroupMention]) -> list[GroupMention]:
    """Kurdish outlets call Turkey's army "جيش الاحتلال" ("قصف جيش الاحتلال التركي ..." then "طائرة مسيّرة
    تابعة لجيش الاحتلال"): in an article that names the Turkish occupation and never Israel, a bare
    "الاحتلال" is Turkey's, not Israel's (the lexicon's default)."""
    if not any(g.id == "turkey" and "احتلال" in g.text for g in groups) or any(
            g.id == "israel" and any(x in g.text for x in _ISRAELI) for g in groups):
        return groups
    return [replace(g, id="turkey") if g.id == "israel" and "احتلال" in g.text else g for g in groups]


def _date_headings(text: str, sentences: list[Sentence], dates: list[DateMention]) -> dict[int, DateMention]:
    """A chronicle's day headings: lines that hold only a day ("السبت 5 من حزيران") and date the lines
    under them. Only with two or more such lines (one alone is a dateline, the publication day)."""
    out = {}
    for si, s in enumerate(sentences):
        line = text[s.start:s.end].strip(" \t:.-–")
        mine = [d for d in dates if s.start <= d.start < s.end and d.precision == "day" and d.value is not None]
        if len(mine) == 1 and "\n" not in line and len(line) <= len(mine[0].text) + 3 and mine[0].text in line and (
                s.end >= len(text) or text[s.end:].lstrip(" \t:.-–").startswith("\n")):
            out[si] = mine[0]
    return out if len(out) >= 2 else {}


_MEANWHILE = frozenset(("فيما", "بينما"))
_SAME_DAY = (("اليوم", "ذاته"), ("اليوم", "نفسه"), ("نفس", "اليوم"), ("ذات", "اليوم"), ("اليوم", "عينه"))


def _goes_on_counting(c: Clause, words: list[Word], lo: int) -> bool:
    """A line that opens "كما وثق/رصد" with no day or precise place of its own, and names attacks only as
    definite ("الاشتباكات والقصف المتبادل") or in the plural, goes on with the period's count told just
    before."""
    if words[lo].norm.lstrip("و") != "كما" or not discourse.any_in("reported_verbs", words, lo + 1, min(c.hi, lo + 3)):
        return False
    return not any(d.kind in STRONG_DATES or d.value is not None for d in c.dates) and not any(
        p.precision <= 1 for p in c.places) and all(t.anaphoric or t.generic_plural or t.text.startswith("ال")
                                                     for t in c.triggers)  # ("القصف المتبادل": the shelling told)


def _same_day(words: list[Word], lo: int, hi: int) -> bool:
    return any((words[k].norm.lstrip("وفب"), words[k + 1].norm) in _SAME_DAY for k in range(lo, hi - 1))


def _analyse_many(articles: list[Article], nlp=None) -> list[_Analysis]:
    prepared = [_prepare(a) for a in articles]
    docs = _run_stanza(prepared, nlp)
    return [_analyse(p, d) for p, d in zip(prepared, docs, strict=True)]


def extract_incidents(article: Article, nlp=None) -> list[Incident]:
    """The incidents one article reports (main and background), each with its evidence."""
    return _analyse_many([article], nlp)[0].incidents


def extract_many(articles: Iterable[Article], nlp=None) -> list[list[Incident]]:
    """One Stanza call for many articles; the result lists line up with ``articles``."""
    arts = list(articles)
    return [a.incidents for a in _analyse_many(arts, nlp)]


def analyze_article(article: Article, nlp=None) -> tuple[list[Incident], list[Span]]:
    """Incidents plus every highlighted span (groups, places, numbers, triggers, dates)."""
    a = _analyse_many([article], nlp)[0]
    spans: list[Span] = []
    spans += [Span(g.start, g.end, "group", g.id) for g in a.groups]
    spans += [Span(pl.start, pl.end, "place", getattr(pl.candidate, "name_ar", None) or pl.text) for pl in a.places]
    spans += [Span(t.start, t.end, "trigger", t.attack_type) for t in a.triggers]
    for d in a.dates:
        spans.append(Span(d.start, d.end, "date", d.value.isoformat() if d.value else d.text))
    for s in a.sentences:
        ws = a.words[s.lo:s.hi]
        spans += [Span(c.start, c.end, "number", str(c.value)) for c in find_counts(a.article.text, ws)]
    spans.sort(key=lambda x: (x.start, x.end))
    return a.incidents, spans
