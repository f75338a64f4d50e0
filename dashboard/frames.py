"""Incidents fresh from extraction as rows shaped like ``Store.query_events`` (for the small map)."""

from __future__ import annotations

import pandas as pd

from extraction.schema import Article, Incident


def incidents_frame(article: Article, incidents: list[Incident]) -> pd.DataFrame:
    rows = []
    for inc in incidents:
        p, tg, loc = inc.perpetrator, inc.target, inc.location
        rows.append({
            "event_id": inc.id, "n_sources": 1, "event_date": inc.event_date, "date_precision": inc.date_precision,
            "attack_type": inc.attack_type,
            "perpetrator_id": p.id if p else None, "perpetrator_parent": p.parent if p else None,
            "perpetrator_text": p.text if p else None,
            "target_id": tg.id if tg else None, "target_parent": tg.parent if tg else None,
            "target_text": tg.text if tg else None,
            "location_name_ar": loc.name_ar if loc else None, "location_name_en": loc.name_en if loc else None,
            "location_text": loc.text if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "admin1": loc.admin1 if loc else None, "admin1_pcode": loc.admin1_pcode if loc else None,
            "precision": loc.precision if loc else None,
            "killed": inc.killed, "wounded": inc.wounded, "captured": inc.captured,
            "is_background": inc.is_background, "evidence_text": inc.evidence.text,
            "confidence": inc.confidence, "article_url": article.url, "article_title": article.title,
            "sources": [{"url": article.url, "title": article.title, "source": article.source}],
        })
    return pd.DataFrame(rows)
