"""End to end in a real Chromium: queue -> claim -> contradicting match -> verdict -> CSV.

Runs `streamlit run app.py` on a free localhost port over a fresh SQLite file
with the sample data, and drives it with playwright's sync API. Chromium is
the Debian package (/usr/bin/chromium, installed by .ci/run): `playwright
install` downloads browsers and cannot work on these machines.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from claims import drafts
from claims.ingest import ingest_paths
from db.engine import open_database
from tests.conftest import PASSWORD, ROOT, SAMPLE_DATA, add_test_accounts

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CLAIM = "Police said about 800 residents"
CLAIM_TEXT = "about 800 residents"  # its claim text, without the frame "Police said": what is marked
RATIONALE = "Police count 800 evacuated; the mayor's 1,200 is contradicted by the police figure."
ADDED = " Checked with the police log."
MORE = " Page 4 of the log."
OTHER_CLAIM = "City authorities evacuated 1,200 residents"
EARLIER = "Typed before the reload"
LATER = " and after it."


def _until(done: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for something the browser causes on the server (a draft sent after a reload)."""
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    msg = "Chromium is not installed: `sudo apt-get install -y chromium` (Debian/Ubuntu) or run .ci/run"
    if os.environ.get("CI"):
        pytest.fail(msg)
    pytest.skip(msg)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(sqlite_url: str, tmp_path: Path) -> Iterator[str]:
    _need_chromium()
    db = open_database(sqlite_url)
    summary = ingest_paths(db, [SAMPLE_DATA])
    assert summary.count("errors") == 0
    add_test_accounts(db)
    db.dispose()
    port = _free_port()
    log = (tmp_path / "streamlit.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--", "--db", sqlite_url],  # the app's own --db, as README shows (no env var)
        cwd=ROOT, env={k: v for k, v in os.environ.items() if k != "CLAIMS_DATABASE_URL"},
        stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("streamlit did not start:\n" + (tmp_path / "streamlit.log").read_text()[-3000:])
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _signed_in_elsewhere(browser: Any, url: str, name: str) -> Any:
    """Another browser window opening `url`, signed in as `name` (the page then shows `url`)."""
    other = browser.new_page(viewport={"width": 1440, "height": 1200})
    other.set_default_timeout(20_000)
    other.goto(url)
    other.wait_for_selector(IDLE)
    other.get_by_label("Name", exact=True).fill(name)
    other.get_by_label("Password", exact=True).fill(PASSWORD)
    other.get_by_role("button", name="Sign in").click()
    other.wait_for_timeout(250)
    other.wait_for_selector(IDLE)
    return other


