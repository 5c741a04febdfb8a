"""The dashboard in a real browser: `wiretrace dashboard` served, Debian's chromium driven by Playwright.

Screenshots of every page go to ``tests/artifacts/`` (git-ignored), or ``$WIRETRACE_SCREENSHOTS``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_000, SEED_001

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHART = '[data-testid="stVegaLiteChart"] svg.marks'
MAIN = '[data-testid="stMainBlockContainer"]'
# What each page shows once it has real content (not Streamlit's loading skeleton): (selector, at least).
# The overview is the default page, served at the root.
READY = {
    "overview": (CHART, 3),
    "story": ("mark.quote", 1),
    "outlet": (CHART, 1),
    "search": ('[data-testid="stDataFrame"] canvas', 1),
}

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian's chromium (apt-get install chromium)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wiretrace() -> list[str]:
    script = Path(sys.executable).with_name("wiretrace")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cli"]


@pytest.fixture()
def screenshots() -> Path:
    folder = Path(os.environ.get("WIRETRACE_SCREENSHOTS") or ROOT / "tests" / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _serve(db: Path) -> Iterator[str]:
    port = _free_port()
    log = db.with_name("dashboard.log")
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [*_wiretrace(), "dashboard", "--db", str(db), "--port", str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"wiretrace dashboard did not start:\n{log.read_text()}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture()
def seeds_dashboard(seeds_warehouse: Path) -> Iterator[str]:
    yield from _serve(seeds_warehouse)


@pytest.fixture()
def synthetic_dashboard(synthetic_warehouse: Path) -> Iterator[str]:
    yield from _serve(synthetic_warehouse)


def _capture(base: str, folder: Path, prefix: str) -> dict[str, str]:
    """Open every page, wait for its content, save a full-length screenshot; return each page's text."""
    from playwright.sync_api import sync_playwright

    texts = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for name, (selector, at_least) in READY.items():
                page.set_viewport_size({"width": 1400, "height": 1000})
                page.goto(f"{base}/{'' if name == 'overview' else name}")
                page.wait_for_function(
                    "([s, n]) => document.querySelectorAll(s).length >= n", arg=[selector, at_least], timeout=90_000
                )
                body = page.inner_text("body")
                assert page.locator('[data-testid="stException"]').count() == 0, body
                assert "Page not found" not in body, body
                # Streamlit scrolls inside its main block: grow the window to the content to capture all of it.
                height = page.evaluate(f"() => document.querySelector({MAIN!r}).getBoundingClientRect().height")
                page.set_viewport_size({"width": 1400, "height": int(min(height + 120, 8000))})
                page.wait_for_timeout(1000)
                page.screenshot(path=str(folder / f"{prefix}-{name}.png"), full_page=True)
                texts[name] = page.inner_text("body")
        finally:
            browser.close()
    print(f"screenshots in {folder}")
    return texts


def test_browser_shows_every_page_of_the_seeds(seeds_dashboard: str, screenshots: Path) -> None:
    texts = _capture(seeds_dashboard, screenshots, "seeds")
    assert "Reuters" in texts["overview"]  # the wire-share chart's axis
    story = texts["story"]
    assert "Moscow will work with President-elect Donald Trump" in story
    assert f"cited wire Reuters → root article {SEED_001}" in story
    assert SEED_000 in story and "4 shared quotes" in story
    assert "unknown" in texts["outlet"]
    for name in READY:
        assert (screenshots / f"seeds-{name}.png").stat().st_size > 10_000


def test_browser_shows_every_page_of_a_synthetic_warehouse(synthetic_dashboard: str, screenshots: Path) -> None:
    texts = _capture(synthetic_dashboard, screenshots, "synthetic")
    assert "Largest stories" in texts["overview"] and "Lineage" in texts["story"]
    assert "aligned sentences" in texts["story"]
