"""The report's narrative: phase by phase, what changed, who acted and spoke, how sure the coverage is,
and what the evidence cannot show.

Every sentence is a rule over the tables, for whatever corpus is in ``data/raw``. Two clocks are
kept apart: events belong to a phase by their own date (the phase rule of notebook 04, an event
placed by its first day, its figures shown again in each later phase its dates reach into, as still going
on); what the coverage said belongs to a phase by the date the text was published. A phase that no text was published in is known only from later coverage, and the
narrative says so.
"""

import html

import pandas as pd

from partnership.annotate.quantities import SUPPORT_REFERENTS
from partnership.events.coding import _first_day, _latest_day, assign_phases, is_phase_opener
from partnership.report.findings import COUNTED, PARTNERS, PRESSURE, SUPPORT_KINDS, _and, between_partners, cite, sides
from partnership.report.wording import corpus_noun, country_name, short_ids

CITED = 3  # citations per statement in the narrative; the tables hold the rest
NAMED = 3  # events, actors or figures named per statement
MIN_FOR_SHARES = 10  # fewer counted events than this in either phase: counts, not percentages
SUPPORT_EVENT_TYPES = ("arms_transfer", "troop_deployment")  # the events a figure of support can describe
STANCE_GROUPS = [("accusations, warnings and requests", "accusation, warning or request", PRESSURE),
                 ("statements of praise", "statement of praise", {"praise"}), ("denials", "denial", {"deny"})]
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


def _last_day(event) -> str:
    """The latest day an event may fall on: its end, its date, or (undated, between bounds) its upper bound."""
    value = event["date_end"] or event["date"] or event.get("date_not_after", "")
    return _latest_day(value) if value else "9999-12-31"


def _first_known(event) -> str:
    return event["date"] or event.get("date_not_before", "")


class Names:
    """How the narrative names entities, countries, event types and offices."""

    def __init__(self, registry: pd.DataFrame, types: pd.DataFrame, roles: pd.DataFrame):
        self.name = dict(zip(registry["entity_id"], registry["name"]))
        self.country_of = dict(zip(registry["entity_id"], registry["country"]))
        self.label = dict(zip(types["type"], types["label"]))
        self.strand = dict(zip(types["type"], types["strand"]))
        # what a type counts as when one partner acts toward the other ("Russia urges North Korea to supply")
        self.partner_strand = ({t: s for t, s in zip(types["type"], types["strand_between_partners"]) if s}
                               if "strand_between_partners" in types else {})
        self.roles = roles

    def entity(self, entity_id: str) -> str:
        return self.name.get(entity_id, entity_id)

    def state(self, code: str) -> str:
        return country_name(code)

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

    def strand_of(self, event) -> str:
        """cooperation (between the partners), reaction, context, other (others' dealings) or '' (not counted)."""
        if event["modality"] not in COUNTED:
            return ""
        strand = self.strand.get(event["type"], "")
        actors, recipients = sides(event, self.country_of)
        if event["type"] in self.partner_strand and len(actors) == len(recipients) == 1 \
                and actors | recipients == set(PARTNERS):
            strand = self.partner_strand[event["type"]]  # one partner toward the other
        if strand != "cooperation":
            return strand
        return "cooperation" if between_partners(actors, recipients) else "other"


def _asserted(evidence: pd.DataFrame) -> pd.DataFrame:
    """The evidence that tells an event as done (where a text only expected it, the rest)."""
    done = evidence[evidence["reported_as"] == "asserted"] if "reported_as" in evidence else evidence
    return done if len(done) else evidence


def _told(evidence, event_id, labels) -> str:
    return cite(_asserted(evidence[evidence["event_id"] == event_id]), labels, CITED)