def test_review_flow_in_chromium(server: str, sqlite_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    db = open_database(sqlite_url)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1200}, accept_downloads=True)
            page.set_default_timeout(20_000)

            def settle() -> None:
                page.wait_for_timeout(250)  # let a rerun start before waiting for its end
                page.wait_for_selector(IDLE)

            # Sign in; a reload keeps the session (the signed token is in a cookie).
            page.goto(f"{server}/")  # the queue is the default page
            page.wait_for_selector(IDLE)
            page.get_by_label("Name", exact=True).fill("ana")
            page.get_by_label("Password", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            settle()
            expect(page.get_by_text("Signed in as ana")).to_be_visible()
            page.reload()
            page.wait_for_selector(IDLE)
            expect(page.get_by_text("Signed in as ana")).to_be_visible()

            # Queue: narrow it to one claim with the text filter (the filters fold into a summary line).
            expect(page.get_by_role("heading", name="Claim queue")).to_be_visible()
            page.get_by_text("Filters", exact=True).click()
            page.get_by_label("Claim text contains").fill("800 residents")
            page.get_by_label("Claim text contains").press("Enter")
            settle()
            expect(page.get_by_text(re.compile(r"— 1 claim · by status"))).to_be_visible()  # one matching claim
            page.screenshot(path=str(tmp_path / "queue.png"), full_page=True)

            def open_the_claim() -> None:
                page.get_by_test_id("stDataFrame").click(position={"x": 18, "y": 48})  # the first row's box
                page.wait_for_url("**/claim?id=*")
                settle()

            # Sort it, open it, then the browser's Back: the filter and the sort are still there
            # (they live in the URL). A click on a cell of the row opens the claim.
            page.locator("[data-testid='stSelectbox']").filter(has_text="Sort by").click()
            page.get_by_role("option", name="Oldest", exact=True).click()
            settle()
            grid = page.get_by_test_id("stDataFrame")
            page.wait_for_timeout(500)  # the grid draws its canvas after the run
            # as a hand does: the pointer comes over the cell, then clicks (the grid reads the
            # cell under the pointer from its moves)
            grid.hover(position={"x": 140, "y": 45})
            page.wait_for_timeout(300)
            grid.click(position={"x": 150, "y": 48})  # the claim's text
            page.wait_for_url("**/claim?id=*text=800+residents*")
            settle()
            expect(page.locator("mark", has_text=CLAIM_TEXT).first).to_be_visible()
            page.go_back()
            page.wait_for_url("**/?*text=800+residents*")
            settle()
            expect(page.get_by_text("Showing: text “800 residents” — 1 claim")).to_be_visible()
            assert "sort=oldest" in page.url
            expect(page.get_by_label("Sort by")).to_have_value("Oldest")
            open_the_claim()

            # Claim: its paragraph, and a contradicting match with the differing figure marked.
            expect(page.locator("mark", has_text=CLAIM_TEXT).first).to_be_visible()
            contra = page.locator(".cd-badge.cd-contradicts").first
            expect(contra).to_be_visible()
            match = page.locator(".cd-text", has_text="evacuated 1,200 residents").first
            expect(match).to_be_visible()
            expect(match.locator("mark.cd-diff").first).to_be_visible()

            # Verdict with rationale.
            page.locator("[data-testid='stSelectbox']").filter(has_text="Verdict").click()
            page.get_by_role("option", name="False", exact=True).click()
            # Typed, not yet sent (the cursor never left the box), then a reload: the words are back,
            # and sent, so the server keeps them as the draft.
            page.get_by_label("Rationale").fill(RATIONALE)
            page.reload()
            page.wait_for_selector(IDLE)
            expect(page.get_by_label("Rationale")).to_have_value(RATIONALE)
            cid = int(re.search(r"id=(\d+)", page.url).group(1))
            _until(lambda: drafts.load(db, cid, reviewer="ana").get(drafts.RATIONALE) == RATIONALE)
            # A second reviewer opening the same claim sees that ana holds it (no double work).
            other = _signed_in_elsewhere(browser, page.url, "rita")
            expect(other.get_by_text(re.compile(r"ana is reviewing this claim \(held until \d\d:\d\d UTC\)"))).to_be_visible()
            expect(other.get_by_role("button", name="Take over")).to_be_visible()
            other.close()
            # Open the whole article, come back: the rationale is still there.
            page.get_by_role("button", name="Open the whole article").click()
            dialog = page.get_by_role("dialog")
            expect(dialog.locator("mark", has_text=CLAIM_TEXT).first).to_be_visible()  # the claim, highlighted
            page.keyboard.press("Escape")
            expect(dialog).to_be_hidden()
            settle()
            expect(page.get_by_label("Rationale")).to_have_value(RATIONALE)
            page.get_by_role("button", name="Save verdict", exact=True).click()
            settle()
            expect(page.get_by_text("Saved: False (reviewed).")).to_be_visible()
            expect(page.get_by_text("status reviewed").first).to_be_visible()
            page.screenshot(path=str(tmp_path / "claim.png"), full_page=False)

            # A viewer signed in elsewhere reads the claim but cannot save a verdict.
            viewer = _signed_in_elsewhere(browser, page.url, "vic")
            expect(viewer.get_by_text("Signed in as vic")).to_be_visible()
            expect(viewer.locator("mark", has_text=CLAIM_TEXT).first).to_be_visible()
            expect(viewer.get_by_role("button", name="Save verdict", exact=True)).to_be_disabled()
            expect(viewer.get_by_text("As a viewer you can read this claim but not change its verdict.")).to_be_visible()
            expect(viewer.get_by_label("Rationale")).to_be_disabled()  # read-only before anything is typed
            viewer.close()

            # A link clicked while typing goes where it points, and the words typed are kept.
            page.get_by_label("Rationale").click()
            page.keyboard.press("Control+End")  # the end of the text, not of a wrapped line
            page.keyboard.type(ADDED)
            page.get_by_role("link", name="Back to the queue").click()
            page.wait_for_url("**/?*text=800+residents*")
            settle()
            page.go_back()
            page.wait_for_url("**/claim?id=*")
            settle()
            expect(page.get_by_label("Rationale")).to_have_value(RATIONALE + ADDED)

            # Words typed and saved with Alt+S ("Save and next") while the cursor is still in the
            # box are saved, not lost (the box's value is sent before the shortcut runs).
            page.get_by_label("Rationale").click()
            page.keyboard.press("Control+End")  # the end of the text, not of a wrapped line
            page.keyboard.type(MORE)
            page.keyboard.press("Alt+s")
            settle()
            # saved as a new version (the toast may be gone by now on a slow machine); the CSV
            # below has the words added
            expect(page.get_by_text(re.compile(r"status reviewed · verdict False · reviewer ana · .*version 3"))).to_be_visible()

            # Report: the CSV has the verdict.
            page.goto(f"{server}/report")
            page.wait_for_selector(IDLE)
            with page.expect_download() as info:
                page.get_by_role("button", name="Download the CSV report").click()
            rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))

            # Words typed before a reload whose copy was not put back yet when the box was entered
            # (the box was clicked before the page's script ran): typing there adds to them.
            other_id = next(r["claim_id"] for r in rows if r["claim"].startswith(OTHER_CLAIM))
            page.goto(f"{server}/claim?id={other_id}")
            page.wait_for_selector(IDLE)
            page.get_by_label("Rationale").click()
            page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify({v: v, t: Date.now()}))",
                          [f"cd:typed:ana:verdict_rationale_{other_id}", EARLIER])
            page.keyboard.type(LATER)
            page.keyboard.press("Tab")  # leaving the box sends it
            _until(lambda: drafts.load(db, int(other_id), reviewer="ana").get(drafts.RATIONALE) == EARLIER + LATER)
            page.reload()
            page.wait_for_selector(IDLE)
            expect(page.get_by_label("Rationale")).to_have_value(EARLIER + LATER)
        finally:
            browser.close()
            db.dispose()

    row = next(r for r in rows if r["claim"].startswith(CLAIM))
    assert (row["verdict"], row["rationale"], row["reviewer"], row["status"]) == ("False", RATIONALE + ADDED + MORE, "ana", "reviewed")
    assert (tmp_path / "queue.png").stat().st_size > 10_000
    assert (tmp_path / "claim.png").stat().st_size > 10_000
    if os.environ.get("UPDATE_DOCS_SCREENSHOT") == "1":
        shutil.copyfile(tmp_path / "claim.png", ROOT / "docs" / "claim_page.png")


