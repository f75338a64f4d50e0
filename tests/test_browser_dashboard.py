"""The dashboard in a real browser: Debian's chromium driven by Playwright, headless and offline.

`streamlit run app.py` serves a seeded store; the map (inside streamlit-folium's iframe) must draw
every group's markers from the locally served Leaflet, show the Arabic evidence in a popup, and
show article text that contains HTML as text, never run it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.synthetic import SCRIPT_EVIDENCE, seed_store

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]


def _need_chromium() -> None:
    if os.environ.get("RAQIB_SKIP_BROWSER") == "1":
        pytest.skip("RAQIB_SKIP_BROWSER=1")
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium with "
                    "`apt-get update && apt-get install -y chromium chromium-driver` "
                    "(or set RAQIB_SKIP_BROWSER=1 to skip the browser tests)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_chromium()
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "browser.db"
    seed_store(db, with_script=True)
    port = _free_port()
    env = {**os.environ, "RAQIB_DB": str(db), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    log = open(tmp / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.enableStaticServing", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            break
    else:
        proc.kill()
        pytest.fail(f"streamlit did not start on {url}; log: {(tmp / 'streamlit.log').read_text()[-2000:]}")
    if proc.poll() is not None:
        pytest.fail(f"streamlit exited: {(tmp / 'streamlit.log').read_text()[-2000:]}")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _map_frame(page, timeout_ms: int = 60_000):
    """The streamlit-folium iframe, once it has drawn a marker (found through the iframe element:
    Playwright does not always list this sandboxed frame in ``page.frames`` right away)."""
    iframe = page.wait_for_selector("iframe[src*='st_folium']", timeout=timeout_ms)
    frame = iframe.content_frame()
    assert frame is not None, "the map iframe has no document"
    frame.wait_for_selector("path.raqib-marker, .raqib-cluster", timeout=timeout_ms)
    return frame


def _pwned_anywhere(page) -> list[str]:
    frames = list(page.frames)
    for el in page.query_selector_all("iframe"):
        f = el.content_frame()
        if f is not None and f not in frames:
            frames.append(f)
    hit = []
    for f in frames:
        try:
            if f.evaluate("() => typeof window.__pwned !== 'undefined'"):
                hit.append(f.url)
        except Exception:  # noqa: BLE001 - detached frame
            pass
    return hit


def test_map_draws_each_group_and_popup_shows_arabic_evidence(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(server) and
            not r.url.startswith(("data:", "blob:", "about:")) else None)
    page.goto(server + "/", wait_until="domcontentloaded")
    frame = _map_frame(page)
    page.wait_for_timeout(800)
    expected = {"islamic_state": 1, "syrian_government": 2, "sdf": 1, "hts": 1}
    for gid, n in expected.items():
        assert len(frame.query_selector_all(f"path.raqib-g-{gid}")) == n, gid
    assert not frame.query_selector_all("path.raqib-g-russia")     # background incident hidden by default
    legend = frame.inner_text(".raqib-legend")
    assert "Islamic State (1)" in legend and "Syrian government forces (2)" in legend
    assert frame.query_selector_all("path.leaflet-interactive")      # the governorate background drew

    frame.query_selector("path.raqib-g-islamic_state").dispatch_event("click")
    popup = frame.wait_for_selector(".leaflet-popup-content .raqib-evidence", timeout=10_000)
    assert popup.get_attribute("dir") == "rtl"
    assert "بكمين نفذه تنظيم داعش في بادية البوكمال" in popup.inner_text()
    content = frame.inner_text(".leaflet-popup-content")
    assert "2021-03-09" in content and "Killed: 4" in content and "Wounded: 2" in content
    assert "Islamic State" in content and "Liwa al-Quds" in content
    page.wait_for_timeout(400)  # let the popup finish fading in
    shot = tmp_path / "map.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    # Offline: nothing but our own server was asked for (no CDN, no tiles by default).
    assert not external, external
    page.close()


def test_html_in_article_text_is_shown_never_run(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server + "/", wait_until="domcontentloaded")
    frame = _map_frame(page)
    assert _pwned_anywhere(page) == []
    frame.query_selector("path.raqib-g-hts").dispatch_event("click")
    popup = frame.wait_for_selector(".leaflet-popup-content .raqib-evidence", timeout=10_000)
    assert popup.inner_text().strip() == SCRIPT_EVIDENCE
    assert not frame.query_selector_all(".leaflet-popup-content img, .leaflet-popup-content script")

    # The Analyze page: pasted text with a script and an img onerror is shown as text.
    page.goto(server + "/analyze", wait_until="domcontentloaded")
    area = page.wait_for_selector("textarea", timeout=60_000)
    text = ("قتل 3 عناصر من قوات النظام بهجوم لتنظيم داعش في بادية الميادين بريف دير الزور.\n"
            "<script>window.__pwned=1</script>\n<img src=x onerror=\"window.__pwned=1\">")
    area.fill(text)
    area.press("Control+Enter")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Analyze").click()
    shown = page.wait_for_selector(".raqib-article", timeout=120_000)
    body = shown.inner_text()
    assert "<script>window.__pwned=1</script>" in body
    assert '<img src=x onerror="window.__pwned=1">' in body
    page.wait_for_timeout(1000)
    assert _pwned_anywhere(page) == []
    page.screenshot(path=str(tmp_path / "analyze.png"), full_page=True)
    page.close()
