"""The rendered site in a real browser: images load, no console errors, findings shown, links work,
and article text holding <script> is shown as text, never run.

Skipped only where no Chromium or Chrome is installed; .ci/run installs Debian's chromium.
"""

import html
import urllib.request

import nbformat
import pytest
from nbclient import NotebookClient

from partnership import config
from partnership.report.findings import key_findings
from partnership.report.report_figures import processed_tables
from partnership.report.site import HIDDEN_INPUT_TAG, build_site, render_notebook
from tests.browser import find_browser, headless_page, serve
from tests.conftest import write_raw

BROWSER = find_browser()
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium or Chrome installed; .ci/run installs Debian's chromium so CI runs this")

IMAGES_LOADED = "[...document.images].map(i => i.complete && i.naturalWidth > 0)"
LINKS = "[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    build_site(folder)
    with serve(folder) as url, headless_page(BROWSER) as page:
        yield url, page, folder


def open_and_read(page, url: str) -> str:
    """Open a page afresh; check every image loaded; return the visible text."""
    page.errors.clear()
    page.open(url)
    loaded = page.evaluate(IMAGES_LOADED)
    assert loaded and all(loaded)
    return page.evaluate("document.body.innerText")


def test_index_shows_the_findings_with_its_figure_and_no_errors(site):
    url, page, _ = site
    text = open_and_read(page, url + "index.html")
    headline = key_findings(processed_tables())[0].split("**")[1]
    assert "Key findings" in text and headline in text
    assert page.evaluate("document.images[0].alt").startswith("Timeline chart")
    assert page.errors == []


def test_every_link_on_the_index_opens_a_page(site):
    url, page, folder = site
    page.open(url + "index.html")
    links = page.evaluate(LINKS)
    assert sorted(links) == sorted(p.name for p in folder.glob("0*.html"))
    for link in links:
        with urllib.request.urlopen(url + link, timeout=10) as response:
            assert response.status == 200


def test_narrative_page_shows_findings_and_figures_but_no_code(site):
    url, page, _ = site
    text = open_and_read(page, url + "06_narrative.html")
    assert "Key findings" in text and "findings_markdown" not in text and "processed_tables" not in text
    assert page.errors == []


def test_article_text_with_script_is_shown_as_text_and_never_runs(tmp_path):
    article = ('Kim met Putin. <script>window.__pwned = 1; console.error("ran")</script> '
               'He said <b>bold</b> things.\n')
    raw = write_raw(tmp_path / "raw", {"a.txt": article}, rows=[{"file": "a.txt"}])
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(
            "import html\nfrom IPython.display import Markdown, display\nfrom partnership.corpus import load_corpus\n"
            f"corpus = load_corpus({str(raw)!r})\n"
            "display(Markdown(html.escape(corpus.text('a'), quote=False)))\n"
            "corpus.sentences[['doc_id', 'text']]", metadata={"tags": [HIDDEN_INPUT_TAG]}),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    path = tmp_path / "escape.ipynb"
    nbformat.write(notebook, path)
    page_path = render_notebook(path, tmp_path / "html")
    with serve(page_path.parent) as url, headless_page(BROWSER) as page:
        page.open(url + page_path.name)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        text = page.evaluate("document.body.innerText")
        assert "<script>window.__pwned = 1;" in text and "<b>bold</b>" in text
        assert page.evaluate("document.querySelectorAll('b').length") == 0 or "bold" not in \
            page.evaluate("[...document.querySelectorAll('b')].map(b => b.innerText).join(' ')")
        assert page.errors == []
    assert html.escape("<script>") in page_path.read_text(encoding="utf-8")
