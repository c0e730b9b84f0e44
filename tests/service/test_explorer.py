"""The graph explorer and the source view in a real browser (headless Chromium, Debian's): search a
code, click a contested link, read the quotes of both sides, open the source text at the quote;
and document text that looks like markup stays text. A missing Chromium fails: CI installs it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, sync_playwright

from bundlekg import build
from tests.conftest import review_files
from tests.service.conftest import CHROMIUM, CHROMIUM_ARGS, serving

CONTESTED_EDGE = "62323 includes 77003"
QUOTE_003 = "CPT code 62323 specifically includes the use of imaging guidance"
QUOTE_000 = "When fluoroscopic guidance is used for spine injection procedures"


# The page over HTTP, without a browser.


def test_the_front_page_leads_to_the_explorer(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "explore"
    assert client.get("/").url.path == "/explore"


def test_the_explorer_page_has_a_strict_policy(client: TestClient) -> None:
    response = client.get("/explore")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.text  # no inline script: every script has a src
    for asset in ("explore.js", "explore.css", "cytoscape.min.js", "cytoscape-fcose.js"):
        assert f"explore/assets/{asset}" in response.text


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("explore.js", "text/javascript"),
        ("explore.css", "text/css"),
        ("cytoscape.min.js", "text/javascript"),
        ("layout-base.js", "text/javascript"),
        ("cose-base.js", "text/javascript"),
        ("cytoscape-fcose.js", "text/javascript"),
    ],
)
def test_assets_are_served(client: TestClient, name: str, media_type: str) -> None:
    response = client.get(f"/explore/assets/{name}")
    assert response.status_code == 200, name
    assert response.headers["content-type"].startswith(media_type)


@pytest.mark.parametrize("name", ["package.json", "..%2Fapp.py", "sparql-editor.js"])
def test_other_files_are_not(client: TestClient, name: str) -> None:
    assert client.get(f"/explore/assets/{name}").status_code == 404


def test_the_source_view_of_an_unknown_document_is_404(client: TestClient) -> None:
    assert client.get("/explore/source/003_37225522b298a619").status_code == 200
    assert client.get("/explore/source/no-such-document").status_code == 404


# In the browser.


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium package"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Watched:
    """A page whose script errors, dialogs and requests are recorded."""

    def __init__(self, browser: Browser) -> None:
        self.page: Page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def ready(self) -> None:
        self.page.wait_for_selector("body[data-state=ready]", timeout=30_000)

    def click_edge(self, edge_id: str) -> None:
        """Click a drawn edge where a person would: its middle, or the nearest point along it
        that no node or other edge covers (asked of Cytoscape's own hit test)."""
        point = self.page.evaluate(
            """id => {
                const cy = window.bundlekgExplorer.cy;
                const edge = cy.getElementById(id);
                const [a, m, b] = [edge.renderedSourceEndpoint(), edge.renderedMidpoint(),
                    edge.renderedTargetEndpoint()];
                const c = { x: 2 * m.x - (a.x + b.x) / 2, y: 2 * m.y - (a.y + b.y) / 2 };
                for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7]) {
                    const u = 1 - t;
                    const x = u * u * a.x + 2 * t * u * c.x + t * t * b.x;
                    const y = u * u * a.y + 2 * t * u * c.y + t * t * b.y;
                    const pan = cy.pan(), zoom = cy.zoom();
                    const hit = cy.renderer().findNearestElement(
                        (x - pan.x) / zoom, (y - pan.y) / zoom, true, false);
                    if (hit && hit.id() === id) return { x, y };
                }
                return null;
            }""",
            edge_id,
        )
        assert point is not None, f"no point of {edge_id} is free to click"
        box = self.page.locator("#graph").bounding_box()
        assert box is not None
        self.page.evaluate("() => { document.body.dataset.state = 'clicked'; }")
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        self.ready()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    page = Watched(browser)
    try:
        yield page
    finally:
        page.page.close()


def drawn(page: Page) -> Any:
    return page.evaluate(
        """() => {
            const cy = window.bundlekgExplorer.cy;
            return {
                nodes: cy.nodes().map(n => n.id()),
                edges: cy.edges().map(e => [e.id(), e.data('contested'), e.visible()]),
                positions: cy.nodes().map(n => [n.id(), n.position()]),
            };
        }"""
    )


def test_search_a_code_and_read_both_sides_of_a_contested_link(
    live_server: str, artifacts: Path, watched: Watched
) -> None:
    page = watched.page
    page.goto(f"{live_server}/explore")
    watched.ready()
    page.fill("#query", "62323")
    page.press("#query", "Enter")
    page.wait_for_function(
        "() => window.bundlekgExplorer.state.code === '62323' "
        "&& document.body.dataset.state === 'ready'",
        timeout=30_000,
    )
    graph = drawn(page)
    assert "77003" in graph["nodes"]
    edges = {edge_id: (contested, visible) for edge_id, contested, visible in graph["edges"]}
    assert edges[CONTESTED_EDGE] == (True, True)
    assert "62323" in page.locator("#panel h2").inner_text()

    watched.click_edge(CONTESTED_EDGE)
    panel = page.locator("#panel")
    assert panel.locator("h2").inner_text() == CONTESTED_EDGE
    assert "contested" in panel.locator(".badges").inner_text()
    assert panel.locator("article.quote[data-source='003_37225522b298a619']").count() > 0
    assert panel.locator("article.quote[data-source='000_438acad2e7e8b7ba']").count() > 0
    text = panel.inner_text()
    assert QUOTE_003 in text
    assert QUOTE_000 in text
    assert "Saying otherwise" in text
    page.screenshot(path=str(artifacts / "explorer-62323.png"), full_page=True)
    assert (artifacts / "explorer-62323.png").stat().st_size > 20_000

    # The quote's link opens the source text with the span marked.
    link = panel.locator("article.quote[data-claim='62323-includes-imaging-guidance'] a").first
    link.click()
    page.wait_for_url("**/explore/source/003_37225522b298a619?*")
    watched.ready()
    marked = "".join(page.locator("#source mark.target").all_inner_texts())
    assert QUOTE_003 in marked
    page.locator("#source mark.target").first.hover()
    assert page.locator("#claim-card").is_visible()
    assert "62323" in page.locator("#claim-card").inner_text()
    page.screenshot(path=str(artifacts / "explorer-source-003.png"), full_page=True)

    origin = urlsplit(live_server).netloc
    assert all(urlsplit(url).netloc == origin for url in watched.requests if "://" in url)
    assert watched.problems == []
    assert watched.dialogs == []


def test_the_layout_is_the_same_on_every_load(live_server: str, watched: Watched) -> None:
    page = watched.page
    positions = []
    for _ in range(2):
        page.goto(f"{live_server}/explore?code=62323&depth=1")
        watched.ready()
        positions.append(drawn(page)["positions"])
    assert positions[0] == positions[1]


def test_depth_draws_more(live_server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live_server}/explore?code=62323&depth=1")
    watched.ready()
    one = len(drawn(page)["nodes"])
    page.select_option("#depth", "2")
    page.wait_for_function("() => window.bundlekgExplorer.state.depth === 2", timeout=30_000)
    watched.ready()
    assert len(drawn(page)["nodes"]) > one
    assert "depth=2" in page.url
    assert watched.problems == []


def test_pair_mode_shows_the_verdict_and_its_evidence(
    live_server: str, artifacts: Path, watched: Watched
) -> None:
    page = watched.page
    page.goto(f"{live_server}/explore")
    watched.ready()
    page.fill("#pair-a", "62270")
    page.fill("#pair-b", "77003")
    page.evaluate("() => { document.body.dataset.state = 'clicked'; }")
    page.click("#pair button[type=submit]")
    page.wait_for_selector("#panel .verdict", timeout=30_000)
    watched.ready()
    panel = page.locator("#panel")
    assert panel.locator(".verdict").inner_text().startswith("NOT SEPARATELY REPORTABLE")
    assert "Chain of facts" in panel.inner_text()
    assert "62328" in panel.locator(".chain").inner_text()
    assert panel.locator("article.stance-supports").count() > 0
    highlighted = page.evaluate(
        "() => window.bundlekgExplorer.cy.elements('.path').map(e => e.id())"
    )
    assert {"62270", "62328", "77003"} <= set(highlighted)
    page.screenshot(path=str(artifacts / "explorer-pair.png"), full_page=True)
    assert watched.problems == []


def test_graph_questions_in_the_page(live_server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live_server}/explore")
    watched.ready()
    page.get_by_role("button", name="Most contested codes").click()
    page.wait_for_selector("#panel ol.ranked li")
    assert page.locator("#panel ol.ranked li").first.inner_text().startswith("62323")
    page.goto(f"{live_server}/explore")
    watched.ready()
    page.get_by_role("button", name="Codes with one weak source").click()
    page.wait_for_selector("#panel ul.ranked li")
    assert "62328" in page.locator("#panel ul.ranked").inner_text()
    assert watched.problems == []


# Document text that looks like markup.

SCRIPT = "<script>window.__bundlekgPwned = 1; alert('script')</script>"
IMAGE = "<img src=x onerror=\"window.__bundlekgPwned = 2; alert('img')\">"
EVIL_TITLE = "Evil <img src=y onerror=\"alert('title')\"> page"


@pytest.fixture(scope="module")
def evil_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a corpus whose document text, quotes and title hold markup."""
    corpus = tmp_path_factory.mktemp("evil-corpus")
    (corpus / "reviews").mkdir()
    text, review = review_files(
        "evil",
        [
            (
                "included",
                f"CPT code 62323 includes 77003 {SCRIPT} and nothing else.",
                [["62323", "includes", "77003"]],
            ),
            (
                "separate",
                f"Report 77003 separately with 62323 {IMAGE}.",
                [["77003", "separatelyReportableWith", "62323"]],
            ),
        ],
    )
    (corpus / "evil.txt").write_text(text, encoding="utf-8")
    (corpus / "reviews" / "evil.yaml").write_text(review, encoding="utf-8")
    (corpus / "manifest.csv").write_text(
        f'id,title,kind,url\nevil,"{EVIL_TITLE.replace(chr(34), chr(34) * 2)}",qa_forum,\n',
        encoding="utf-8",
    )
    store = tmp_path_factory.mktemp("evil-store")
    build(corpus, store)
    with serving(store) as url:
        yield url


def no_script_ran(watched: Watched) -> Callable[[], None]:
    def check() -> None:
        assert watched.page.evaluate("() => window.__bundlekgPwned === undefined")
        assert watched.dialogs == []
        assert watched.page.locator("#panel img, #source img, #panel script").count() == 0

    return check


def test_document_text_is_shown_as_text(
    evil_server: str, artifacts: Path, watched: Watched
) -> None:
    page = watched.page
    check = no_script_ran(watched)
    page.goto(f"{evil_server}/explore?code=62323")
    watched.ready()
    assert drawn(page)["edges"]
    assert EVIL_TITLE in page.evaluate(
        "() => window.bundlekgExplorer.cy.getElementById('source:evil').data('label')"
    )
    watched.click_edge(CONTESTED_EDGE)
    panel = page.locator("#panel")
    text = panel.inner_text()
    assert SCRIPT in text
    assert IMAGE in text
    assert EVIL_TITLE in text
    check()
    page.screenshot(path=str(artifacts / "explorer-escaped.png"), full_page=True)

    page.goto(f"{evil_server}/explore/source/evil?claim=separate")
    watched.ready()
    shown = page.locator("#source").inner_text()
    assert SCRIPT in shown and IMAGE in shown and EVIL_TITLE in shown
    assert IMAGE in page.locator("#source mark.target").inner_text()
    check()

    page.goto(f"{evil_server}/explore?a=62323&b=77003")
    page.wait_for_selector("#panel .verdict", timeout=30_000)
    watched.ready()
    assert SCRIPT in panel.inner_text()
    check()
