"""The query editor in a real browser: headless Chromium loads /sparql, runs a query in YASGUI and
shows the answer in the results table. A missing Chromium fails the test: CI installs it."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Request, sync_playwright

from bundlekg import KnowledgeGraph
from tests.service.conftest import CHROMIUM, CHROMIUM_ARGS

BK = "https://w3id.org/bundlekg/ontology#"
COUNT_CLAIMS = f"PREFIX bk: <{BK}>\nSELECT (COUNT(?claim) AS ?claims) WHERE {{ ?claim a bk:Claim }}"


def claim_count(kg: KnowledgeGraph) -> int:
    rows = kg.query(COUNT_CLAIMS)
    assert isinstance(rows, list)
    return int(rows[0]["claims"].value)


def test_query_editor_runs_a_query(live_server: str, artifacts: Path, kg: KnowledgeGraph) -> None:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium package"
    examples = sorted(
        p.name.removesuffix(".rq")
        for p in files("bundlekg.queries").iterdir()
        if p.name.endswith(".rq") and p.name != "claims_per_source.rq"
    )
    requests: list[Request] = []
    problems: list[str] = []

    def sent(request: Request) -> None:
        requests.append(request)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", sent)
            page.on("console", console)
            page.on("pageerror", lambda error: problems.append(str(error)))
            response = page.goto(f"{live_server}/sparql")
            assert response is not None and response.status == 200
            assert response.headers["content-type"].startswith("text/html")
            assert "text/html" in response.request.all_headers()["accept"]

            page.wait_for_selector(".yasgui .tabsList .tab", timeout=30_000)
            tab_names = page.locator(".yasgui .tabsList .tab").all_inner_texts()
            shown = [re.sub(r"\s*✖\s*$", "", name).strip() for name in tab_names]
            assert shown[0] == "claims_per_source"
            assert shown[1:] == examples
            assert page.locator(".yasqe .CodeMirror").first.is_visible()

            page.evaluate("query => { window.yasgui.getTab().setQuery(query); }", COUNT_CLAIMS)
            page.locator(".yasqe_queryButton").first.click()
            page.wait_for_selector(".yasr .yasr_response_chip:has-text('1 result')", timeout=30_000)
            table = page.locator(".yasr table.dataTable")
            assert "claims" in table.locator("thead").inner_text()
            cell = table.locator("tbody tr").first.inner_text()
            assert f'"{claim_count(kg)}"' in cell, cell
            page.screenshot(path=str(artifacts / "query-editor.png"), full_page=True)
        finally:
            browser.close()

    origin = urlsplit(live_server).netloc
    elsewhere = [
        r.url
        for r in requests
        if urlsplit(r.url).scheme.startswith("http") and urlsplit(r.url).netloc != origin
    ]
    assert elsewhere == [], "the editor must not reach outside the endpoint"
    posted = [r for r in requests if r.method == "POST" and r.url == f"{live_server}/sparql"]
    assert posted and "query=" in (posted[-1].post_data or "")
    assert problems == []
    assert (artifacts / "query-editor.png").stat().st_size > 10_000
