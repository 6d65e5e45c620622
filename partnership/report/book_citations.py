"""Sphinx extension: every citation ``LABEL sN`` in the book becomes a link to its sentence.

Findings, narrative, captions and tables write citations as plain text (``003 s17``, see
``findings.cite``), so the README keeps them plain; here, once Sphinx has resolved a page,
each citation whose article and sentence exist is replaced by a link to
``articles/<doc_id>.html#sN``, where the article page highlights the sentence (CSS ``:target``).
Markdown output arrives as text nodes; tables (pandas HTML) arrive as raw HTML, where only the
text between tags is touched. The article pages themselves are left alone.
"""

import html
import re
from pathlib import Path

import pandas as pd
from docutils import nodes

from partnership import config
from partnership.report.wording import short_ids

ARTICLES = "articles"
_SKIP_INSIDE = (nodes.reference, nodes.literal, nodes.literal_block, nodes.title, nodes.raw, nodes.FixedTextElement)


class Citations:
    """The labels and sentences of one corpus, and how to find citations of them in text."""

    def __init__(self, processed_dir):
        processed = Path(processed_dir)
        sentences = pd.read_csv(processed / "sentences.csv", dtype=str, keep_default_na=False)
        documents = pd.read_csv(processed / "documents.csv", dtype=str, keep_default_na=False)
        self.doc_of = {label: doc for doc, label in short_ids(documents["doc_id"]).items()}
        self.sentences = set(zip(sentences["doc_id"], sentences["sent_id"].astype(int)))
        labels = sorted(self.doc_of, key=len, reverse=True)  # longest first: '003_x' before '003'
        self.pattern = re.compile(r"(?<![\w/#-])(" + "|".join(map(re.escape, labels)) + r") s(\d+)(?!\w)") \
            if labels else None

    def target(self, label: str, sent: str) -> tuple[str, str] | None:
        doc = self.doc_of.get(label)
        return (doc, f"s{int(sent)}") if doc and (doc, int(sent)) in self.sentences else None

    def split(self, text: str):
        """Pieces of ``text``: plain strings and (citation text, doc_id, anchor) triples."""
        if self.pattern is None:
            yield text
            return
        last = 0
        for match in self.pattern.finditer(text):
            found = self.target(match.group(1), match.group(2))
            if found is None:
                continue
            if match.start() > last:
                yield text[last:match.start()]
            yield (match.group(0), *found)
            last = match.end()
        if last < len(text):
            yield text[last:]


def link_text_nodes(doctree, citations: Citations, uri_of) -> int:
    """Replace citations in text nodes with reference nodes; return how many were linked."""
    linked = 0
    for text in list(doctree.findall(nodes.Text)):
        if any(isinstance(a, _SKIP_INSIDE) for a in _ancestors(text)):
            continue
        pieces = list(citations.split(text.astext()))
        if len(pieces) == 1 and isinstance(pieces[0], str):
            continue
        new = []
        for piece in pieces:
            if isinstance(piece, str):
                new.append(nodes.Text(piece))
            else:
                label, doc, anchor = piece
                new.append(nodes.reference(label, label, refuri=f"{uri_of(doc)}#{anchor}", internal=True,
                                           classes=["citation-link"]))
                linked += 1
        text.parent.replace(text, new)
    return linked


def link_raw_html(markup: str, citations: Citations, uri_of) -> str:
    """Citations in the text between tags of an HTML fragment, outside links, scripts and styles."""
    out, depth = [], 0
    for part in re.split(r"(<[^>]*>)", markup):
        if part.startswith("<"):
            tag = re.match(r"</?\s*([a-zA-Z]+)", part)
            if tag and tag.group(1).lower() in ("a", "script", "style"):
                depth += -1 if part.startswith("</") else 1
            out.append(part)
        elif depth > 0 or not part:
            out.append(part)
        else:
            pieces = list(citations.split(html.unescape(part)))
            if len(pieces) == 1 and isinstance(pieces[0], str):
                out.append(part)
                continue
            for piece in pieces:
                if isinstance(piece, str):
                    out.append(html.escape(piece, quote=False))
                else:
                    label, doc, anchor = piece
                    out.append(f'<a class="citation-link reference" href="{html.escape(uri_of(doc))}#{anchor}">'
                               f"{html.escape(label)}</a>")
    return "".join(out)


def _ancestors(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _on_doctree_resolved(app, doctree, docname):
    if docname.startswith(ARTICLES + "/"):
        return
    citations = app.partnership_citations

    def uri_of(doc):
        return app.builder.get_relative_uri(docname, f"{ARTICLES}/{doc}")

    link_text_nodes(doctree, citations, uri_of)
    for raw in doctree.findall(nodes.raw):
        if "html" in raw.get("format", "").split() and citations.pattern and citations.pattern.search(raw.astext()):
            raw.replace(raw.children[0], nodes.Text(link_raw_html(raw.astext(), citations, uri_of)))


def _on_builder_inited(app):
    app.partnership_citations = Citations(app.config.partnership_processed_dir)


def setup(app):
    app.add_config_value("partnership_processed_dir", str(config.PROCESSED_DIR), "env")
    app.connect("builder-inited", _on_builder_inited)
    app.connect("doctree-resolved", _on_doctree_resolved)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
