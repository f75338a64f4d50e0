"""Article reading: every input format, every class of bad input, boilerplate and offset round-trips."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from extraction.boilerplate import classify_lines
from extraction.reader import (
    ArticleReadError,
    PublishedDateError,
    article_from_html,
    article_from_text,
    iter_article_file,
    parse_published,
    read_article_file,
)

ARTICLE_AR = (
    "هجوم على حاجز في ريف حمص\n\n"
    "هاجم مسلحون، ليلة أمس، حاجزا لقوات النظام في ريف حمص الشرقي ما أدى إلى مقتل عنصر.\n"
)


@pytest.fixture(scope="module")
def articles_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "articles"


def _content_lines(article) -> list[str]:
    return [article.text[s:e] for s, e in article.content_spans]


# --- seeds: boilerplate and offsets ------------------------------------------------------------

def test_seed_000_title_is_the_headline(seed_paths):
    article = read_article_file(seed_paths[0])[0]
    assert article.title == "داعش يهاجم إيران ويسيطر على مواقع لميليشياتها شرقي سوريا"
    lines = _content_lines(article)
    assert lines[0] == article.title
    assert "خاص - SY24" in lines  # a short dateline stays content
    assert not {"Facebook", "Twitter", "WhatsApp", "Telegram"} & set(lines)


def test_seed_002_follow_and_related_lines_are_not_content(seed_paths):
    article = read_article_file(seed_paths[2])[0]
    lines = _content_lines(article)
    assert article.title.startswith("بعد مهاجمتهم في دير الزور وحلب")
    assert not [ln for ln in lines if ln.startswith(("تابعنا على", "حسابنا على", "مجموعتنا على"))]
    assert not [ln for ln in lines if ln.startswith(("أخبار ذات صلة", "شاهد:"))]
    # the follow-us lines are still in the original text: nothing was cut out
    assert "تابعنا على الفيسبوك : أنا إنسان" in article.text
    assert any(ln.startswith("بلغت حصيلة الخسائر البشرية") for ln in lines)  # content kept


def test_seed_003_section_list_and_teaser_are_boilerplate(seed_paths):
    article = read_article_file(seed_paths[3])[0]
    lines = _content_lines(article)
    assert article.title.startswith("تنظيم داعش يشن هجوما جديدا")
    assert "أقسام" not in lines and "من سوريا" not in lines and "أخبار متعلقة" not in lines
    # the lead paragraph is there once: its "..." teaser copy is not content
    lead = "لقي عدد من عناصر المليشيات الموالية للنظام السوري مصرعهم"
    assert sum(ln.startswith(lead) for ln in lines) == 1
    reasons = {ln.text[:20]: ln.reason for ln in classify_lines(article.text) if not ln.is_content}
    assert "teaser" in reasons.values() and "list" in reasons.values()


def test_all_seeds_round_trip(seed_paths):
    assert len(seed_paths) == 5
    for path in seed_paths:
        raw = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        article = read_article_file(path, published="2021-03-09")[0]
        assert article.text == raw  # the original text, untouched
        assert article.published == "2021-03-09"
        assert article.path == str(path)
        prev_end = -1
        raw_lines = {ln.strip() for ln in raw.split("\n")}
        for s, e in article.content_spans:
            piece = article.text[s:e]
            assert piece == piece.strip() and piece in raw_lines and "\n" not in piece
            assert s > prev_end
            prev_end = e
        assert article.clean_text == "\n".join(_content_lines(article))
        assert len(article.article_id) == 64


# --- .txt ----------------------------------------------------------------------------------------

def test_txt_bom_and_crlf(articles_dir):
    article = read_article_file(articles_dir / "bom_crlf.txt", source="cli", url="https://x.test/1")[0]
    assert not article.text.startswith("\ufeff") and "\r" not in article.text
    assert article.title == "هجوم على حاجز في ريف حمص"
    assert _content_lines(article)[-1].startswith("هاجم مسلحون")  # "تابعنا على تلغرام" dropped
    assert (article.source, article.url, article.published) == ("cli", "https://x.test/1", None)


def test_empty_and_whitespace_files(tmp_path):
    for name, data in (("empty.txt", b""), ("blank.txt", "  \n\t\n \u00a0\n".encode())):
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(ArticleReadError, match="empty") as err:
            read_article_file(p)
        assert str(p) in str(err.value) and " — " in str(err.value)


def test_binary_file(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ArticleReadError, match="binary"):
        read_article_file(p)


def test_cp1256_file_says_convert_to_utf8(tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes(ARTICLE_AR.encode("cp1256"))
    with pytest.raises(ArticleReadError) as err:
        read_article_file(p)
    msg = str(err.value)
    assert msg.startswith(str(p)) and "UTF-8" in msg and "Windows-1256" in msg and "iconv" in msg


def test_non_arabic_text(articles_dir):
    with pytest.raises(ArticleReadError, match="no Arabic text"):
        read_article_file(articles_dir / "english.txt")


def test_boilerplate_only_text():
    with pytest.raises(ArticleReadError, match="boilerplate"):
        article_from_text("Facebook\nTwitter\nتابعنا على تلغرام\n")


def test_huge_file_refused_without_reading(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:  # a sparse 50 MB file: creating it costs nothing
        fh.truncate(50 * 1024 * 1024)
    t0 = time.perf_counter()
    with pytest.raises(ArticleReadError, match="too large") as err:
        read_article_file(p)
    elapsed = time.perf_counter() - t0
    assert "50.0 MB" in str(err.value) and "RAQIB_MAX_ARTICLE_BYTES" in str(err.value)
    print(f"50 MB file refused in {elapsed * 1000:.2f} ms")


def test_size_limit_configurable(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE_AR, encoding="utf-8")
    with pytest.raises(ArticleReadError, match="too large"):
        read_article_file(p, max_bytes=50)
    monkeypatch.setenv("RAQIB_MAX_ARTICLE_BYTES", "50")
    with pytest.raises(ArticleReadError, match="too large"):
        read_article_file(p)
    assert read_article_file(p, max_bytes=10_000)[0].title == "هجوم على حاجز في ريف حمص"


def test_missing_and_unsupported_files(tmp_path):
    with pytest.raises(ArticleReadError, match="no such file"):
        read_article_file(tmp_path / "nope.txt")
    odd = tmp_path / "a.docx"
    odd.write_bytes(b"PK")
    with pytest.raises(ArticleReadError, match="unsupported file type"):
        read_article_file(odd)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ArticleReadError, match="not a regular file"):
        read_article_file(folder)


# --- published ------------------------------------------------------------------------------------

def test_published_argument_wins_and_is_validated(articles_dir):
    a = read_article_file(articles_dir / "article_meta.html", published="2021-03-10")[0]
    assert a.published == "2021-03-10"  # the command line beats article:published_time
    a = read_article_file(articles_dir / "article.json", published=dt.date(2023, 1, 11))[0]
    assert a.published == "2023-01-11"
    for bad in ("09/03/2021", "2021-02-30", "yesterday", "2021-13-01"):
        with pytest.raises(PublishedDateError, match="publication date"):
            read_article_file(articles_dir / "bom_crlf.txt", published=bad)


def test_parse_published_forms():
    assert parse_published("2021-03-09") == "2021-03-09"
    assert parse_published(" 2021-3-9 ") == "2021-03-09"
    assert parse_published("2021-03-09T23:30:00+03:00") == "2021-03-09"  # date part as written
    assert parse_published("Tue, 09 Mar 2021 10:00:00 GMT") == "2021-03-09"
    assert parse_published(dt.datetime(2021, 3, 9, 22, 0)) == "2021-03-09"
    assert parse_published(None) is None
    with pytest.raises(PublishedDateError, match="implausible year"):
        parse_published("0021-03-09")


# --- .json / .jsonl ------------------------------------------------------------------------------

def test_json_object(articles_dir):
    [a] = read_article_file(articles_dir / "article.json")
    assert a.title == "هجوم بطائرة مسيرة في ريف إدلب"  # the record's title wins over the first line
    assert (a.published, a.source, a.url) == ("2023-01-10", "مصدر تجريبي", "https://example.org/news/2")
    assert "Facebook" not in a.clean_text and "مساء يوم أمس" in a.clean_text


def test_json_list_and_bad_json(tmp_path):
    p = tmp_path / "two.json"
    p.write_text(json.dumps([{"text": ARTICLE_AR}, {"text": ARTICLE_AR.replace("حمص", "حماة")}],
                            ensure_ascii=False), encoding="utf-8")
    assert [a.title for a in read_article_file(p)] == ["هجوم على حاجز في ريف حمص", "هجوم على حاجز في ريف حماة"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "نص', encoding="utf-8")
    with pytest.raises(ArticleReadError, match="not valid JSON"):
        read_article_file(bad)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"text": 42}', encoding="utf-8")
    with pytest.raises(ArticleReadError, match='"text" field is a int'):
        read_article_file(wrong)


def test_jsonl_bad_lines_are_named_and_skippable(articles_dir, caplog):
    path = articles_dir / "articles.jsonl"
    items = list(iter_article_file(path))
    good = [i for i in items if not isinstance(i, ArticleReadError)]
    bad = [i for i in items if isinstance(i, ArticleReadError)]
    assert [a.title for a in good] == ["اغتيال قيادي سابق في المعارضة بريف درعا", "قصف مدفعي على قرى جبل الزاوية"]
    assert good[0].published == "2022-05-01" and good[0].source == "مصدر أ"
    # a malformed date inside a record: the article is kept, its date is unknown, a warning is logged
    assert good[1].published is None
    assert "line 4" in caplog.text and "9 آذار 2021" in caplog.text
    assert [e.line for e in bad] == [2, 5, 6]
    assert str(bad[0]).startswith(f"{path} line 2: not valid JSON")
    assert "text" in bad[1].reason and "no Arabic text" in bad[2].reason
    with pytest.raises(ArticleReadError, match="line 2"):
        read_article_file(path)  # the strict reader stops at the first bad line
    # the command-line date applies to every record
    assert {a.published for a in iter_article_file(path, published="2024-01-02")
            if not isinstance(a, ArticleReadError)} == {"2024-01-02"}


def test_jsonl_oversized_line_is_skipped(tmp_path):
    p = tmp_path / "big.jsonl"
    rec = json.dumps({"text": ARTICLE_AR}, ensure_ascii=False)
    huge = json.dumps({"text": "ا" * 5000})
    p.write_text("\n".join([rec, huge, rec]) + "\n", encoding="utf-8")
    items = list(iter_article_file(p, max_bytes=2000))
    assert isinstance(items[1], ArticleReadError) and items[1].line == 2 and "longer than" in items[1].reason
    assert [isinstance(i, ArticleReadError) for i in items] == [False, True, False]


def test_jsonl_empty(tmp_path):
    p = tmp_path / "empty.jsonl"
    p.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ArticleReadError, match="no records"):
        read_article_file(p)


# --- .html -----------------------------------------------------------------------------------------

def test_html_meta_published_and_no_script(articles_dir):
    [a] = read_article_file(articles_dir / "article_meta.html")
    assert a.published == "2021-03-09"
    assert a.title == "مقتل ثلاثة عناصر من قوات النظام بهجوم لداعش في ريف دير الزور"
    assert (a.source, a.url) == ("موقع تجريبي", "https://example.org/news/1")
    assert "اليوم الثلاثاء" in a.text and "السبت الماضي" in a.text
    for junk in ("سكربت", "document", "var ", "color", "التنسيق", "الرئيسية", "تابعنا", "Facebook"):
        assert junk not in a.text
    for s, e in a.content_spans:
        assert a.text[s:e].strip() == a.text[s:e] and a.text[s:e]


def test_html_time_datetime(articles_dir):
    [a] = read_article_file(articles_dir / "article_time.html")
    assert a.published == "2020-11-05"
    assert a.title == "اشتباكات في ريف حلب"
    assert "فجر اليوم الخميس" in a.text


def test_html_json_ld(articles_dir):
    [a] = read_article_file(articles_dir / "article_jsonld.html")
    assert a.published == "2022-07-14"  # datePublished, not dateModified
    assert "صباح أمس الأربعاء" in a.text


def test_html_without_dates_has_none():
    html = ("<html><body><article><h1>قصف على ريف إدلب</h1><p>" + "قصفت قوات النظام قرى ريف إدلب الجنوبي. " * 5
            + "</p></article></body></html>")
    a = article_from_html(html)
    assert a.published is None  # never today's date


def test_html_soup_is_refused(articles_dir, tmp_path):
    with pytest.raises(ArticleReadError, match="no article text found"):
        read_article_file(articles_dir / "soup.html")
    junk = tmp_path / "junk.html"
    junk.write_bytes(b"<<<>>> ### \x01\x02 ]]>")
    with pytest.raises(ArticleReadError):
        read_article_file(junk)
    binary = tmp_path / "bin.html"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(ArticleReadError, match="binary"):
        read_article_file(binary)


def test_article_from_text_is_checked():
    a = article_from_text(ARTICLE_AR, published="2021-03-09", source="paste")
    assert a.title == "هجوم على حاجز في ريف حمص" and a.published == "2021-03-09" and a.path is None
    with pytest.raises(ArticleReadError, match="<text>: the article is empty"):
        article_from_text("   ")
    with pytest.raises(ArticleReadError, match="binary"):
        article_from_text("نص\x00عربي")


def test_html_in_windows_1256_with_meta_charset(tmp_path):
    body = "<p>" + "قصفت قوات النظام بالمدفعية الثقيلة قرى جبل الزاوية جنوبي إدلب، صباح اليوم. " * 3 + "</p>"
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
            '<title>قصف على جبل الزاوية</title></head><body><article><h1>قصف على جبل الزاوية</h1>'
            + body + "</article></body></html>")
    p = tmp_path / "old.html"
    p.write_bytes(html.encode("cp1256"))
    [a] = read_article_file(p)
    assert a.title == "قصف على جبل الزاوية" and "صباح اليوم" in a.text
