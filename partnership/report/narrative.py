"""The report's narrative: phase by phase, what changed, who acted and spoke, how sure the coverage is,
and what the evidence cannot show.

Every sentence is a rule over the tables, for whatever corpus is in ``data/raw``. Two clocks are
kept apart: events belong to a phase by their own date (the phase rule of notebook 04); what the
coverage said belongs to a phase by the date the text was published. A phase that no text was
published in is known only from later coverage, and the narrative says so.
"""

import html

import pandas as pd

from partnership.annotate.quantities import SUPPORT_REFERENTS
from partnership.events.coding import _first_day, assign_phases, is_phase_opener
from partnership.report.findings import PRESSURE, SUPPORT_KINDS, _and, cite
from partnership.report.wording import corpus_noun, short_ids

CITED = 3  # citations per statement in the narrative; the tables hold the rest
NAMED = 3  # events, actors or figures named per statement
STANCE_GROUPS = [("accusations, warnings and appeals", PRESSURE), ("praise", {"praise"}), ("denials", {"deny"})]
NOT_ASSERTED = {"alleged": "alleged (one side's claim)", "expected": "expected", "denied": "denied",
                "hypothetical": "hypothetical"}


def _e(text) -> str:
    return html.escape(str(text), quote=False)


def _or(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _ids(cell) -> list[str]:
    return [part for part in str(cell).split("|") if part]


class Names:
    """How the narrative names entities, countries, event types and offices."""

    def __init__(self, registry: pd.DataFrame, types: pd.DataFrame, roles: pd.DataFrame):
        self.name = dict(zip(registry["entity_id"], registry["name"]))
        self.country_of = dict(zip(registry["entity_id"], registry["country"]))
        places = registry[(registry["type"] == "GPE") & (registry["country"] != "")]
        places = places.assign(state=places["role"] != "state").sort_values(["state", "entity_id"])
        self.country = dict(zip(places["country"][::-1], places["name"][::-1]))  # a state's own name first
        self.label = dict(zip(types["type"], types["label"]))
        self.strand = dict(zip(types["type"], types["strand"]))
        self.roles = roles

    def entity(self, entity_id: str) -> str:
        return self.name.get(entity_id, entity_id)

    def state(self, code: str) -> str:
        return self.country.get(code, code)

    def office(self, entity_id: str, day: str) -> str:
        """The office the registry's roles give a person on a day ('' when none is recorded)."""
        rows = self.roles[self.roles["entity_id"] == entity_id]
        held = rows[(rows["start"] <= day) & ((rows["end"] == "") | (day < rows["end"]))]
        return held["role"].iloc[0] if len(held) else ""

    def types(self, counts: pd.Series, limit: int | None = None) -> str:
        """'visits (5), arms transfers (4) and 2 more kinds', commonest first."""
        counts = counts.sort_index().sort_values(ascending=False, kind="stable")
        shown = [f"{self.label.get(t, t)} ({n})" for t, n in counts.head(limit or len(counts)).items()]
        rest = len(counts) - len(shown)
        return _and(shown + ([f"{rest} more kind{'s' * (rest != 1)}"] if rest else []))


def _windows(events: pd.DataFrame, phases: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Each phase's publication window: from its opener's first day to the next opener's."""
    openers = sorted(_first_day(e["date"]) for e in events.to_dict("records") if is_phase_opener(e))
    bounds = ["0000-00-00", *openers, "9999-99-99"]
    windows = {}
    for label in phases["phase"]:
        number = label.split(":")[0]
        if number.isdigit():
            windows[label] = (bounds[int(number)], bounds[int(number) + 1])
    return windows


def _most_reported(members: pd.DataFrame, evidence: pd.DataFrame, labels, noun: str) -> str:
    shared = members[members["n_sources"].astype(int) >= 2]
    if shared.empty:
        return f"No event of the phase is reported by more than one {noun[:-1]}."
    top = shared.assign(n=shared["n_sources"].astype(int)).sort_values(["n", "date", "event_id"],
                                                                        ascending=[False, True, True]).head(NAMED)
    parts = [f"{_e(r.summary.rstrip('.'))} ({r.n} {noun}; {cite(evidence[evidence['event_id'] == r.event_id], labels, CITED)})"
             for r in top.itertuples()]
    return f"Most widely reported: {'; '.join(parts)}."


def _strands(members, names) -> dict[str, int]:
    strand = members["type"].map(names.strand)
    return {k: int((strand == k).sum()) for k in ("cooperation", "reaction")}


def _what_changed(members, earlier_types, previous, names) -> str:
    counts = members["type"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    now = _strands(members, names)
    text = (f"Of the {_count(len(members), 'event')} the coverage dates to this phase, {now['cooperation']} "
            f"{'is' if now['cooperation'] == 1 else 'are'} cooperation (meetings, letters, transfers, deployments, "
            f"praise) and {now['reaction']} reaction (concern, accusations, appeals, warnings, denials)")
    if previous is not None and len(previous):
        before = _strands(previous, names)
        text += (f", against {before['cooperation']} and {before['reaction']} of {len(previous)} in the phase before: "
                 f"cooperation {_share_change(before['cooperation'] / len(previous), now['cooperation'] / len(members))}")
    text += f". The commonest kinds: {names.types(counts, NAMED)}."
    if previous is None:
        return text
    new = counts[~counts.index.isin(earlier_types)]
    text += f" New in this phase: {names.types(new, NAMED)}." if len(new) else \
        " No kind of event appears that the earlier phases had not reported."
    before = previous["type"].value_counts()
    gone = before[(before >= 2) & ~before.index.isin(members["type"])].sort_index()
    if len(gone):
        text += f" Reported more than once in the phase before, absent now: {names.types(gone, NAMED)}."
    return text


def _share_change(before: float, now: float) -> str:
    if abs(now - before) < 0.05:
        return f"holds at about {now:.0%}"
    return f"{'rises' if now > before else 'falls'} from {before:.0%} to {now:.0%} of events"


def _actors(members, earlier_actors, offices_seen, names) -> tuple[str, list[str]]:
    acted = pd.Series([a for cell in members["actor_ids"] for a in _ids(cell)], dtype=str)
    if acted.empty:
        return "No actor is coded for these events.", []
    top = acted.value_counts().sort_index().sort_values(ascending=False, kind="stable").head(NAMED)
    text = "Acting most often: " + _and([f"{_e(names.entity(a))} ({n})" for a, n in top.items()]) + "."
    new = sorted(set(acted) - earlier_actors, key=lambda a: (-int((acted == a).sum()), a))
    if earlier_actors and new:
        shown = [_e(names.entity(a)) for a in new[:NAMED]] + ([f"{len(new) - NAMED} more"] if len(new) > NAMED else [])
        text += " First seen acting here: " + _and(shown) + "."
    changes = []
    for person in sorted(set(acted)):
        days = sorted(_first_day(d) for d, cell in zip(members["date"], members["actor_ids"]) if person in _ids(cell) and d)
        office = names.office(person, days[0]) if days else ""
        before = offices_seen.get(person)
        if office and before and before[1] != office:
            changes.append(f"{_e(names.entity(person))}, {_e(before[1])} in phase {before[0]}, now acts as {_e(office)}")
    if changes:
        text += " Offices changed: " + "; ".join(changes) + "."
    return text, [names.entity(a) for a in new]


def _voices(claims, hedges, doc_ids, all_share, labels, names, noun) -> str:
    if not doc_ids:
        return (f"No {noun[:-1]} in the corpus was published during this phase, so nobody is quoted at the time: "
                "what the corpus says about it, it says looking back.")
    said = claims[claims["doc_id"].isin(doc_ids)]
    parts = []
    for words, stances in STANCE_GROUPS:
        rows = said[said["stance"].isin(stances)]
        if rows.empty:
            continue
        by = pd.Series([c for cell in rows["speaker_country"] for c in _ids(cell)], dtype=str).value_counts()
        who = _and([f"{_e(names.state(c))} ({n})" for c, n in by.sort_index().items()]) or "speakers of no named country"
        parts.append(f"{words} came from {who} ({cite(rows, labels, CITED)})")
    text = (f"In the {_count(len(doc_ids), noun[:-1], noun)} published during this phase, "
            f"{_count(len(said), 'statement')} are attributed to a speaker")
    text += ("; " + "; ".join(parts) + ".") if parts else ", none of them accusing, praising or denying."
    hedged = hedges[hedges["doc_id"].isin(doc_ids)]["hedged"].astype(str) == "True"
    if len(hedged):
        text += (f" {hedged.mean():.0%} of their sentences carry a hedge word "
                 f"({all_share:.0%} across the whole corpus).")
    return text


def _figures(members, evidence, quantities, labels) -> str:
    told = evidence[evidence["event_id"].isin(members["event_id"])][["doc_id", "sent_id", "event_id"]]
    support = quantities[quantities["refers_to"].isin(SUPPORT_REFERENTS) & quantities["kind"].isin(SUPPORT_KINDS)]
    found = support.merge(told.astype({"sent_id": str}), on=["doc_id", "sent_id"]).drop_duplicates(["doc_id", "start"])
    if found.empty:
        return ("No sentence telling an event of this phase states a figure for weapons, soldiers or money "
                f"{_or(list(SUPPORT_REFERENTS))}.")
    modality = dict(zip(members["event_id"], members["modality"]))
    found = found.assign(modality=found["event_id"].map(modality)).sort_values(["doc_id", "start"])
    parts = [f"“{_e(r.text)}” ({r.refers_to}{', ' + r.modality if r.modality != 'asserted' else ''}; "
             f"{cite(found.iloc[[i]], labels)})" for i, r in enumerate(found.head(NAMED).itertuples())]
    more = f", and {len(found) - NAMED} more" if len(found) > NAMED else ""
    return f"Figures in the sentences that tell these events: {'; '.join(parts)}{more}."


def _certainty(members) -> str:
    asserted = int((members["modality"] == "asserted").sum())
    others = members[members["modality"] != "asserted"]["modality"].value_counts().sort_index()
    text = f"{asserted} of the {_count(len(members), 'event')} are reported as fact"
    if len(others):
        text += "; " + _and([f"{n} {NOT_ASSERTED.get(m, m)}" for m, n in others.items()])
    return text + "."


def _limits(members, doc_ids, said_countries, names, noun) -> list[str]:
    limits = []
    single = members[members["n_sources"].astype(int) == 1]
    if len(single):
        limits.append(f"{len(single)} of the {_count(len(members), 'event')} rest on one {noun[:-1]} only.")
    alleged = members[members["modality"] == "alleged"]
    if len(alleged):
        limits.append(f"{_count(len(alleged), 'event')} {'is' if len(alleged) == 1 else 'are'} one side's claim that "
                      f"no {noun[:-1]} confirms: " + "; ".join(_e(s.rstrip(".")) for s in alleged["summary"].head(NAMED))
                      + (f"; and {len(alleged) - NAMED} more" if len(alleged) > NAMED else "") + ".")
    automatic = int((members["coding"] == "automatic").sum()) if "coding" in members else 0
    if automatic:
        limits.append(f"{_count(automatic, 'event')} {'was' if automatic == 1 else 'were'} made by rule and not "
                      "checked by a coder.")
    acting = {names.country_of.get(a, "") for cell in members["actor_ids"] for a in _ids(cell)} - {""}
    silent = sorted(acting - said_countries)
    if doc_ids and silent:
        limits.append(f"No speaker of {_or([_e(names.state(c)) for c in silent])} is quoted in the {noun} of "
                      f"the phase, though {'it acts' if len(silent) == 1 else 'they act'} in its events.")
    limits.append("An event the corpus does not report may still have happened: absence here is absence "
                  f"from these {noun}.")
    return limits


def _undated(events, evidence, phase, labels, noun) -> str:
    undated = events[phase == "undated"]
    if undated.empty:
        return f"Every event the {noun} report is dated, so each belongs to a phase."
    bounded = pd.Series(False, index=undated.index)
    for column in ("date_not_before", "date_not_after"):
        if column in undated:
            bounded |= undated[column].fillna("") != ""
    parts = []
    for r in undated.sort_values("event_id").head(NAMED * 2).itertuples():
        bound = " and ".join(f"{word} {getattr(r, column)}" for column, word in
                             (("date_not_before", "not before"), ("date_not_after", "not after"))
                             if getattr(r, column, ""))
        parts.append(f"{_e(r.summary.rstrip('.'))} ({bound + '; ' if bound else ''}"
                     f"{cite(evidence[evidence['event_id'] == r.event_id], labels, CITED)})")
    more = f"; and {len(undated) - NAMED * 2} more" if len(undated) > NAMED * 2 else ""
    text = (f"The {noun} do not date {_count(len(undated), 'event')}, so {'it stands' if len(undated) == 1 else 'they stand'}"
            f" outside the phases: {'; '.join(parts)}{more}.")
    if bounded.any():
        text += (f" {int(bounded.sum())} of them the {noun} bound without dating (the timeline draws them as ranges); "
                 "no date is added from outside the texts.")
    return text


def phase_narrative(tables: dict[str, pd.DataFrame], registry: pd.DataFrame, types: pd.DataFrame,
                    roles: pd.DataFrame) -> str:
    """The narrative as Markdown: a section per phase, then the events no phase holds."""
    events, evidence = tables["events"], tables["event_evidence"]
    documents, claims, hedges = tables["documents"], tables["claims"], tables["hedges"]
    noun, labels, names = corpus_noun(documents), short_ids(documents["doc_id"]), Names(registry, types, roles)
    if events.empty:
        return f"The {noun} yield no event, so the story has no phases to tell."
    phase, phases = assign_phases(events)
    windows = _windows(events, phases)
    published = documents.set_index("doc_id")["published"]
    all_share = (hedges["hedged"].astype(str) == "True").mean() if len(hedges) else 0.0
    seen_types, seen_actors, offices, previous, out = set(), set(), {}, None, []
    for p in phases[phases["phase"] != "undated"].itertuples():
        members = events[phase == p.phase].sort_values(["date", "event_id"])
        number = p.phase.split(":")[0]
        if number == "0":
            out += ["### Before the first summit", "",
                    f"The {noun} recall {_count(len(members), 'earlier event')} as background, from {p._3} to {p.to}: "
                    f"{names.types(members['type'].value_counts(), NAMED)}.", ""]
        else:
            opener = events[events["event_id"] == p.opened_by].iloc[0]
            start, end = windows[p.phase]
            doc_ids = sorted(published[(published != "") & (published >= start) & (published < end)].index)
            said = claims[claims["doc_id"].isin(doc_ids)]
            said_countries = {c for cell in said["speaker_country"] for c in _ids(cell)}
            actors, _ = _actors(members, seen_actors, offices, names)
            out += [f"### Phase {number}: {_e(opener['summary'].rstrip('.'))}", "",
                    f"*{p._3} to {p.to}; opened by the event above "
                    f"({cite(evidence[evidence['event_id'] == p.opened_by], labels, CITED)}).*", "",
                    f"**What changed.** {_what_changed(members, seen_types, previous, names)} "
                    f"{_most_reported(members, evidence, labels, noun)}", "",
                    f"**Who acts.** {actors}", "",
                    f"**Who speaks, and how sure.** {_voices(claims, hedges, doc_ids, all_share, labels, names, noun)} "
                    f"{_certainty(members)}", "",
                    f"**Support in figures.** {_figures(members, evidence, tables['quantities'], labels)}", "",
                    "**What the evidence cannot show.**", "",
                    *[f"- {line}" for line in _limits(members, doc_ids, said_countries, names, noun)], ""]
        for r in members.itertuples():
            for person in _ids(r.actor_ids):
                office = names.office(person, _first_day(r.date)) if r.date else ""
                if office:
                    offices[person] = (number, office)
        if number == "0":  # background is not a phase to compare with
            continue
        seen_types |= set(members["type"])
        seen_actors |= {a for cell in members["actor_ids"] for a in _ids(cell)}
        previous = members
    out += ["### Events outside the phases", "", _undated(events, evidence, phase, labels, noun)]
    return "\n".join(out)
