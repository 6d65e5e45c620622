"""The book's generated pages: one per article, an index of the articles, the entity registry.

Each article page shows the text sentence by sentence, each sentence an anchor (``#s17``) that a
citation lands on, and marks what the rules found in it: names (linked to their registry entry),
dates and quantities (with their normalised values) and the cues of attributed statements (with
speaker and stance, also listed in a table). Every piece of article or codebook text is escaped
before it enters the page, so text holding ``<script>`` is shown as text and never runs.
Pages are functions of data/processed and the registry only: the same tables give the same bytes.
"""

import html
import re
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from partnership.annotate.timexes import DURATION_VALUE
from partnership.codebook import load_columns
from partnership.events.coding import assign_phases, load_event_types
from partnership.report.wording import short_ids

ARTICLES = "articles"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&$:])")


def md_escape(text: str) -> str:
    """Plain text for a Markdown line: every punctuation mark that Markdown could read, escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _listed(cell: str, sep: str = ", ") -> str:
    """'a | b' or 'a|b' (a list in one CSV cell) as 'a, b'."""
    return sep.join(part.strip() for part in str(cell).split("|") if part.strip())


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _read(folder: Path, name: str) -> pd.DataFrame:
    path = Path(folder) / f"{name}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame()


def _raw_html(markup: str) -> str:
    return "```{raw} html\n" + markup + "\n```\n"


# a TIMEX3 or quantity code in the words a reader of an article page reads (the tables keep the codes)
MOD_WORDS = {"MORE_THAN": "more than", "EQUAL_OR_MORE": "at least", "LESS_THAN": "less than",
             "EQUAL_OR_LESS": "at most", "APPROX": "about", "START": "early", "MID": "mid", "END": "late",
             "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "by", "ON_OR_AFTER": "from"}
DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "TH": "hour", "TM": "minute"}


def plain_value(value: str) -> str:
    """A timex value as words where its code is no date ("P17M" -> "17 months", "PRESENT_REF" -> "now");
    a calendar value stays as it is written (2024-06, XXXX-09-10)."""
    found = DURATION_VALUE.fullmatch(value)
    if found:
        time, number, unit = found.groups()
        noun = DURATION_UNITS[(time + unit) if time else unit]
        return f"{number} {noun}{'' if number == '1' else 's'}"
    return {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}.get(value, value)


def _marks(doc_id: str, tables: dict[str, pd.DataFrame], registry_ids: set[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, opening tag, closing tag) for every annotation of one article, none overlapping:
    claim cues, then quantities, dates and names; a later mark overlapping an earlier one is dropped
    (it is still listed in the tables under the text)."""
    marks = []

    def rows(name):
        table = tables[name]
        return table[table["doc_id"] == doc_id].itertuples() if len(table) else []

    for r in rows("claims"):
        hedged = ", hedged: " + _listed(r.hedge_cues) if r.hedged == "True" else ""
        title = f"statement by {r.speaker_text or r.speaker_id or 'unnamed'} ({r.stance}{hedged})"
        marks.append((int(r.cue_start), int(r.cue_end), f'<span class="claim-cue" title="{_e(title)}">',
                      f'<span class="norm">[{_e(r.stance)}]</span></span>'))
    for r in rows("quantities"):
        value = f"{MOD_WORDS.get(r.mod, r.mod)} " if r.mod else ""
        value += f"{float(r.value):,.0f} {r.unit}" if r.value else r.unit
        marks.append((int(r.start), int(r.end), f'<span class="quantity" title="{_e(r.kind)}">',
                      f'<span class="norm">[{_e(value)}]</span></span>'))
    for r in rows("timexes"):
        marks.append((int(r.start), int(r.end), f'<span class="timex" title="{_e(r.type)} {_e(r.granularity)}">',
                      f'<span class="norm">[{_e(plain_value(r.value) if r.value else "no value")}]</span></span>'))
    for r in rows("mentions"):
        if r.entity_id in registry_ids:
            opening = (f'<span class="mention"><a href="../registry.html#e-{quote(r.entity_id)}" '
                       f'title="{_e(r.entity_id)} ({_e(r.type)})">')
            marks.append((int(r.start), int(r.end), opening, "</a></span>"))
    chosen, taken = [], []
    for mark in marks:
        if all(mark[1] <= s or mark[0] >= e for s, e in taken):
            chosen.append(mark)
            taken.append((mark[0], mark[1]))
    return sorted(chosen)


def marked_sentence(text: str, start: int, marks) -> str:
    """One sentence's text, escaped, with the marks that lie inside it."""
    out, at = [], 0
    for s, e, opening, closing in marks:
        s, e = s - start, e - start
        if s < at or e > len(text):
            continue
        out += [_e(text[at:s]), opening, _e(text[s:e]), closing]
        at = e
    out.append(_e(text[at:]))
    return "".join(out)


