"""The dashboard in a real headless Chromium (Playwright driving Debian's chromium): the seed
article and the bundled example coded into one store; the US-China timeline shows the three
meetings (2022-11, 2023-06, 2024-04); clicking an event shows its sentence with the parties and
the predicate marked. A screenshot goes to artifacts/."""
from __future__ import annotations

from pathlib import Path

import pytest

from web_server import ARTIFACTS, chromium_path, serving

ROOT = Path(__file__).resolve().parents[1]
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[web-test]')")
CHROMIUM = chromium_path()
pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)")]


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, shared, coder):
    from sanderling.runner import code_inputs
    from sanderling.store import Store

    db = tmp_path_factory.mktemp("browser") / "seed.duckdb"
    with Store(db) as store:
        code_inputs([shared / "seed" / "article.txt"], published="2024-04-16", source_name="DW", store=store,
                    coder=coder, keep=False)
        code_inputs([ROOT / "examples" / "article.txt"], published="2025-03-10", store=store, coder=coder, keep=False)
    return db


@pytest.fixture(scope="module")
def page(seed_store):
    with serving(seed_store) as url, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # Vega logs its errors here
        # anything fetched from elsewhere than our server fails the test
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url)
                   else (errors.append("fetched " + route.request.url), route.abort()))
        page.errors = errors
        page.base = url
        yield page
        browser.close()


def test_us_china_timeline_and_one_event(page):
    page.goto(page.base + "/?a=USA&b=CHN")
    page.wait_for_function("window.sanderling && window.sanderling.ready", timeout=30000)
    assert page.text_content("#error") == ""
    months = set(page.evaluate("window.sanderling.data.timeline.map(r => r.month)"))
    assert {"2022-11", "2023-06", "2024-04"} <= months
    # the bars are drawn: one rect mark per (month, direction, quad class) row
    bars = page.locator("#timeline g.mark-rect path")
    assert bars.count() == len(page.evaluate("window.sanderling.data.timeline")) >= 3

    # a bar leads to its events: the table narrows to that month
    bars.first.click()
    page.wait_for_function("document.querySelector('#count').textContent.includes(' in 20')")
    picked = page.evaluate("window.sanderling.state.pick.pick_month")
    dates = page.locator("#events tbody tr td:first-child").all_text_contents()
    assert dates and all(d.startswith(picked) for d in dates)

    # an event row opens its sentence with the source, predicate and target marked
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#sentence mark.predicate")
    event = page.evaluate("window.sanderling.data.events[0]")
    assert page.text_content("#sentence") == event["sentence"]
    marks = {m.get_attribute("class"): m.text_content() for m in page.locator("#sentence mark").all()}
    assert "predicate" in marks and ("source" in marks or "target" in marks)
    assert page.locator("#statements li").count() >= 3  # the statements of the seed article
    assert "event=" in page.url and "a=USA" in page.url  # the view can be shared

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-dashboard.png"), full_page=True)
    assert page.errors == []


def test_the_url_restores_the_view(page):
    page.goto(page.base + "/?a=JPN&b=KOR&type=CONSULT")
    page.wait_for_function("window.sanderling && window.sanderling.ready", timeout=30000)
    assert page.input_value("#filters input[name=a]") == "JPN"
    assert page.input_value("#filters select[name=type]") == "CONSULT"
    types = set(page.locator("#events tbody tr td:nth-child(2)").all_text_contents())
    assert types == {"CONSULT"}
    assert page.errors == []
