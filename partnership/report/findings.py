"""The report's key findings: rules over the tables, each citing the sentences it rests on.

Every finding is computed for whatever corpus is in ``data/raw`` (one text or five
hundred, dated or not); its heading is chosen by the data too. The same text appears in
notebook 06 and in the README (between the ``<!-- findings:start -->`` and
``<!-- findings:end -->`` markers); a test compares the two, so the README cannot drift
from the data. ``python -m partnership findings`` prints the current text.
"""

import pandas as pd

from partnership.annotate.quantities import SUPPORT_REFERENTS
from partnership.annotate.entities import load_registry
from partnership.events.coding import is_phase_opener, load_event_types
from partnership.report.wording import corpus_noun, country_name, short_ids

WESTERN = {"USA", "KOR", "JPN"}
PARTNERS = ("PRK", "RUS")  # the two states whose partnership the report follows
COUNTED = ("asserted", "alleged")  # expected, hypothetical, denied and historical events are not counted
PRESSURE = {"accuse", "warn", "urge"}
SUPPORT_KINDS = ("personnel", "materiel", "money")
KIND_NOUNS = {"materiel": "shipments", "personnel": "soldiers", "money": "money"}
MAX_CITED = 6  # citations per claim in a finding; the tables hold the rest
MAX_UNITS = 6  # units of support named in the finding; the chart's data lists them all
README_START, README_END = "<!-- findings:start -->", "<!-- findings:end -->"
CORPUS_START, CORPUS_END = "<!-- corpus:start -->", "<!-- corpus:end -->"  # what the corpus holds, inline


def cite(rows: pd.DataFrame, labels: dict[str, str] | None = None, limit: int | None = None,
         spread: bool = False) -> str:
    """'003 s17; 000 s13': article label and sentence, in order, once each; past ``limit``, a count.
    ``spread``: the sentences shown are taken one article at a time (each article's first, then each
    one's second...), so a statement about several articles cites several."""
    pairs = sorted({(d, int(s)) for d, s in zip(rows["doc_id"], rows["sent_id"])})
    labels = labels or short_ids(d for d, _ in pairs)
    if spread and limit is not None and len(pairs) > limit:
        rank: dict[str, int] = {}
        order = []
        for d, s in pairs:
            order.append((rank.get(d, 0), d, s))
            rank[d] = rank.get(d, 0) + 1
        shown = sorted((d, s) for _, d, s in sorted(order)[:limit])
    else:
        shown = pairs if limit is None or len(pairs) <= limit else pairs[:limit]
    text = "; ".join(f"{labels.get(d, d)} s{s}" for d, s in shown)
    rest = len(pairs) - len(shown)
    return text + (f"; and {rest} more sentence{'s' * (rest != 1)}" if rest else "")


def _countries(cells) -> list[str]:
    return sorted({c for cell in cells for c in str(cell).split("|") if c})


def _and(words: list[str]) -> str:
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]


def _number_word(n: int) -> str:
    return ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"][n] if n < 10 else str(n)


