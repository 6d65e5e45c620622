"""The rendered book (`make html`): built offline and fast, nothing fetched from outside, alt text on
every figure, code hidden in the report, every citation a link to its sentence, article text escaped;
then the same in a real browser (Playwright driving the system's chromium): pages load without
errors or outside requests, citations land on a highlighted sentence, search finds "Kursk", and an
article holding <script> shows it as text.

The browser tests skip only where no chromium is installed; .ci/run installs Debian's chromium.
"""

import re
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from partnership import config
from partnership.build import build
from partnership.report.book import build_book, with_alt_text
from partnership.report.book_pages import article_page, write_source_pages
from partnership.report.findings import findings_markdown
from partnership.report.wording import short_ids
from partnership.report.report_figures import processed_tables
from tests.browser import Watched, chromium, find_browser, serve
from tests.conftest import write_raw

BROWSER = find_browser()
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="no chromium installed; .ci/run installs Debian's chromium so CI runs this")
CITATION = re.compile(r"(?<![\w/#-])(\S+) s(\d+)(?!\w)")
HIGHLIGHT = (0xFF, 0xF3, 0xB0)  # the :target background in book/_static/partnership.css
SCRIPT_ARTICLE = ('Kim met Putin in Vladivostok. <script>window.__pwned = 1; console.error("ran")</script> '
                  'He said <b>bold</b> things & more.\n')


