"""Synthetic incidents for the dashboard's tests and benchmark (never shown to users).

Why: page tests and the 20,000-event benchmark need many well-formed incidents with known groups,
places and numbers, without running Stanza. They go through the real schema and the real store.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from extraction.groups import load_groups
from extraction.schema import Article, Evidence, GroupRef, Incident, Location, incident_id_for

# (name_ar, name_en, lat, lon, admin1, admin1_pcode): real towns, one or two per region.
PLACES = (
    ("البوكمال", "Abu Kamal", 34.453, 40.918, "Deir ez-Zor", "SY09"),
    ("الميادين", "Al Mayadin", 35.019, 40.452, "Deir ez-Zor", "SY09"),
    ("حلب", "Aleppo", 36.202, 37.134, "Aleppo", "SY02"),
    ("الرقة", "Ar-Raqqa", 35.950, 39.010, "Ar-Raqqa", "SY11"),
    ("إدلب", "Idleb", 35.930, 36.632, "Idleb", "SY07"),
    ("الحسكة", "Al-Hasakeh", 36.500, 40.747, "Al-Hasakeh", "SY08"),
    ("تدمر", "Tadmor", 34.560, 38.267, "Homs", "SY04"),
    ("درعا", "Dar'a", 32.625, 36.106, "Dar'a", "SY12"),
    ("دمشق", "Damascus", 33.513, 36.292, "Damascus", "SY01"),
    ("اللاذقية", "Lattakia", 35.523, 35.792, "Lattakia", "SY06"),
)
ATTACKS = (("ambush", "كمين"), ("ied", "انفجار عبوة ناسفة"), ("shelling", "قصف مدفعي"),
           ("drone_strike", "استهداف بطائرة مسيرة"), ("armed_clash", "اشتباكات"), ("airstrike", "غارات جوية"))


def group_ref(group_id: str, text: str | None = None) -> GroupRef:
    g = load_groups()[group_id]
    return GroupRef(id=g.id, parent=g.parent, name_en=g.name_en, name_ar=g.name_ar, text=text or g.name_ar)


def make_incident(article: Article, *, start: int, end: int, perpetrator: str | None, target: str | None,
                  place: tuple, event_date: str | None, attack_type: str = "ambush", killed: int | None = None,
                  wounded: int | None = None, captured: int | None = None, is_background: bool = False,
                  precision: int = 1) -> Incident:
    name_ar, name_en, lat, lon, admin1, pcode = place
    return Incident(
        id=incident_id_for(article.article_id, start, end), article_id=article.article_id,
        event_date=event_date, date_precision="day" if event_date else "unknown", attack_type=attack_type,
        perpetrator=group_ref(perpetrator) if perpetrator else None,
        target=group_ref(target) if target else None,
        location=Location(gazetteer_id=f"synthetic:{name_en}", name_ar=name_ar, name_en=name_en, text=name_ar,
                          lat=lat, lon=lon, admin1=admin1, admin1_pcode=pcode, precision=precision, kind="city"),
        killed=killed, wounded=wounded, captured=captured, is_background=is_background,
        evidence=Evidence(text=article.text[start:end], start=start, end=end), confidence=0.8,
    )


def synthetic_articles(n_incidents: int, seed: int = 7, per_article: int = 5,
                       start_day: date = date(2020, 1, 1)) -> list[tuple[Article, list[Incident]]]:
    """``n_incidents`` distinct incidents (distinct place/date/attack) spread over articles."""
    rng = random.Random(seed)
    perps = [g.id for g in load_groups().values() if not g.target_only]
    targets = [g.id for g in load_groups().values()]
    out: list[tuple[Article, list[Incident]]] = []
    made = 0
    a = 0
    while made < n_incidents:
        k = min(per_article, n_incidents - made)
        specs = []
        sentences = []
        for _ in range(k):
            place = PLACES[rng.randrange(len(PLACES))]
            attack, word = ATTACKS[rng.randrange(len(ATTACKS))]
            perp = rng.choice(perps)
            target = rng.choice(targets)
            killed = rng.choice([None, 0, 1, 2, 3, 5, 8, 13])
            day = start_day + timedelta(days=rng.randrange(900))
            jitter = (rng.uniform(-0.25, 0.25), rng.uniform(-0.25, 0.25))
            place = (place[0], place[1], place[2] + jitter[0], place[3] + jitter[1], place[4], place[5])
            sentence = (f"{word} نفذه {load_groups()[perp].name_ar} ضد {load_groups()[target].name_ar} "
                        f"قرب {place[0]}" + (f" أسفر عن مقتل {killed} عناصر" if killed else "") + f" (رقم {made}).")
            specs.append((perp, target, place, day.isoformat(), attack, killed))
            sentences.append(sentence)
            made += 1
        text = "\n".join(sentences)
        article = Article(text=text, title=f"تقرير تجريبي {a}", published=None, source="synthetic",
                          url=f"https://example.org/raqib/synthetic/{a}")
        incidents = []
        pos = 0
        for (perp, target, place, day, attack, killed), sentence in zip(specs, sentences, strict=True):
            incidents.append(make_incident(article, start=pos, end=pos + len(sentence), perpetrator=perp,
                                           target=target, place=place, event_date=day, attack_type=attack,
                                           killed=killed))
            pos += len(sentence) + 1
        out.append((article, incidents))
        a += 1
    return out


# ---- a small hand-made store with known groups, places, numbers and dates (tests, demos)

PLACE = {p[1]: p for p in PLACES}

# (perpetrator, target, place, date, attack, killed, wounded, background, evidence sentence)
SEED = (
    ("islamic_state", "liwa_al_quds", "Abu Kamal", "2021-03-09", "ambush", 4, 2, False,
     "قتل 4 عناصر من ميليشيا لواء القدس بكمين نفذه تنظيم داعش في بادية البوكمال."),
    ("fourth_division", "opposition", "Aleppo", "2021-03-20", "shelling", 1, None, False,
     "قصفت الفرقة الرابعة مواقع الفصائل في ريف حلب ما أدى لمقتل مدني."),
    ("sdf", "islamic_state", "Al-Hasakeh", "2021-04-02", "raid", None, None, False,
     "داهمت قوات سوريا الديمقراطية منازل في الحسكة واعتقلت عناصر من خلايا التنظيم."),
    ("liwa_al_quds", "islamic_state", "Tadmor", "2021-05-15", "armed_clash", 3, 5, False,
     "اشتباكات بين لواء القدس وخلايا داعش قرب تدمر أسفرت عن مقتل 3 عناصر."),
    ("russia", "hts", "Idleb", "2019-06-01", "airstrike", 12, None, True,
     "وسبق أن شن الطيران الروسي غارات على إدلب قتل فيها 12 شخصاً."),
)
SCRIPT_EVIDENCE = "هجوم <script>window.__pwned=1</script> و <img src=x onerror=\"window.__pwned=1\"> قرب دمشق."


def seed_store(path: str | Path, *, with_script: bool = False) -> dict[str, int]:
    """Create the store at ``path``: one article per seed incident (so each is its own event)."""
    from incidents.store import open_store

    store = open_store(path)
    rows = list(SEED)
    if with_script:
        rows.append(("hts", "syrian_government", "Damascus", "2021-06-01", "ied", 2, None, False, SCRIPT_EVIDENCE))
    try:
        for i, (perp, target, place, day, attack, killed, wounded, background, sentence) in enumerate(rows):
            text = f"خبر رقم {i}\n{sentence}"
            article = Article(text=text, title=f"خبر رقم {i}", published=day, source="test",
                              url=f"https://example.org/news/{i}")
            start = text.index(sentence)
            inc = make_incident(article, start=start, end=start + len(sentence), perpetrator=perp, target=target,
                                place=PLACE[place], event_date=day, attack_type=attack, killed=killed,
                                wounded=wounded, is_background=background)
            assert store.add_article(article, [inc])
        return store.counts()
    finally:
        store.close()
