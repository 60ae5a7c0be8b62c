"""The dashboard page: offline, and its query-string filters checked in headless Chromium."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from closure_extractor.cli import main
from closure_extractor.extract.register import Register
from closure_extractor.extract.register_html import dashboard_entries

FIXTURE = Path(__file__).parent / "fixtures" / "register"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dashboard")
    page = folder / "dashboard.html"
    argv = ["track", str(FIXTURE / "batch.jsonl"), "--from-batch", "--articles", str(FIXTURE / "articles.jsonl")]
    assert main([*argv, "--db", str(folder / "r.sqlite"), "--html", str(page)]) == 0
    return page


def test_the_page_is_one_offline_file_with_each_entry_and_its_evidence(dashboard):
    page = dashboard.read_text(encoding="utf-8")
    assert "<script src" not in page and "<link" not in page  # CSS and JS are inline
    with Register.open(dashboard.parent / "r.sqlite") as register:
        entries = dashboard_entries(register.db)
    serang = next(e for e in entries if e["articles"] == ["s1", "s2", "s3"])
    assert [r["kind"] for r in serang["reports"]] == ["closure", "closure", "extension"]
    assert serang["reports"][0]["url"] == "https://example.org/s1"
    assert "ditutup sementara mulai Senin (16/11)" in serang["reports"][0]["evidence"][0]


def rendered(page: Path, query: str) -> str:
    """The DOM after the page's script ran, as headless Chromium dumps it."""
    command = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", f"{page.as_uri()}?{query}"]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


@pytest.mark.skipif(BROWSER is None, reason="no chromium binary (apt-get install chromium)")
@pytest.mark.parametrize(
    ("query", "rows"),
    [
        ("", 5),
        ("province=Banten", 3),
        ("province=Banten&type=dinas%20sosial", 1),
        ("reason=covid_policy", 1),
        ("province=DKI%20Jakarta&from=2020-12-01&to=2021-12-31", 1),
        ("from=2020-11-19", 2),  # Disdukcapil Kota Serang (to 20/11) and the open-ended PN closure of 2021
    ],
)
def test_query_string_filters_show_the_matching_rows_in_headless_chromium(dashboard, query, rows):
    dom = rendered(dashboard, query)
    assert f'data-rows="{rows}"' in dom
    assert len(re.findall(r'<tr class="entry" data-id="C[0-9a-f]+"', dom)) == rows
    assert "<svg" in dom and "open closures per week" in dom