def turning_points(events: pd.DataFrame, evidence: pd.DataFrame, noun: str = "articles",
                   labels: dict[str, str] | None = None) -> str:
    if events.empty:
        return f"**No events.** The {noun} yield no hand-coded or automatic event."
    openers = events[events.apply(is_phase_opener, axis=1)].sort_values(["date", "event_id"])
    dated = events[events["date"] != ""]
    automatic = int((events.get("coding", pd.Series("hand", index=events.index)) == "automatic").sum())
    span = (f"{len(dated)} of them dated, from {dated['date'].min()[:4]} to {dated['date'].max()[:4]}"
            if len(dated) else "none of them dated")
    if "date_not_before" in events.columns:  # undated, but the texts bound both ends (TIMEX3-style)
        undated = events[events["date"] == ""]
        bounds = (undated["date_not_before"] != "").astype(int) + (undated["date_not_after"] != "").astype(int)
        both, one = int((bounds == 2).sum()), int((bounds == 1).sum())
        told = ([f"{both} bounded on both sides by the texts"] if both else []) + \
            ([f"{one} on one side" if both else f"{one} bounded on one side by the texts"] if one else [])
        if int((bounds == 0).sum()):
            told.append(f"{int((bounds == 0).sum())} with no date at all")
        if told:
            span += f"; of the {len(undated)} not dated, {_and(told)}"
    made = f" ({automatic} of them automatic, made by rule from event candidates)" if automatic else ""
    parts = []
    for r in openers.itertuples():
        told = evidence[(evidence["event_id"] == r.event_id) & (evidence["reported_as"] == "asserted")]
        parts.append(f"{r.summary.rstrip('.')} ({r.date}; {cite(told, labels, MAX_CITED)})")
    head = f"**{_number_word(len(openers)).capitalize()} turning point{'s' * (len(openers) != 1)}, by the phase rule.** "
    text = f"The {noun} report {len(events)} events{made}, {span}; "
    if not len(openers):
        return head + text + "none is a summit of the two leaders or a signed agreement, so the story has one phase."
    return head + text + (f"by the rule of notebook 04 (a summit of the two leaders or a signed agreement opens a "
                          f"phase) the partnership's phases turn on {len(openers)} of them: ") + "; ".join(parts) + "."


def sides(event, country: dict[str, str]) -> tuple[set[str], set[str]]:
    """The countries of an event's actors and of its recipients (entities with no country left out)."""
    def of(cell) -> set[str]:
        return {country.get(i, "") for i in str(cell or "").split("|") if i} - {""}
    return of(event["actor_ids"]), of(event.get("recipient_ids", ""))


def between_partners(actors: set[str], recipients: set[str]) -> bool:
    """Does an event involve the two partners only (at least one of them)?"""
    countries = actors | recipients
    return bool(countries) and countries <= set(PARTNERS)


def military_steps(events: pd.DataFrame, evidence: pd.DataFrame, types: pd.DataFrame, registry: pd.DataFrame,
                   documents: pd.DataFrame, labels: dict[str, str] | None = None) -> str:
    """The kinds of military cooperation between the partners (the cooperation types whose PLOVER context is
    military in event_types.csv), in the order the texts first tell each: its first event, when it happened
    (an undated one by the day it was first reported), with its citations, and how many events of the kind."""
    noun = corpus_noun(documents)
    military = types[(types["strand"] == "cooperation") & (types["plover_context"] == "military")]
    label = dict(zip(military["type"], military["label"]))
    if not label:
        return "**No military cooperation defined.** No cooperation type in event_types.csv has the PLOVER context military."
    country = dict(zip(registry["entity_id"], registry["country"]))
    kinds = _and([label[t] for t in military["type"]])
    told = events[events["type"].isin(label) & events["modality"].isin(COUNTED)]
    told = told[told.apply(lambda e: between_partners(*sides(e, country)), axis=1)] if len(told) else told
    partners = _and([country_name(c) for c in PARTNERS])
    if told.empty:
        return (f"**No military cooperation told.** The {noun} report no {kinds} between {partners} "
                "as fact or as alleged.")
    when = told["date"].where(told["date"] != "", told["first_reported"])
    told = told.assign(sort_key=when.where(when != "", "9999"), is_dated=told["date"] != "")
    firsts = told.sort_values(["sort_key", "event_id"]).drop_duplicates("type")
    parts = []
    for r in firsts.itertuples():
        n = int((told["type"] == r.type).sum())
        day = r.date if r.is_dated else (f"undated, first reported {r.first_reported}" if r.first_reported else "undated")
        rows = evidence[evidence["event_id"] == r.event_id]
        asserted = rows[rows["reported_as"].isin(COUNTED)] if "reported_as" in rows else rows
        how = ", alleged" if r.modality == "alleged" else ""
        first = f"{n} events; the earliest{how}:" if n > 1 else f"1 event{how}:"
        parts.append(f"{label[r.type]} ({first} {r.summary.rstrip('.')}, "
                     f"{day}; {cite(asserted if len(asserted) else rows, labels, MAX_CITED)})")
    order = list(firsts["sort_key"])
    heading = (f"From {label[firsts['type'].iloc[0]]} to {label[firsts['type'].iloc[-1]]}"
               if len(firsts) > 1 and order[0] < order[-1] else f"Military cooperation: {_and([label[t] for t in firsts['type']])}")
    return (f"**{heading}.** Military cooperation between {partners} ({kinds}: the cooperation types whose PLOVER "
            f"context is military in data/codebook/event_types.csv) is told in {len(told)} "
            f"event{'s' * (len(told) != 1)}, as fact or as alleged; kind by kind, from the earliest (an undated event "
            "placed by the day it was first reported): " + "; ".join(parts) + ".")