def article_page(doc: dict, label: str, tables: dict[str, pd.DataFrame], registry_ids: set[str]) -> str:
    doc_id = doc["doc_id"]
    sentences = tables["sentences"]
    sentences = sentences[sentences["doc_id"] == doc_id].assign(n=lambda t: t["sent_id"].astype(int)).sort_values("n")
    marks = _marks(doc_id, tables, registry_ids)
    published = doc.get("published") or "undated"
    precision = f" (dated to the {doc['date_precision']})" if doc.get("date_precision") else ""
    facts = [("Article", f"{label} ({doc_id}), file data/raw/{doc.get('file', '')}"),
             ("Published", published + precision),
             ("Date evidence", _listed(doc.get("date_evidence", ""), "; ") or "none recorded"),
             ("Date reasoning", doc.get("date_note", "")), ("Source", doc.get("outlet_note", "")),
             ("Genre", doc.get("genre", "")),
             ("Size", f"{doc.get('n_sentences', '')} sentences, {doc.get('n_words', '')} words")]
    head = "<dl class=\"article-facts\">\n" + "\n".join(
        f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts if v) + "\n</dl>"
    legend = ('<p class="article-legend">Names link to the <a href="../registry.html">registry</a>; '
              '<span class="timex">dates</span> and <span class="quantity">quantities</span> show their '
              'normalised value in brackets (a date as year-month-day, X where the text does not fix it); '
              '<span class="claim-cue">cues</span> of attributed statements '
              'show the stance (hover for the speaker). The small number before each sentence is its '
              'citation: <em>' + _e(label) + ' s1</em> is sentence 1.</p>')
    paragraphs = []
    for _, group in sentences.groupby(sentences["paragraph"].astype(int), sort=True):
        spans = [f'<span class="sentence" id="s{r.n}"><a class="sent-no" href="#s{r.n}">{r.n}</a>'
                 f"{marked_sentence(r.text, int(r.start), marks)}</span>" for r in group.itertuples()]
        paragraphs.append("<p>" + " ".join(spans) + "</p>")
    body = '<div class="article-text">\n' + "\n".join(paragraphs) + "\n</div>"
    claims = tables["claims"]
    claims = claims[claims["doc_id"] == doc_id] if len(claims) else claims
    parts = [f"# {md_escape(label)}: {md_escape(doc.get('title') or doc_id)}\n", _raw_html(head + "\n" + legend),
             "## Text\n", _raw_html(body)]
    if len(claims):
        rows = "\n".join(
            f'<tr><td><a href="#s{int(r.sent_id)}">s{int(r.sent_id)}</a></td><td>{_e(r.speaker_text or "(unnamed)")}</td>'
            f"<td>{_e(r.speaker_country)}</td><td>{_e(r.cue)}</td><td>{_e(r.stance)}</td>"
            f"<td>{_e(_listed(r.hedge_cues) if r.hedged == 'True' else '')}</td></tr>"
            for r in claims.assign(n=claims["sent_id"].astype(int)).sort_values(["n", "cue_start"]).itertuples())
        parts += ["## Attributed statements\n", _raw_html(
            '<table class="table"><thead><tr><th>sentence</th><th>speaker</th><th>country</th><th>cue</th>'
            f"<th>stance</th><th>hedged by</th></tr></thead><tbody>\n{rows}\n</tbody></table>")]
    return "\n".join(parts)


def registry_page(registry: pd.DataFrame) -> str:
    rows = "\n".join(
        f'<tr class="registry-entry" id="e-{_e(r.entity_id)}"><td><code>{_e(r.entity_id)}</code></td>'
        f"<td>{_e(r.name)}</td><td>{_e(r.type)}</td><td>{_e(r.country)}</td><td>{_e(r.role)}</td>"
        f"<td>{_e(_listed(r.aliases))}</td></tr>"
        for r in registry.sort_values("entity_id").itertuples())
    columns = load_columns()
    types = columns[(columns["table"] == "entities") & (columns["column"] == "type")]["description"]
    key = " " + md_escape(f"Types: {types.iloc[0]}") if len(types) else ""
    return ("# The entity registry\n\nEvery name the rules recognise, from `data/codebook/entities.csv`; the "
            f"article pages link each name they mark to its row here.{key}\n\n" + _raw_html(
                '<table class="table registry"><thead><tr><th>id</th><th>name</th><th>type</th><th>country</th>'
                f"<th>role</th><th>aliases</th></tr></thead><tbody>\n{rows}\n</tbody></table>"))