def _windows(events: pd.DataFrame, phases: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Each phase's time: from its opener's first day to the next opener's."""
    openers = sorted(_first_day(e["date"]) for e in events.to_dict("records") if is_phase_opener(e))
    bounds = ["0000-00-00", *openers, "9999-99-99"]
    windows = {}
    for label in phases["phase"]:
        number = label.split(":")[0]
        if number.isdigit():
            windows[label] = (bounds[int(number)], bounds[int(number) + 1])
    return windows


def _strand_sentence(members, previous, names) -> str:
    strands = members.apply(names.strand_of, axis=1)
    coop, reaction, other = (int((strands == s).sum()) for s in ("cooperation", "reaction", "other"))
    counted = coop + reaction
    text = (f"{_count(coop, 'event')} of cooperation between {_and([names.state(c) for c in PARTNERS])} and "
            f"{reaction or 'none'} of reaction to it, from any side")
    if other:
        text += f" ({other} more between other states)"
    if previous is None or not len(previous):
        return text + "."
    before = previous.apply(names.strand_of, axis=1)
    b_coop, b_reaction = int((before == "cooperation").sum()), int((before == "reaction").sum())
    text += f", against {b_coop} and {b_reaction} in the phase before"
    b_counted = b_coop + b_reaction
    if min(counted, b_counted) >= MIN_FOR_SHARES:
        was, now = b_coop / b_counted, coop / counted
        change = ("about the same share" if abs(now - was) < 0.05 else
                  f"cooperation {'up' if now > was else 'down'} from {was:.0%} to {now:.0%} of the two")
        return text + f": {change}."
    return text + " (too few to compare as shares)."


def _what_changed(members, phase_start, earlier, previous, names) -> str:
    counts = members["type"].value_counts()
    text = f"Counted by what they are (asserted or alleged): {_strand_sentence(members, previous, names)}"
    years = members.apply(_first_known, axis=1).str[:4]
    years = years[years != ""].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    if len(years) > 1 and 2 * years.iloc[0] >= len(members):  # a long phase whose events crowd into one year
        text += f" {years.iloc[0]} of its {len(members)} events fall in {years.index[0]}."
    text += f" The commonest kinds: {names.types(counts, NAMED)}."
    if previous is None:
        return text
    new = counts[~counts.index.isin(set(earlier["type"]))]
    text += f" New in this phase: {names.types(new, NAMED)}." if len(new) else \
        " No kind of event appears that the earlier phases had not reported."
    running = earlier[earlier.apply(_last_day, axis=1) >= phase_start]  # may reach into this phase
    before = previous["type"].value_counts()
    gone = before[(before >= 2) & ~before.index.isin(set(members["type"]) | set(running["type"]))]
    if len(gone):
        text += (f" Reported more than once in the phase before, and neither reported since nor still running: "
                 f"{names.types(gone, NAMED)}.")
    return text


def _most_reported(members, evidence, labels, noun) -> str:
    shared = members[members["n_sources"].astype(int) >= 2]
    if shared.empty:
        return f"No event of the phase is reported by more than one {noun[:-1]}."
    top = shared.assign(n=shared["n_sources"].astype(int)).sort_values(["n", "date", "event_id"],
                                                                        ascending=[False, True, True]).head(NAMED)
    # cited across the articles counted, one sentence of each first
    parts = [f"{_e(r.summary.rstrip('.'))} ({r.n} {noun}; "
             f"{cite(evidence[evidence['event_id'] == r.event_id], labels, CITED, spread=True)})"
             for r in top.itertuples()]
    return f"Most widely reported: {'; '.join(parts)}."


def _actors(members, earlier_actors, offices_seen, names) -> str:
    acted = pd.Series([a for cell in members["actor_ids"] for a in _ids(cell)], dtype=str)
    if acted.empty:
        return "No actor is coded for these events."
    top = acted.value_counts().sort_index().sort_values(ascending=False, kind="stable").head(NAMED)
    text = "Acting in the most events: " + _and([f"{_e(names.entity(a))} ({n})" for a, n in top.items()]) + "."
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
    return text


def _voices(claims, hedges, doc_ids, labels, names, noun) -> str:
    if not doc_ids:
        return (f"No {noun[:-1]} in the corpus was published during this phase, so nobody is quoted at the time: "
                "what the corpus says about it, it says looking back.")
    said = claims[claims["doc_id"].isin(doc_ids)]
    parts = []
    for words, one, stances in STANCE_GROUPS:
        rows = said[said["stance"].isin(stances)]
        if rows.empty:
            continue
        by = pd.Series([c for cell in rows["speaker_country"] for c in _ids(cell)], dtype=str).value_counts()
        who = [names.state(c) for c in by.sort_index().sort_values(ascending=False, kind="stable").index]
        joint = int((rows["speaker_country"].map(lambda cell: len(_ids(cell))) > 1).sum())
        parts.append(f"{len(rows)} {words if len(rows) != 1 else one}"
                     f" ({cite(rows, labels, CITED)}), by speakers of {_e(_and(who)) or 'no named country'}"
                     + (f", {joint} of them joint" if joint else ""))
    text = (f"In the {_count(len(doc_ids), noun[:-1], noun)} published during this phase, "
            f"{_count(len(said), 'statement')} {'is' if len(said) == 1 else 'are'} attributed to a speaker")
    text += (": " + "; ".join(parts) + ".") if parts else ", none of them accusing, praising or denying."
    hedged = hedges[hedges["doc_id"].isin(doc_ids)]["hedged"].astype(str) == "True"
    if len(hedged):
        text += f" {hedged.mean():.0%} of their sentences carry a hedge word."
    return text


def support_figures(events, evidence, quantities) -> pd.DataFrame:
    """Each figure of support (transferred, pledged or deployed soldiers, materiel or money) with the one
    event it describes: an arms transfer or a deployment told in the same sentence, the earliest if several."""
    support = quantities[quantities["refers_to"].isin(SUPPORT_REFERENTS) & quantities["kind"].isin(SUPPORT_KINDS)]
    kinds = events[events["type"].isin(SUPPORT_EVENT_TYPES)][["event_id", "date", "date_end", "modality"]]
    told = evidence[["event_id", "doc_id", "sent_id"]].astype({"sent_id": str}).merge(kinds, on="event_id")
    found = support.astype({"sent_id": str}).merge(told, on=["doc_id", "sent_id"])
    found = found.sort_values(["doc_id", "start", "date", "event_id"], key=lambda c: c.replace("", "~")
                              if c.name == "date" else c)
    return found.drop_duplicates(["doc_id", "start"]).reset_index(drop=True)


def _dated(date: str, end: str) -> str:
    if not date:
        return ", undated"
    return f", {date} to {end}" if end and end != date else f", {date}"


def _figures(found, labels, where: str) -> str:
    if found.empty:
        return (f"No sentence telling an arms transfer or a deployment {where} gives a figure of soldiers, materiel "
                f"or money {_or(list(SUPPORT_REFERENTS))}.")
    whose = "its" if where == "of this phase" else "these"
    return (f"Figures in the sentences that tell {whose} arms transfers and deployments, each with the dates of the "
            f"event it describes: {_figure_list(found, labels)}.")


def _figure_list(found, labels) -> str:
    """The first figures, each with what it refers to, the event's own dates (so a figure from a long range
    placed by its first day reads as such) and its citation; then how many more."""
    parts = [f"“{_e(r.text)}” ({r.refers_to}{', ' + r.modality if r.modality != 'asserted' else ''}"
             f"{_dated(r.date, r.date_end)}; {cite(found.iloc[[i]], labels)})"
             for i, r in enumerate(found.head(NAMED).itertuples())]
    return "; ".join(parts) + (f"; and {len(found) - NAMED} more" if len(found) > NAMED else "")


def _continuing(earlier, phase_start: str, figures, labels) -> str:
    """Figures of events placed in an earlier phase (by their first day) whose dates reach into this one: a
    transfer told over a range goes on here, and a reader should not take the phase as without it."""
    if earlier.empty:
        return ""
    going_on = earlier[(earlier["date"] != "") & (earlier.apply(_last_day, axis=1) >= phase_start)]
    found = figures[figures["event_id"].isin(going_on["event_id"])]
    if found.empty:
        return ""
    return f" Still going on from an earlier phase, by the dates of the events they describe: {_figure_list(found, labels)}."


def _limits(members, later_start, doc_ids, documents, said_countries, names, labels, noun) -> list[str]:
    limits = []
    if doc_ids and len(doc_ids) <= 2:
        words = int(documents.loc[documents["doc_id"].isin(doc_ids), "n_words"].astype(int).sum())
        limits.append(f"What was said at the time rests on {_count(len(doc_ids), noun[:-1], noun)} "
                      f"({', '.join(labels.get(d, d) for d in doc_ids)}; {words:,} words).")
    single = members[members["n_sources"].astype(int) == 1]
    if len(single):
        limits.append(f"{len(single)} of the {_count(len(members), 'event')} rest on one {noun[:-1]} only.")
    alleged = members[members["modality"] == "alleged"]
    if len(alleged):
        limits.append(f"{_count(len(alleged), 'event')} {'is' if len(alleged) == 1 else 'are'} one side's claim that "
                      f"no {noun[:-1]} confirms: " + "; ".join(_e(s.rstrip(".")) for s in alleged["summary"].head(NAMED))
                      + (f"; and {len(alleged) - NAMED} more" if len(alleged) > NAMED else "") + ".")
    crossing = members[members.apply(_last_day, axis=1) >= later_start]
    if len(crossing):
        limits.append(f"{_count(len(crossing), 'event')} {'is' if len(crossing) == 1 else 'are'} dated only to a "
                      "month or a year, or over a range, that reaches past the next phase's opening: placed by "
                      f"{'its' if len(crossing) == 1 else 'their'} first day, "
                      f"{'it' if len(crossing) == 1 else 'they'} may belong to the next phase ("
                      + "; ".join(_e(s.rstrip(".")) for s in crossing["summary"].head(NAMED))
                      + (f"; and {len(crossing) - NAMED} more" if len(crossing) > NAMED else "") + ").")
    automatic = int((members["coding"] == "automatic").sum()) if "coding" in members else 0
    if automatic:
        limits.append(f"{_count(automatic, 'event')} {'was' if automatic == 1 else 'were'} made by rule and not "
                      "checked by a coder.")
    acting = {names.country_of.get(a, "") for cell in members["actor_ids"] for a in _ids(cell)} - {""}
    silent = sorted(acting - said_countries)
    if doc_ids and silent:
        limits.append(f"No speaker of {_e(_or([names.state(c) for c in silent]))} is quoted in the {noun} of "
                      f"the phase, though {'it acts' if len(silent) == 1 else 'they act'} in its events.")
    return limits


def _undated(events, evidence, phase, figures, labels, noun) -> list[str]:
    undated = events[phase == "undated"]
    if undated.empty:
        return [f"Every event the {noun} report is dated, so each belongs to a phase."]
    bounded = pd.Series(False, index=undated.index)
    for column in ("date_not_before", "date_not_after"):
        if column in undated:
            bounded |= undated[column].fillna("") != ""
    parts = []
    for r in undated.sort_values("event_id").head(NAMED * 2).itertuples():
        bound = " and ".join(f"{word} {getattr(r, column)}" for column, word in
                             (("date_not_before", "not before"), ("date_not_after", "not after"))
                             if getattr(r, column, ""))
        modality = "" if r.modality == "asserted" else f"{r.modality}; "
        parts.append(f"{_e(r.summary.rstrip('.'))} ({modality}{bound + '; ' if bound else ''}"
                     f"{_told(evidence, r.event_id, labels)})")
    rest = len(undated) - NAMED * 2
    more = f"; and {rest} more event{'s' * (rest != 1)}" if rest > 0 else ""
    one = len(undated) == 1
    text = (f"{_count(len(undated), 'event')} {'has' if one else 'have'} no date, or only bounds that do not fit "
            f"inside one phase, so {'it stands' if one else 'they stand'} outside the phases: {'; '.join(parts)}{more}.")
    if bounded.any():
        text += (f" {int(bounded.sum())} of them the {noun} bound without dating (the timeline draws a range, open "
                 "where only one bound is known); none of them is given a date from outside the texts.")
    return [text, "", _figures(figures[figures["event_id"].isin(undated["event_id"])], labels, "that no text dates")]


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
    figures = support_figures(events, evidence, tables["quantities"])
    earlier, offices, previous, out = events.iloc[0:0], {}, None, []
    for p in phases[phases["phase"] != "undated"].itertuples():
        members = events[phase == p.phase].sort_values(["date", "event_id"])
        number = p.phase.split(":")[0]
        if number == "0":
            out += ["### Before the first summit", "",
                    f"The {noun} recall {_count(len(members), 'earlier event')} as background, from {p._3} to {p.to}: "
                    f"{names.types(members['type'].value_counts(), NAMED)}.", ""]
            continue  # background is not a phase to compare with
        opener = events[events["event_id"] == p.opened_by].iloc[0]
        start, end = windows[p.phase]
        doc_ids = sorted(published[(published != "") & (published >= start) & (published < end)].index)
        said = claims[claims["doc_id"].isin(doc_ids)]
        said_countries = {c for cell in said["speaker_country"] for c in _ids(cell)}
        until = f"until the next opens on {end}" if end[0] != "9" else "with no later phase"
        between = int((members["date"] == "").sum())  # undated, placed here by bounds inside the phase
        held = f", {between} of them only known to fall between bounds inside it" if between else ""
        out += [f"### Phase {number}: {_e(opener['summary'].rstrip('.'))}", "",
                f"*Opened on {opener['date']} ({_told(evidence, p.opened_by, labels)}), {until}; its "
                f"{_count(len(members), 'event')} {'is' if len(members) == 1 else 'are'} dated {p._3} to {p.to}{held}.*", "",
                f"**What changed.** {_what_changed(members, start, earlier, previous, names)} "
                f"{_most_reported(members, evidence, labels, noun)}", "",
                f"**Who acts.** {_actors(members, set(_ids('|'.join(earlier['actor_ids']))), offices, names)}", "",
                f"**Who speaks, and how sure.** {_voices(claims, hedges, doc_ids, labels, names, noun)} "
                f"{_certainty(members)}", "",
                f"**Support in figures.** "
                f"{_figures(figures[figures['event_id'].isin(members['event_id'])], labels, 'of this phase')}"
                f"{_continuing(earlier, start, figures, labels)}", ""]
        limits = _limits(members, end, doc_ids, documents, said_countries, names, labels, noun)
        if limits:
            out += ["**What the evidence cannot show.**", "", *[f"- {line}" for line in limits], ""]
        for r in members.itertuples():
            for person in _ids(r.actor_ids):
                office = names.office(person, _first_day(r.date)) if r.date else ""
                if office:
                    offices[person] = (number, office)
        earlier = pd.concat([earlier, members])
        previous = members
    out += ["### Events outside the phases", "", *_undated(events, evidence, phase, figures, labels, noun)]
    return "\n".join(out)


def _certainty(members) -> str:
    asserted = int((members["modality"] == "asserted").sum())
    others = members[members["modality"] != "asserted"]["modality"].value_counts().sort_index()
    text = f"{asserted} of its {_count(len(members), 'event')} are reported as fact"
    if len(others):
        text += "; " + _and([f"{n} {NOT_ASSERTED.get(m, m)}" for m, n in others.items()])
    return text + "."
