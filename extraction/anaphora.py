"""Group anaphora: "قواتها"، "عناصره"، a bare "الميليشيات"/"التنظيم"/"الفصائل"/"الإرهابيين".

Why: news names a group once and then points back to it ("قالت قوى الأمن الداخلي إن عنصرين من
قواتها قتلا"، "استهدفت قسد مواقع الميليشيات"). Without resolution the perpetrator or target of
those clauses is null. Each anaphor becomes a :class:`GroupMention` over its own word (so evidence
offsets still point at text the article contains) carrying the id of its antecedent:

- possessive force nouns (stem + ها/ه/هم): the nearest earlier mention in the same paragraph or the
  two before it whose grammatical gender agrees with the suffix (ها: feminine or non-human plural,
  ه: masculine); civilians are never an antecedent;
- bare group nouns: the nearest earlier mention whose words contain the noun's head ("الميليشيات" ->
  a group called "ميليشيات ..."), else the nearest mention of a compatible group, else the noun's
  default (``lexicons/group_anaphora.yaml``; null means no group rather than a guess).

A word right before a named group is that group's head noun, not an anaphor ("إرهابيي جبهة النصرة",
"خلية تابعة لتنظيم داعش"). Cost: one bisect per anaphor and a backward scan bounded by the window.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from extraction import discourse
from extraction.groups import load_groups
from extraction.lexicon import AliasMatcher, Word, load_yaml, norm_phrase, prefix_variants
from extraction.roles import ALLIANCE_WORDS, HEDGED, IT_IS, GroupMention

_SUFFIXES = (("هما", "any"), ("هم", "any"), ("هن", "f"), ("ها", "f"), ("ه", "m"))
_PRONOUN_PARAS = 2  # a pronoun looks back over its paragraph and the two before it
_MAX_BACK = 80  # mentions scanned back per anaphor: bounded work on very long articles
_LOOKAHEAD = 3  # words between an anaphor and a named group that make it that group's head noun
_BOTH_SIDES = frozenset(norm_phrase("الطرفين الطرفان الجانبين الجانبان"))
_LINK = frozenset(norm_phrase("من تابعة تابعين التابعة التابعين ل لـ تابع التابع ينتمون ينتمي"))


@dataclass(frozen=True)
class _Bare:
    heads: tuple[str, ...]
    compatible: frozenset[str]
    default: str | None
    unless: tuple[str, ...] = ()  # names told before that the noun more likely means ("هيئة الصحة")
    bare_only: bool = False  # not when a definite word follows ("الهيئة العامة للثورة" is another body)


@dataclass(frozen=True)
class _Lex:
    stems: frozenset[str]
    fem: frozenset[str]
    masc: frozenset[str]
    bare: AliasMatcher
    rules: dict[str, _Bare]
    speech: AliasMatcher
    victim_stems: frozenset[str]
    victim_cues: AliasMatcher
    adjectives: AliasMatcher
    subject_pronouns: frozenset[str]
    owners: AliasMatcher  # an aircraft's owner besides the nationality adjectives ("طائرة حربية سورية")
    attackers_from: frozenset[str] = frozenset()  # "انغماسيين من عناصره": attackers drawn from its men


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw = load_yaml("group_anaphora.yaml")
    groups = load_groups()
    rules: dict[str, _Bare] = {}
    entries: dict[str, list[str]] = {}
    for k, spec in enumerate(raw.get("bare") or []):
        key = f"bare{k}"
        for gid in list(spec.get("compatible") or []) + ([spec["default"]] if spec.get("default") else []):
            if gid not in groups:
                raise RuntimeError(f"group_anaphora.yaml: unknown group id {gid!r}; use an id of armed_groups.yaml")
        entries[key] = [str(p) for p in spec["phrases"]]
        rules[key] = _Bare(tuple(w for h in spec.get("heads") or [] for w in norm_phrase(h)),
                           frozenset(spec.get("compatible") or []), spec.get("default"),
                           tuple(" ".join(norm_phrase(str(u))) for u in spec.get("unless") or []),
                           bool(spec.get("bare_only")))

    def words(name: str) -> frozenset[str]:
        return frozenset(w for p in raw.get(name) or [] for w in norm_phrase(str(p)))

    stems = words("possessive_stems")
    stems |= {w[:-1] + "ت" for w in stems if w.endswith("ه")}  # نقطة + ها -> نقطتها
    return _Lex(frozenset(stems), words("feminine_heads"), words("masculine_heads"),
                AliasMatcher(entries), rules, AliasMatcher({"speech": raw.get("speech_verbs") or []}),
                words("victim_stems"), AliasMatcher({"cue": raw.get("victim_cues") or []}, clitics=False),
                AliasMatcher({gid: [str(a) for a in adj] for gid, adj in (raw.get("nationality_adjectives") or {}).items()},
                             clitics=False),
                words("speech_subject_pronouns"),
                AliasMatcher({gid: [str(a) for a in adj] for gid, adj in
                              (load_yaml("attack_types.yaml").get("shootdown", {}).get("owners") or {}).items()},
                             clitics=False),
                words("attackers_from"))


def _possessive(word: str) -> tuple[str, bool] | None:
    """(gender wanted, victim position) for a possessive force noun ("قواتها" -> ("f", False),
    "مواقعهم" -> ("any", True)), None if the word is not one."""
    lex = _lex()
    for w, _k in prefix_variants(word):
        for suf, gender in _SUFFIXES:
            stem = w[: -len(suf)]
            if w.endswith(suf) and stem in lex.stems:
                victim = stem in lex.victim_stems or (stem.endswith("ت") and stem[:-1] + "ه" in lex.victim_stems)
                return gender, victim
    return None


def _gender(m: GroupMention, words: list[Word]) -> str | None:
    """"f", "m" or None (either) for a mention, from its first word — or from the noun it
    qualifies ("لخلية تابعة لتنظيم داعش": the cell, feminine, is what a later "عناصرها" means)."""
    ws = norm_phrase(m.text)
    if not ws:
        return None
    lex = _lex()
    first = ws[0]
    k = m.i
    while k > 0 and m.i - k < _LOOKAHEAD and words[k - 1].norm in _LINK:
        k -= 1
    if k < m.i and k > 0:
        first = words[k - 1].norm
    cands = [v for v, _k in prefix_variants(first)]
    fem = any(c in lex.fem for c in cands)
    masc = any(c in lex.masc for c in cands)
    if fem and not masc:
        return "f"
    if masc and not fem:
        return "m"
    if fem and masc:
        return None
    return "f" if first.endswith("ه") else None


def adjective_mentions(text: str, words: list[Word], triggers, groups: list[GroupMention]) -> list[GroupMention]:
    """"بقصف مدفعي وجوي إسرائيلي"، "الطيران الحربي الروسي": a nationality adjective within three words
    after a trigger, not inside a group name, names the attacking state's forces."""
    lex = _lex()
    taken = {k for g in groups for k in range(g.i, g.j)}
    ends = sorted({t.j for t in triggers})
    out = []
    for m in lex.adjectives.find(text, words):
        if m.i in taken:
            continue
        k = bisect.bisect_right(ends, m.i) - 1
        if (k >= 0 and m.i - ends[k] <= 3) or (m.i > 0 and words[m.i - 1].norm.lstrip("و") in _WARPLANES) or (
                # "شنتها مقاتلات يُعتقد أنها روسية"، "طائرات حربية يرجح أنها روسية": a hedged nationality
                m.i >= 3 and words[m.i - 1].norm in IT_IS and words[m.i - 2].norm.lstrip("و") in HEDGED
                and words[m.i - 3].norm.lstrip("و") in _WARPLANES | _WARPLANE_ADJ):
            # (or right after a warplane noun: "وشنت مقاتلات روسية غارات")
            out.append(GroupMention(m.key, m.start, m.end, m.text, m.i, m.j))
    # "أسقط مقاتلون طائرة حربية سورية": the nation of an aircraft shot down owns it (its target)
    downed = [t.downed for t in triggers if t.downed is not None]
    if downed:
        seen = {g.i for g in out}
        for m in lex.adjectives.find(text, words) + lex.owners.find(text, words):
            if m.i not in taken and m.i not in seen and any(a < m.i < b for a, b in downed):
                out.append(GroupMention(m.key, m.start, m.end, m.text, m.i, m.j))
                seen.add(m.i)
    return out


