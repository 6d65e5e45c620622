"""The report's key findings, written from the tables, each citing the sentences it rests on.

The same text appears in notebook 06 and in the README (between the
``<!-- findings:start -->`` and ``<!-- findings:end -->`` markers); a test compares
the two, so the README cannot drift from the data. ``python -m partnership findings``
prints the current text.
"""

import pandas as pd

from partnership.events.coding import is_phase_opener

WESTERN = {"USA", "KOR", "JPN"}
PRESSURE = {"accuse", "warn", "urge"}
README_START, README_END = "<!-- findings:start -->", "<!-- findings:end -->"


def cite(rows: pd.DataFrame) -> str:
    """'003 s17; 000 s13': article (first three characters of doc_id) and sentence, in order, once each."""
    pairs = sorted({(d, int(s)) for d, s in zip(rows["doc_id"], rows["sent_id"])})
    return "; ".join(f"{d[:3]} s{s}" for d, s in pairs)


def _countries(cells) -> list[str]:
    return sorted({c for cell in cells for c in str(cell).split("|") if c})


def turning_points(events: pd.DataFrame, evidence: pd.DataFrame) -> str:
    openers = events[events.apply(is_phase_opener, axis=1)].sort_values("date")
    dated = events[events["date"] != ""]
    parts = []
    for r in openers.itertuples():
        told = evidence[(evidence["event_id"] == r.event_id) & (evidence["reported_as"] == "asserted")]
        parts.append(f"{r.summary.rstrip('.')} ({r.date}; {cite(told)})")
    return (f"**{_number_word(len(openers)).capitalize()} turning points.** The articles report {len(events)} events, dated from "
            f"{dated['date'].min()[:4]} to {dated['date'].max()[:4]}; the partnership's phases turn on "
            f"{len(openers)} of them: " + "; ".join(parts) + ".")


def _number_word(n: int) -> str:
    return ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"][n] if n < 10 else str(n)


def support_growth(quantities: pd.DataFrame, documents: pd.DataFrame) -> str:
    published = dict(zip(documents["doc_id"], documents["published"]))
    q = quantities.assign(published=quantities["doc_id"].map(published))
    containers = q[q["unit"] == "containers"].sort_values("published")
    troops = q[q["unit"] == "personnel"].sort_values("published")
    money = q[q["kind"] == "money"].sort_values("published")
    first, last = containers.iloc[0], containers.iloc[-1]
    text = (f"**From shipments to soldiers.** The reported shipments grew from “{first['text']}” "
            f"({first['published']}; {cite(containers.iloc[[0]])}) to “{last['text']}” ({last['published']}; "
            f"{cite(containers.iloc[[-1]])})")
    if len(money):
        text += f", valued at “{money.iloc[-1]['text']}” ({cite(money.iloc[[-1]])})"
    if len(troops):
        text += (f"; by {troops.iloc[-1]['published'][:4]} North Korea had pledged “{troops.iloc[-1]['text']}” "
                 f"({cite(troops.iloc[[-1]])})")
    support = q[q["kind"].isin(["personnel", "materiel", "money"])]
    repeated = support.groupby(["unit", "value"])["doc_id"].nunique().max()
    return text + (". Each figure is one claim in one article; no article repeats another's figure."
                   if repeated == 1 else ".")


def voices(claims: pd.DataFrame) -> str:
    pressure = claims[claims["stance"].isin(PRESSURE)]
    western = pressure[pressure["speaker_country"].apply(lambda c: bool(set(str(c).split("|")) & WESTERN))]
    denials = claims[claims["stance"] == "deny"]
    praise = claims[claims["stance"] == "praise"]
    one_sided = len(western) == len(pressure) and set(_countries(denials["speaker_country"])) <= {"RUS", "PRK"}
    heading = ("Washington and its allies accuse; Moscow and Pyongyang praise and deny." if one_sided
               else "Who accuses and who denies.")
    return (f"**{heading}** Of {len(claims)} attributed "
            f"statements, {len(pressure)} accuse, warn or urge, {len(western)} of them by US, South Korean or "
            f"Japanese speakers; the {len(denials)} denials come from speakers of "
            f"{' and '.join(_countries(denials['speaker_country']))} ({cite(denials)}), and the {len(praise)} "
            f"statements of praise from {' and '.join(_countries(praise['speaker_country']))}.")


def certainty(hedges: pd.DataFrame, documents: pd.DataFrame) -> str:
    hedged = hedges.assign(hedged=hedges["hedged"].astype(str) == "True")
    share = hedged.groupby("doc_id")["hedged"].mean()
    dated = documents.set_index("doc_id")["published"].sort_values()
    first_month = dated.str[:7].iloc[0]
    early_ids = dated[dated.str[:7] == first_month].index
    early = share[early_ids]
    cues = hedges[hedges["doc_id"].isin(early_ids)]["hedge_cues"].str.split(" | ", regex=False).explode()
    top = cues[cues != ""].value_counts().head(3).index
    last = dated.index[-1]
    return (f"**From rumour to record.** In the {len(early)} articles of {first_month}, {early.min():.0%} to "
            f"{early.max():.0%} of sentences carry a hedge (most often " + ", ".join(f"“{c}”" for c in top)
            + f"); in the article of {dated.iloc[-1]}, {share[last]:.0%} do.")


def ahead_of_events(events: pd.DataFrame, evidence: pd.DataFrame, documents: pd.DataFrame) -> str:
    flagged = events[events["flag_expected_then_reported"].astype(str) == "True"]
    published = dict(zip(documents["doc_id"], documents["published"]))
    parts = []
    for r in flagged.itertuples():
        rows = evidence[evidence["event_id"] == r.event_id].assign(published=lambda t: t["doc_id"].map(published))
        rows = rows.sort_values(["published", "doc_id", "start"])
        expected, done = rows[rows["reported_as"] == "expected"], rows[rows["reported_as"] == "asserted"]
        parts.append(f"{r.summary.rstrip('.')} (expected: {cite(expected.iloc[[0]])}; reported: "
                     f"{cite(done.iloc[[0]])})")
    return (f"**Coverage ran ahead of events.** {len(flagged)} events were expected in one article and reported "
            f"as done in a later one: " + "; ".join(parts) + ".")


def key_findings(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The findings as Markdown paragraphs, in the order the report gives them."""
    return [
        turning_points(tables["events"], tables["event_evidence"]),
        support_growth(tables["quantities"], tables["documents"]),
        voices(tables["claims"]),
        certainty(tables["hedges"], tables["documents"]),
        ahead_of_events(tables["events"], tables["event_evidence"], tables["documents"]),
    ]


def findings_markdown(tables: dict[str, pd.DataFrame]) -> str:
    return "\n".join(f"- {finding}" for finding in key_findings(tables)) + "\n"


def readme_section(readme_text: str) -> str:
    """The text between the findings markers of the README."""
    start = readme_text.index(README_START) + len(README_START)
    return readme_text[start:readme_text.index(README_END)].strip("\n") + "\n"