def support_growth(quantities: pd.DataFrame, documents: pd.DataFrame, labels: dict[str, str] | None = None) -> str:
    published = dict(zip(documents["doc_id"], documents["published"]))
    q = quantities[quantities["kind"].isin(SUPPORT_KINDS) & (quantities["value"] != "")]
    if "refers_to" in q.columns:  # a stockpile estimate or a price is not support
        q = q[q["refers_to"].isin(SUPPORT_REFERENTS)]
    q = q.assign(
        published=lambda t: t["doc_id"].map(published), number=lambda t: t["value"].astype(float))
    noun = corpus_noun(documents)
    if q.empty:
        return (f"**No figures of support.** The {noun} report no figure of personnel, materiel or money "
                "transferred, pledged or deployed.")
    dated = q[q["published"] != ""]
    undated = len(q) - len(dated)
    first_by_kind = dated.groupby("kind")["published"].min().sort_values(kind="stable")
    kinds = list(first_by_kind.index) or sorted(set(q["kind"]))
    nouns = [KIND_NOUNS[k] for k in kinds]
    heading = (f"From {nouns[0]} to {nouns[-1]}" if len(nouns) > 1 and first_by_kind.iloc[0] < first_by_kind.iloc[-1]
               else "Support reported as " + _and(nouns))
    counts = q.groupby("unit").agg(n=("number", "size"), top=("number", "max")).sort_values(
        ["n", "top"], ascending=False)
    by_kind = q.drop_duplicates("unit").set_index("unit")["kind"]
    leading = [next(u for u in counts.index if by_kind[u] == k) for k in kinds]  # each kind's main unit first
    units = leading + [u for u in counts.index if u not in leading]
    parts, spans = [], False
    for unit in units[:MAX_UNITS]:
        rows = (dated if len(dated[dated["unit"] == unit]) else q)
        rows = rows[rows["unit"] == unit].sort_values(["published", "doc_id", "start"], kind="stable")
        first = rows.iloc[[0]]
        largest = rows.sort_values(["number", "published"], ascending=[False, True], kind="stable").iloc[[0]]

        def told(row):
            r = row.iloc[0]
            when = r["published"] or "undated"
            how = f", {r['refers_to']}" if r.get("refers_to", "") in ("pledged", "deployed") else ""
            return f"“{r['text']}”{how} ({when}; {cite(row, labels)})"

        if largest.index[0] != first.index[0] and largest["number"].iloc[0] > first["number"].iloc[0]:
            parts.append(f"{unit}: first {told(first)}, largest {told(largest)}")
            spans = True
        else:
            parts.append(f"{unit}: {told(largest)}" + (f", the largest of {len(rows)}" if len(rows) > 1 else ""))
    more = len(counts) - MAX_UNITS
    text = (f"**{heading}.** {len(q)} reported figure{'s' * (len(q) != 1)} of support in {len(counts)} "
            f"unit{'s' * (len(counts) != 1)}, from {q['doc_id'].nunique()} {corpus_noun(documents, q['doc_id'].nunique())}"
            f" (transferred, pledged or deployed: stockpiles and prices are left out); the first reported and the "
            f"largest: " + "; ".join(parts))
    if more > 0:
        text += f"; and {more} more unit{'s' * (more != 1)} (figures/data/material_support.csv)"
    per_text = q["doc_id"].value_counts()
    if len(q) >= 3 and per_text.iloc[0] * 2 > len(q):  # say so when one text carries most of the evidence
        top = sorted(per_text[per_text == per_text.iloc[0]].index)[0]
        label = (labels or short_ids(q["doc_id"])).get(top, top)
        text += f". {per_text.iloc[0]} of the {len(q)} figures come from one {corpus_noun(documents, 1)} ({label})"
    if undated:
        text += f". {undated} figure{'s' * (undated != 1)} come{'s' * (undated == 1)} from undated {noun}"
    if spans:
        text += (". A first and a largest figure need not count the same thing (one shipment, a running total): "
                 "the cited sentences say which, before they are read as a trend")
    repeated = q.groupby(["unit", "number"])["doc_id"].nunique().max()
    return text + (f". Each figure is one claim in one {corpus_noun(documents, 1)}; none repeats another's figure."
                   if repeated == 1 else ".")