_WARPLANE_ADJ = frozenset(norm_phrase("حربية الحربية حربي الحربي مسيرة المسيرة مسيرات"))
_WARPLANES = frozenset(norm_phrase("مقاتلات المقاتلات مقاتلة طائرات الطائرات طائرة مروحيات المروحيات مروحية "
                                   "قاذفات القاذفات قاذفة مقاتلتين مقاتلتان طائرتين طائرتان مروحيتين مروحيتان"))


def _top(gid: str) -> str:
    g = load_groups().get(gid)
    return g.top_level if g else gid


_SOURCES = frozenset(norm_phrase("مصدر مصادر مسؤول متحدث قيادي قائد"))
_FIRED = tuple(norm_phrase("قصف أطلق استهدف"))  # (word beginnings: قصفت، أطلقوا)
_SOURCE_OF = frozenset(norm_phrase("في من باسم"))


def resolve_anaphora(text: str, words: list[Word], groups: list[GroupMention],
                     para_of_word: list[int], sent_of_word: list[int]) -> list[GroupMention]:
    """``groups`` (sorted by word index) with anaphors resolved: bare nouns that are also aliases
    ("التنظيم") may get another id; new mentions are added for pronoun and bare nouns."""
    lex = _lex()
    all_groups = load_groups()
    taken = {k for g in groups for k in range(g.i, g.j)}
    starts = sorted({g.i for g in groups})
    pos = [g.i for g in groups]

    def followed_by_group(j: int) -> bool:
        """"إرهابيي جبهة النصرة", "خلية تابعة لتنظيم داعش": the anaphor heads a named group."""
        k = bisect.bisect_left(starts, j)
        if k == len(starts) or starts[k] - j > _LOOKAHEAD:
            return False
        return all(words[x].norm in _LINK for x in range(j, starts[k]))

    def antecedents(i: int, min_para: int, resolved: bool = False):
        """Earlier real mentions, nearest first, not before paragraph ``min_para`` (``resolved``: a bare
        noun already resolved counts as what it points to)."""
        k = bisect.bisect_left(pos, i) - 1
        stop = max(-1, k - _MAX_BACK)
        while k > stop:
            g = groups[k]
            if para_of_word[g.i] < min_para:
                return
            if resolved:
                g = replaced.get(id(g), g)
            gg = all_groups.get(g.id)
            if gg is not None and not gg.target_only:
                yield g
            k -= 1

    out: list[GroupMention] = []
    replaced: dict[int, GroupMention] = {}
    # bare nouns (also those the alias lexicon already gave a default id)
    bare_found = lex.bare.find(text, words)
    bare_at = {m.i: m.j for m in bare_found}  # (another bare "التنظيم" names nothing: look past it to the name)
    for m in bare_found:
        if followed_by_group(m.j) or (m.i > 0 and words[m.i - 1].norm in ALLIANCE_WORDS):
            continue  # (or a gloss: "قوات سوريا الديمقراطية، تحالف فصائل كردية وعربية")
        rule = lex.rules[m.key]
        if rule.bare_only and m.j < len(words) and words[m.j].norm.startswith("ال") and words[m.j].norm not in (
                "التي", "الذي"):
            continue  # "الهيئة العامة للثورة السورية"، "الهيئة الإعلامية في الزبداني"
        # an alias inside the anaphor ("مسيرات الاحتلال" holds "الاحتلال") is the mention to re-resolve
        k0 = bisect.bisect_left(pos, m.i)
        own = groups[k0] if k0 < len(groups) and groups[k0].j <= m.j else None
        if own is None and any(k in taken for k in range(m.i, m.j)):
            continue  # part of a longer name ("الميليشيات الإيرانية")
        found = None
        for g in antecedents(m.i, 0, resolved=not rule.compatible):  # (a chain only for a name: "رئاسة الأركان")
            if g is own or (rule.compatible and g.j <= bare_at.get(g.i, -1)):
                continue  # (but "الميليشيات الإيرانية" is a name)
            after = words[g.j].norm if g.j < len(words) else ""
            before = words[g.i - 1].norm if g.i > 0 else ""  # "مرتزقة داعش ... المرتزقة"
            names = before + " " + " ".join(norm_phrase(g.text)) + " " + after
            if any(h in names for h in rule.heads) and (not rule.compatible or _top(g.id) in rule.compatible
                                                          or g.id in rule.compatible):
                found = g.id
                break
        if found is None:
            found = next((g.id for g in antecedents(m.i, 0) if g is not own and (
                g.id in rule.compatible or _top(g.id) in rule.compatible)), None)
        default = rule.default
        if found is None and rule.unless:
            told = " ".join(w.norm for w in words[:m.i])
            if any(u in told for u in rule.unless):
                default = None  # "وقالت هيئة الصحة ... أعلنت الهيئة": the body named before
        gid = found or (own.id if own is not None else default)
        if gid is None:
            continue
        if own is not None:
            replaced[id(own)] = GroupMention(gid, own.start, own.end, own.text, own.i, own.j)
        else:
            mention = GroupMention(gid, m.start, m.end, m.text, m.i, m.j)
            out.append(mention)
            taken.update(range(m.i, m.j))
    # reported speech: (verb word index, the group that speaks or None)
    speech: list[tuple[int, GroupMention | None]] = []
    sourced: set[int] = set()  # speech verbs whose speaker is "a source in" the group
    last_speaker: GroupMention | None = None
    for m in lex.speech.find(text, words):
        k = bisect.bisect_left(pos, m.j)
        g = groups[k] if k < len(groups) and groups[k].i - m.j <= 1 else None
        if g is None:  # "وأعلنت الوزارة ... أن وحداتها نفذت": a bare noun resolved above
            g = next((o for o in out if 0 <= o.i - m.j <= 1), None)
        if g is None and m.j + 2 < len(words) and words[m.j].norm in _SOURCES and words[m.j + 1].norm in _SOURCE_OF \
                and k < len(groups) and groups[k].i == m.j + 2:
            g = groups[k]  # "قال مصدر في "الفرقة الساحلية الأولى" إن مقاتليه": the source's own group
            sourced.add(m.i)
        if g is not None and all_groups.get(g.id) is not None and all_groups[g.id].target_only:
            g = None
        if g is None and last_speaker is not None and para_of_word[m.i] - para_of_word[last_speaker.i] <= 1:
            g = last_speaker  # "وأضافت ..." continues the last speaker
        last_speaker = g or last_speaker
        speech.append((m.i, g))
    speech_at = [v for v, _g in speech]
    # the attacker of each sentence: a group within a few words after an agent cue or attack verb
    agents: set[int] = set()
    for cls in ("perp_after", "attack_verbs"):
        for ci, cj in discourse.positions(cls, words, 0, len(words)):
            k = bisect.bisect_left(pos, cj)
            if k < len(groups) and groups[k].i - cj <= 4 and sent_of_word[groups[k].i] == sent_of_word[ci]:
                agents.add(k)
    agent_ids = {id(groups[k]) for k in agents}
    # possessive pronouns
    for i, w in enumerate(words):
        if i in taken:
            continue
        poss = _possessive(w.norm)
        if poss is None or text[w.end - 1] == "ة":
            continue  # (a possessed noun never takes a group after it: "مقاتليها بقصف تركي"; "برصاصة" is a bullet)
        want, victim = poss
        victim = victim or (i > 0 and lex.victim_cues.match_at(words, i - 1) is not None and not (
            i > 1 and words[i - 1].norm == "من" and words[i - 2].norm.lstrip("و") in lex.attackers_from))
        if victim and i > 1 and words[i - 1].norm == "من" and any(
                words[k].norm.lstrip("وب").startswith(_FIRED) for k in range(max(0, i - 6), i - 1)):
            victim = False  # "قصفت ميليشيات أسد بالمدفعية من مواقعها": where its own fire came from
        found = None
        k = bisect.bisect_left(speech_at, i) - 1
        spk = speech[k][1] if k >= 0 and sent_of_word[speech_at[k]] == sent_of_word[i] else None
        for g in antecedents(i, para_of_word[i] - _PRONOUN_PARAS):
            if spk is not None and g.i <= speech_at[k] + 1:
                break  # nothing agrees inside the quote: the speaker's own forces
            if victim and id(g) in agent_ids and sent_of_word[g.i] == sent_of_word[i]:
                continue  # "هجوم لخلايا التنظيم على مواقعهم": not the attacker's own positions
            if want == "any" or _gender(g, words) in (want, None):
                found = g
                break
        if found is None and spk is not None and (want == "any" or _gender(spk, words) in (want, None)
                                                  or speech_at[k] in sourced):  # (the pronoun agrees with "مصدر")
            found = spk
        if found is not None:
            out.append(GroupMention(found.id, w.start, w.end, text[w.start:w.end], i, i + 1))
    # "قالت إسرائيل إنها قصفت": the pronoun subject of an attack verb in the quote is the speaker
    verb_at = {i for i, _j in discourse.positions("attack_verbs", words, 0, len(words))}
    for i, w in enumerate(words):
        if w.norm in lex.subject_pronouns and i not in taken and (i + 1 in verb_at or i + 2 in verb_at):
            k = bisect.bisect_left(speech_at, i) - 1
            if k >= 0 and sent_of_word[speech_at[k]] == sent_of_word[i] and speech[k][1] is not None:
                spk = speech[k][1]
                out.append(GroupMention(spk.id, w.start, w.end, text[w.start:w.end], i, i + 1))
    # "اشتباكات ... بين الطرفين": the two sides last named, nearest first (the first one named leads)
    for i, w in enumerate(words):
        if w.norm in _BOTH_SIDES and i > 0 and words[i - 1].norm == "بين" and i not in taken:
            sides: list[GroupMention] = []
            for g in antecedents(i, para_of_word[i] - _PRONOUN_PARAS):
                if g.id != "civilians" and all(_top(g.id) != _top(x.id) for x in sides):
                    sides.append(g)
                if len(sides) == 2:
                    break
            if len(sides) == 2:
                out.extend(GroupMention(g.id, w.start, w.end, text[w.start:w.end], i, i + 1) for g in reversed(sides))
    merged = [replaced.get(id(g), g) for g in groups] + out
    merged.sort(key=lambda g: (g.i, g.j))
    return merged