def articles_index(documents: pd.DataFrame, labels: dict[str, str]) -> str:
    rows = "\n".join(
        f'<tr><td><a href="{quote(d.doc_id)}.html">{_e(labels[d.doc_id])}</a></td><td>{_e(d.title)}</td>'
        f"<td>{_e(d.published or 'undated')}</td><td>{_e(d.n_sentences)}</td></tr>"
        for d in documents.sort_values("doc_id").itertuples())
    return ("# The articles\n\nEach article's text, sentence by sentence, with what the rules found in it. A "
            "citation such as *003 s17* in the report links to sentence 17 of article 003.\n\n" + _raw_html(
                '<table class="table"><thead><tr><th>article</th><th>title</th><th>published</th>'
                f"<th>sentences</th></tr></thead><tbody>\n{rows}\n</tbody></table>"))


def events_page(events: pd.DataFrame, evidence: pd.DataFrame, labels: dict[str, str], types: pd.DataFrame) -> str:
    """Every event, hand-coded and automatic, in one table a reader can filter by any word."""
    if events.empty:
        return "# The events\n\nThe texts yield no event (`data/processed/events.csv` is empty).\n"
    told = {}  # grouped once: a filter per event would be quadratic in a large corpus
    for event_id, doc_id, sent_id in zip(evidence.get("event_id", []), evidence.get("doc_id", []),
                                         evidence.get("sent_id", [])):
        told.setdefault(event_id, set()).add((doc_id, int(sent_id)))
    phase = assign_phases(events)[0]
    strand = dict(zip(types["type"], types["strand"]))
    mixed = events["coding"].nunique() > 1  # one kind of coding: no column
    rows = []
    for r in events.assign(phase=phase).sort_values(["date", "event_id"], key=lambda c: c.replace("", "~")
                                                    if c.name == "date" else c).itertuples():
        cited = "; ".join(f"{labels.get(d, d)} s{s}" for d, s in sorted(told.get(r.event_id, ())))
        when = r.date + (f" to {r.date_end}" if r.date_end else "") if r.date else "undated"
        cells = [when, r.phase.split(":")[0] if r.phase[0].isdigit() else r.phase, r.type.replace("_", " "),
                 strand.get(r.type, ""), r.modality, *([r.coding] if mixed else []), r.summary, cited]
        rows.append(f'<tr id="{_e(r.event_id)}">' + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
    heads = ["date", "phase", "type", "strand", "modality", *(["coding"] if mixed else []), "event", "told in"]
    coding = ("hand-coded by a person (`hand`) or made by rule from the texts nobody has coded (`automatic`)"
              if mixed else ("all made by rule from the texts (automatic)" if events["coding"].iloc[0] == "automatic"
                             else "all hand-coded by a person"))
    return ("# The events\n\nEvery event in `data/processed/events.csv`, " + coding + ", with the sentences that "
            "tell it. *Phase* is the phase of the report the event's date places it in (0: background before the "
            "first summit); *strand* says whether its type is cooperation, reaction or context "
            "(`data/codebook/event_types.csv`). Type one or more words in the box: only the rows containing every "
            "one of them, anywhere in the row, stay.\n\n"
            + _raw_html('<p><label>Filter the events: <input type="search" class="table-filter" '
                        'data-table="events-table" placeholder="e.g. Kursk alleged"></label> '
                        '<span class="table-filter-count" data-table="events-table"></span></p>\n'
                        '<table class="table events" id="events-table"><thead><tr>'
                        + "".join(f"<th>{h}</th>" for h in heads) + "</tr></thead><tbody>\n"
                        + "\n".join(rows) + "\n</tbody></table>"))


def write_source_pages(source: Path, processed_dir, registry_file) -> list[Path]:
    """Write articles/index.md, one articles/<doc_id>.md per article, events.md and registry.md into ``source``."""
    names = ("documents", "sentences", "mentions", "timexes", "quantities", "claims", "events", "event_evidence")
    tables = {name: _read(processed_dir, name) for name in names}
    registry = pd.read_csv(registry_file, dtype=str, keep_default_na=False)
    documents = tables["documents"]
    labels = short_ids(documents["doc_id"])
    folder = Path(source) / ARTICLES
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "index.md"]
    written[0].write_text(articles_index(documents, labels), encoding="utf-8")
    registry_ids = set(registry["entity_id"])
    for doc in documents.to_dict("records"):
        path = folder / f"{doc['doc_id']}.md"
        path.write_text(article_page(doc, labels[doc["doc_id"]], tables, registry_ids), encoding="utf-8")
        written.append(path)
    written.append(Path(source) / "events.md")
    written[-1].write_text(events_page(tables["events"], tables["event_evidence"], labels, load_event_types()),
                           encoding="utf-8")
    written.append(Path(source) / "registry.md")
    written[-1].write_text(registry_page(registry), encoding="utf-8")
    return written