def voices(claims: pd.DataFrame, labels: dict[str, str] | None = None) -> str:
    pressure = claims[claims["stance"].isin(PRESSURE)]
    western = pressure[pressure["speaker_country"].apply(lambda c: bool(set(str(c).split("|")) & WESTERN))]
    denials = claims[claims["stance"] == "deny"]
    praise = claims[claims["stance"] == "praise"]
    one_sided = (len(pressure) > 0 and len(western) == len(pressure) and len(denials) > 0
                 and set(_countries(denials["speaker_country"])) <= {"RUS", "PRK"})
    heading = ("Washington and its allies accuse; Moscow and Pyongyang praise and deny." if one_sided
               else "Who accuses and who denies.")
    share = "all" if len(western) == len(pressure) and len(pressure) > 1 else str(len(western))
    # stance urge: appeals, demands and invitations alike ask another party to act
    verbs = "accuses, warns or asks another party to act" if len(pressure) == 1 else "accuse, warn or ask another party to act"
    allies = [country_name(c) for c in _countries(western["speaker_country"]) if c in WESTERN]
    by = (f"{share} of them by speakers of {_and(allies)}" if allies
          else "none of them by speakers of the United States, South Korea or Japan")
    text = f"**{heading}** Of {len(claims)} attributed statements, {len(pressure)} {verbs}, {by}; "
    denied_by = _countries(denials["speaker_country"])
    if len(denials):
        text += (("the one denial comes" if len(denials) == 1 else f"the {len(denials)} denials come") + " from speakers of "
                 f"{_and([country_name(c) for c in denied_by]) or 'no named country'} "
                 f"({cite(denials, labels, MAX_CITED)})")
    else:
        text += "no statement denies"
    praised_by = _countries(praise["speaker_country"])
    if len(praise):
        return text + ((", and the one statement of praise" if len(praise) == 1 else
                        f", and the {len(praise)} statements of praise") + " from speakers of "
                       f"{_and([country_name(c) for c in praised_by]) or 'no named country'}.")
    return text + ", and none praises."


def certainty(hedges: pd.DataFrame, documents: pd.DataFrame) -> str:
    noun = corpus_noun(documents)
    hedged = hedges.assign(hedged=hedges["hedged"].astype(str) == "True")
    share = hedged.groupby("doc_id")["hedged"].mean()
    dated = documents[documents["published"] != ""].set_index("doc_id")["published"].sort_values(kind="stable")
    dated = dated[dated.index.isin(share.index)]
    undated = len(documents) - len(dated)
    note = f" ({undated} undated {corpus_noun(documents, undated)} left out)" if undated and len(dated) else ""
    years = dated.str[:4]
    if years.nunique() < 2:
        every = share.reindex(documents["doc_id"]).dropna()
        if every.empty:
            return f"**How sure the coverage is.** No {corpus_noun(documents, 1)} has a sentence to measure."
        return (f"**How sure the coverage is.** Across the {len(every)} {corpus_noun(documents, len(every))}, "
                f"{every.min():.0%} to {every.max():.0%} of sentences carry a hedge word (data/codebook/hedge_cues.csv)"
                f"{_top_cues(hedges, every.index)}.")
    first, last = years.iloc[0], years.iloc[-1]
    early, late = share[years[years == first].index], share[years[years == last].index]
    trend = late.median() - early.median()
    if min(len(early), len(late)) < 2:  # one text is not a trend
        heading = "Hedging, earliest year against latest: too few texts to call it a trend"
    else:
        heading = ("From rumour to record" if trend < -0.05 else "Growing doubt" if trend > 0.05
                   else "Hedged throughout")

    def spread(values, year):
        n = len(values)
        if n == 1:
            return f"in the one {corpus_noun(documents, 1)} of {year}, {values.iloc[0]:.0%} do"
        return f"in the {n} {corpus_noun(documents, n)} of {year}, {values.min():.0%} to {values.max():.0%} do"

    return (f"**{heading}.** The share of sentences carrying a hedge word (“may”, “reportedly”, “expected”: "
            f"data/codebook/hedge_cues.csv){note}: "
            f"{spread(early, first)}{_top_cues(hedges, early.index)}; {spread(late, last)}.")