class Tags(HTMLParser):
    """Every start tag of a page, as (tag, attributes)."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    html = tmp_path_factory.mktemp("book") / "html"
    started = time.monotonic()
    build_book(html)
    return html, time.monotonic() - started


def pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)


def test_the_book_builds_offline_in_under_30_seconds_with_every_page(book):
    html, seconds = book
    assert seconds < 30
    documents = processed_tables()["documents"]
    built = {p.relative_to(html).as_posix() for p in pages(html)}
    notebooks = {f"notebooks/{p.stem}.html" for p in config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")}
    articles = {f"articles/{d}.html" for d in documents["doc_id"]}
    assert notebooks | articles | {"articles/index.html", "events.html", "registry.html", "search.html",
                                   "course_outline.html"} <= built
    assert "06_narrative.html" in (html / "index.html").read_text(encoding="utf-8")  # the report comes first


def test_no_page_asks_for_anything_outside_the_site(book):
    html, _ = book
    outside = []
    for page in pages(html):
        for tag, attrs in Tags(page.read_text(encoding="utf-8")).tags:
            url = attrs.get("src") if tag in ("script", "img", "iframe", "source") else \
                attrs.get("href") if tag == "link" else None
            if url and re.match(r"^(https?:)?//", url):
                outside.append((page.name, tag, url))
    assert outside == []


def test_every_figure_has_its_alt_text(book):
    html, _ = book
    alt = pd.read_csv(config.FIGURE_ALT_TEXT_FILE, dtype=str, keep_default_na=False)
    images = [(page.name, attrs.get("alt", "")) for page in pages(html)
              for tag, attrs in Tags(page.read_text(encoding="utf-8")).tags if tag == "img"]
    assert len(images) >= len(alt)
    assert [name for name, text in images if not text.strip()] == []
    charts = {text for name, text in images if name == "05_charts.html"}
    assert set(alt.loc[alt["figure"] != "articles_timeline", "alt_text"]) <= charts


def test_code_is_hidden_in_the_report_and_shown_in_the_method(book):
    html, _ = book
    report = (html / "notebooks" / "06_narrative.html").read_text(encoding="utf-8")
    charts = (html / "notebooks" / "05_charts.html").read_text(encoding="utf-8")
    assert "findings_markdown" not in report and "Key findings" in report
    shown = [c for c in nbformat.read(config.NOTEBOOKS_DIR / "06_narrative.ipynb", as_version=4).cells
             if c.cell_type == "code" and "remove-input" not in c.metadata.get("tags", [])]
    assert report.count('class="cell_input') == len(shown)
    assert charts.count('class="cell_input') > 0 and '<span class="n">draw</span>' in charts


def test_the_teachers_part_holds_the_outline_and_the_solutions_collapsed(book):
    html, _ = book
    solutions = (html / "notebooks" / "09_solutions.html").read_text(encoding="utf-8")
    hidden = [c for c in nbformat.read(config.NOTEBOOKS_DIR / "09_solutions.ipynb", as_version=4).cells
              if c.cell_type == "code" and "hide-cell" in c.metadata.get("tags", [])]
    assert hidden and solutions.count("tag_hide-cell") == len(hidden)  # each behind a toggle
    assert "sd-dropdown" in solutions  # "what a good answer contains", closed
    outline = (html / "course_outline.html").read_text(encoding="utf-8")
    assert 'href="notebooks/09_solutions.html"' in outline
    assert 'href="../course_outline.html"' in solutions  # the notebook's link into book/ lands on the page
    assert "For teachers" in (html / "notebooks" / "06_narrative.html").read_text(encoding="utf-8")  # in the sidebar


def test_every_citation_in_the_findings_links_to_its_sentence(book):
    html, _ = book
    tables = processed_tables()
    labels = short_ids(tables["documents"]["doc_id"])
    doc_of = {label: doc for doc, label in labels.items()}
    cited = {(doc_of[m.group(1)], m.group(2)) for m in CITATION.finditer(findings_markdown(tables))
             if m.group(1) in doc_of}
    assert cited
    report = (html / "notebooks" / "06_narrative.html").read_text(encoding="utf-8")
    links = {(a["href"], a.get("class", "")) for tag, a in Tags(report).tags if tag == "a" and "href" in a}
    hrefs = {href for href, classes in links if "citation-link" in classes}
    for doc, sent in cited:
        assert f"../articles/{doc}.html#s{sent}" in hrefs
        assert f'id="s{sent}"' in (html / "articles" / f"{doc}.html").read_text(encoding="utf-8")


def test_article_pages_escape_the_text_and_are_deterministic(tmp_path):
    doc = {"doc_id": "x_1", "title": "<i>Title</i> *star*", "published": "", "file": "x_1.txt"}
    sentences = pd.DataFrame({"doc_id": ["x_1"], "sent_id": ["1"], "paragraph": ["1"], "start": ["0"],
                              "end": [str(len(SCRIPT_ARTICLE) - 1)], "text": [SCRIPT_ARTICLE.strip()]})
    empty = pd.DataFrame()
    page = article_page(doc, "x", {"sentences": sentences, "claims": empty, "quantities": empty,
                                   "timexes": empty, "mentions": empty}, set())
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>" not in page
    assert "<i>" not in page and r"\<i\>Title\</i\> \*star\*" in page
    first = [p.read_bytes() for p in write_source_pages(tmp_path / "a", config.PROCESSED_DIR,
                                                         config.CODEBOOK_DIR / "entities.csv")]
    second = [p.read_bytes() for p in write_source_pages(tmp_path / "b", config.PROCESSED_DIR,
                                                          config.CODEBOOK_DIR / "entities.csv")]
    assert first == second


def test_a_figure_gets_the_alt_text_of_the_caption_it_shows():
    png = {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}
    cells = [nbformat.v4.new_code_cell(outputs=[
                 nbformat.v4.new_output("display_data", {"text/markdown": "*Figure: Ten events, two phases.*"}),
                 nbformat.v4.new_output("display_data", png)]),
             nbformat.v4.new_code_cell(outputs=[
                 nbformat.v4.new_output("display_data", {"text/markdown": "*A chart for this page only.*"}),
                 nbformat.v4.new_output("display_data", png)]),
             nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data", png)])]
    notebook = nbformat.v4.new_notebook(cells=cells)
    assert with_alt_text(notebook, {"Ten events, two phases.": "Timeline of ten events."}) == [2]
    alts = [c.metadata.get("mystnb", {}).get("image", {}).get("alt") for c in notebook.cells]
    assert alts == ["Timeline of ten events.", "A chart for this page only.", None]


# In a real browser

@pytest.fixture(scope="module")
def browser():
    with chromium(BROWSER) as running:
        yield running


@pytest.fixture(scope="module")
def served(book):
    with serve(book[0]) as url:
        yield url


def outside(requests: list[str], url: str) -> list[str]:
    return [r for r in requests if not r.startswith((url, "data:", "blob:", "about:"))]


@needs_browser
def test_every_page_loads_with_no_error_no_outside_request_and_every_image_with_alt(book, browser, served):
    html, _ = book
    tab = Watched(browser)
    try:
        for path in pages(html):
            page = tab.open(served + path.relative_to(html).as_posix())
            images = page.eval_on_selector_all(
                "img", "imgs => imgs.map(i => [i.complete && i.naturalWidth > 0, i.alt.trim().length > 0])")
            assert (path.name, tab.errors, outside(tab.requests, served)) == (path.name, [], [])
            assert all(loaded and has_alt for loaded, has_alt in images), path.name
    finally:
        tab.close()


@needs_browser
def test_every_citation_lands_on_a_highlighted_sentence(book, browser, served):
    tab = Watched(browser, viewport={"width": 1280, "height": 800})
    try:
        page = tab.open(served + "notebooks/06_narrative.html")
        hrefs = sorted(set(page.eval_on_selector_all("a.citation-link", "links => links.map(a => a.href)")))
        assert hrefs
        # Follow the first by a click, as a reader would, and look at the screen.
        page.click("a.citation-link >> nth=0")
        page.wait_for_load_state("load")
        box = page.locator(":target").bounding_box()
        assert box and 0 <= box["y"] < 800 and box["height"] > 0  # in view, not under the header
        assert _has_colour(page.screenshot(), box, HIGHLIGHT)
        for href in hrefs:
            page = tab.open(href)
            target = page.evaluate("""() => {
                const t = document.querySelector(':target');
                const other = [...document.querySelectorAll('.sentence')].find(s => s !== t);
                const bg = e => getComputedStyle(e).backgroundColor;
                return t && [t.id, t.classList.contains('sentence'), bg(t), other ? bg(other) : null];
            }""")
            assert target, href
            anchor, is_sentence, marked, plain = target
            assert href.endswith("#" + anchor) and is_sentence and marked != plain, href
            assert tab.errors == []
    finally:
        tab.close()


def _has_colour(png: bytes, box: dict, colour: tuple[int, int, int]) -> bool:
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    crop = image.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["width"]), int(box["y"] + box["height"])))
    return any(abs(r - colour[0]) + abs(g - colour[1]) + abs(b - colour[2]) < 12
               for _, (r, g, b) in crop.getcolors(maxcolors=crop.width * crop.height))


@needs_browser
def test_the_book_opens_from_disk(book, browser):
    html, _ = book
    tab = Watched(browser)
    try:
        page = tab.open((html / "index.html").as_uri())
        page.wait_for_url("**/notebooks/06_narrative.html")  # the report comes first
        page.click("a.citation-link >> nth=0")
        page.wait_for_load_state("load")
        assert page.evaluate("document.querySelector(':target').classList.contains('sentence')")
        assert tab.errors == [] and [r for r in tab.requests if not r.startswith(("file:", "data:"))] == []
    finally:
        tab.close()


@needs_browser
def test_search_finds_kursk(browser, served):
    tab = Watched(browser)
    try:
        page = tab.open(served + "search.html?q=Kursk")
        page.wait_for_selector("#search-results ul.search li", timeout=15000)
        found = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
        assert any("articles/" in link or "notebooks/" in link for link in found)
        assert tab.errors == [] and outside(tab.requests, served) == []
    finally:
        tab.close()


@needs_browser
def test_the_events_page_filters_its_table_and_links_every_citation(book, browser, served):
    events = processed_tables()["events"]
    tab = Watched(browser)
    try:
        page = tab.open(served + "events.html")
        assert page.locator("#events-table tbody tr:not([hidden])").count() == len(events)
        kind = events["type"].value_counts().index[0]  # the commonest type, shown in words ("summit or talks")
        page.fill("input.table-filter", kind.replace("_", " "))
        shown = page.locator("#events-table tbody tr:not([hidden])")
        assert (events["type"] == kind).sum() <= shown.count() <= len(events)
        assert all(all(w in row.lower() for w in kind.split("_")) for row in shown.all_inner_texts())
        assert page.inner_text(".table-filter-count") == f"{shown.count()} of {len(events)} rows shown"
        page.fill("input.table-filter", "no-such-word-anywhere")
        assert shown.count() == 0
        assert page.locator("#events-table a.citation-link").count() > 0
        assert tab.errors == [] and outside(tab.requests, served) == []
    finally:
        tab.close()


@needs_browser
def test_an_article_holding_a_script_shows_it_as_text_and_never_runs_it(tmp_path, browser):
    raw = write_raw(tmp_path / "raw", {"a.txt": SCRIPT_ARTICLE}, rows=[{"file": "a.txt"}])
    build(raw, tmp_path / "processed")
    build_book(tmp_path / "html", processed_dir=tmp_path / "processed")
    with serve(tmp_path / "html") as url:
        tab = Watched(browser)
        try:
            page = tab.open(url + "articles/a.html")
            assert page.evaluate("typeof window.__pwned") == "undefined"
            text = page.inner_text(".article-text")
            assert '<script>window.__pwned = 1; console.error("ran")</script>' in text and "<b>bold</b>" in text
            assert page.locator(".article-text b").count() == 0
            assert tab.errors == []
        finally:
            tab.close()


def test_article_pages_show_codes_in_words():
    from partnership.report.book_pages import MOD_WORDS, plain_value
    assert [plain_value(v) for v in ("P17M", "P1M", "PT3H", "PRESENT_REF", "2024-06", "XXXX-09-10")] == \
        ["17 months", "1 month", "3 hours", "now", "2024-06", "XXXX-09-10"]
    modifiers = pd.read_csv(config.CODEBOOK_DIR / "modifiers.csv", dtype=str, keep_default_na=False)
    assert set(modifiers["mod"]) <= set(MOD_WORDS)  # every code a modifier row can give has its words