QUEUE_COLUMNS = ["#", "claim", "speaker", "outlet", "stated", "status", "verdict", "contra.", "assigned", "reviewer", "worth"]


def test_compact_queue_and_search_into_the_source_in_chromium(server: str, tmp_path: Path) -> None:
    """At 1440x900 the queue shows every key column without horizontal scrolling and more than
    10 rows; a search runs on Enter and a hit opens its source at the statement, highlighted
    and scrolled into view, with the way back to the same hits."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.set_default_timeout(20_000)

            def settle() -> None:
                page.wait_for_timeout(250)
                page.wait_for_selector(IDLE)

            page.goto(f"{server}/")
            page.wait_for_selector(IDLE)
            page.get_by_label("Name", exact=True).fill("ana")
            page.get_by_label("Password", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            settle()
            expect(page.get_by_role("heading", name="Claim queue")).to_be_visible()
            grid = page.get_by_test_id("stDataFrame")
            expect(grid).to_be_visible()
            page.wait_for_timeout(500)  # the grid draws its canvas after the run
            page.screenshot(path=str(tmp_path / "queue_1440.png"))
            # The grid's accessible table lists the columns it shows (glide virtualises: a column
            # scrolled out of the grid is not listed); all of them, with no horizontal overflow.
            headers = grid.locator("th").all_text_contents()
            assert headers == QUEUE_COLUMNS
            scroll = page.evaluate("() => { const s = document.querySelector('[data-testid=stDataFrame] .dvn-scroller');"
                                   " return [s.scrollWidth, s.clientWidth]; }")
            assert scroll[0] <= scroll[1], scroll
            box = grid.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1440  # outlet's header is on screen
            rows_on_screen = (900 - box["y"] - 32) // 32  # a 32 px header, rows of 32 px
            assert rows_on_screen > 10, box

            # Search on Enter (a one-line field), with each hit's date and a link into its source.
            page.goto(f"{server}/search")
            page.wait_for_selector(IDLE)
            field = page.get_by_label("Text or a pasted statement (Enter searches)")
            field.fill("evacuated 1,200 residents")
            field.press("Enter")
            settle()
            hit = page.locator(".cd-text", has_text="1,200 residents").first
            expect(hit).to_be_visible()
            expect(page.get_by_text(re.compile(r"stated \d\d \w{3} 2026")).first).to_be_visible()
            page.get_by_role("link", name="Read it in its source").first.click()
            page.wait_for_url("**/sources?*statement=*")
            settle()
            focus = page.locator("mark#cd-focus")
            expect(focus).to_contain_text("1,200")
            expect(focus).to_be_in_viewport()  # scrolled to, not left at the top of the article
            page.screenshot(path=str(tmp_path / "source_focus.png"))
            page.get_by_role("link", name="Back to the search").click()
            page.wait_for_url("**/search?q=*")
            settle()
            expect(page.get_by_label("Text or a pasted statement (Enter searches)")).to_have_value("evacuated 1,200 residents")
            expect(page.locator(".cd-text", has_text="1,200 residents").first).to_be_visible()
        finally:
            browser.close()
    if os.environ.get("KEEP_SCREENSHOTS"):
        for name in ("queue_1440.png", "source_focus.png"):
            shutil.copyfile(tmp_path / name, Path(os.environ["KEEP_SCREENSHOTS"]) / name)