def _top_cues(hedges: pd.DataFrame, doc_ids) -> str:
    cues = hedges[hedges["doc_id"].isin(set(doc_ids))]["hedge_cues"].str.split(" | ", regex=False).explode()
    top = cues[cues.notna() & (cues != "")].value_counts().head(3).index
    return (" (most often " + ", ".join(f"“{c}”" for c in top) + ")") if len(top) else ""


def ahead_of_events(events: pd.DataFrame, evidence: pd.DataFrame, documents: pd.DataFrame,
                    labels: dict[str, str] | None = None) -> str:
    flagged = events[events["flag_expected_then_reported"].astype(str) == "True"]
    noun = corpus_noun(documents, 1)
    if flagged.empty:
        return (f"**Coverage and events.** No event is expected in one {noun} and reported as done in a later "
                "one: the corpus cannot show coverage running ahead of events.")
    published = dict(zip(documents["doc_id"], documents["published"]))
    parts = []
    for r in flagged.itertuples():
        rows = evidence[evidence["event_id"] == r.event_id].assign(published=lambda t: t["doc_id"].map(published))
        rows = rows.sort_values(["published", "doc_id", "start"])
        expected, done = rows[rows["reported_as"] == "expected"], rows[rows["reported_as"] == "asserted"]
        parts.append(f"{r.summary.rstrip('.')} (expected: {cite(expected.iloc[[0]], labels)}; reported: "
                     f"{cite(done.iloc[[0]], labels)})")
    return (f"**Coverage ran ahead of events.** {len(flagged)} event{'s were' if len(flagged) != 1 else ' was'} "
            f"expected in one {noun} and reported as done in a later one: " + "; ".join(parts) + ".")


def key_findings(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The findings as Markdown paragraphs, in the order the report gives them."""
    documents = tables["documents"]
    labels = short_ids(documents["doc_id"])
    return [
        turning_points(tables["events"], tables["event_evidence"], corpus_noun(documents), labels),
        military_steps(tables["events"], tables["event_evidence"], load_event_types(), load_registry(), documents,
                       labels),
        support_growth(tables["quantities"], documents, labels),
        voices(tables["claims"], labels),
        certainty(tables["hedges"], documents),
        ahead_of_events(tables["events"], tables["event_evidence"], documents, labels),
    ]


def findings_markdown(tables: dict[str, pd.DataFrame]) -> str:
    return "\n".join(f"- {finding}" for finding in key_findings(tables)) + "\n"


def readme_section(readme_text: str, start_marker: str = README_START, end_marker: str = README_END) -> str:
    """The text between two markers of the README (the findings by default)."""
    start = readme_text.index(start_marker) + len(start_marker)
    inner = readme_text[start:readme_text.index(end_marker)]
    return inner.strip("\n") + "\n" if start_marker == README_START else inner


def with_findings(readme_text: str, findings: str) -> str:
    """The README with its findings section replaced by ``findings``."""
    return with_section(readme_text, "\n" + findings, README_START, README_END)


def with_section(readme_text: str, text: str, start_marker: str, end_marker: str) -> str:
    start = readme_text.index(start_marker) + len(start_marker)
    return readme_text[:start] + text + readme_text[readme_text.index(end_marker):]
