"""Mentions: every name in the articles, linked to the entity registry by rule.

spaCy's ``EntityRuler`` finds the registry's surface forms (longest match wins,
so "U.N. Security Council" beats "Security Council"). Three rules then decide
what the pattern alone cannot:

1. **A form shared by several entities** ("Foreign Ministry", "Security
   Council") goes to the candidate whose country is named just before it
   ("Russia's Foreign Ministry", "Russian Security Council"); with no such
   country it stays unlinked and says why (rule ``ambiguous``).
2. **A bare short name that begins another person's full name** ("Kim", while
   "Kim Myong Sik" is also in the registry) means whichever of those people was
   last named in full earlier in the article; before any full name it means
   the entity that lists the short form as an alias (rule ``most_recent_full_name``).
3. **A capital or seat of power** (registry column ``government_of``) stands for
   its government ("Washington announced") unless a place cue from
   ``data/codebook/place_cues.csv`` comes just before it ("met in Pyongyang"),
   it is coordinated with such a place ("visited Vladivostok and Moscow"), or it
   is a dateline ("SEOUL:"). A possessive ("a role in Moscow's involvement")
   always stands for the government. ``stands_for`` then holds the state's entity_id.

Capitalised words that no form covers and the ignore list does not excuse are
recorded with an empty ``entity_id`` (``form`` = ``unlinked``) and listed in
``unlinked_names``, so a curator sees what to add.
"""

import bisect
from typing import NamedTuple

import numpy
import pandas as pd
import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from partnership import config
from partnership.codebook import load_rule_table
from partnership.corpus import Corpus
from partnership.annotate.entities import load_ignore_list, load_registry, surface_forms
from partnership.progress import progress
from partnership.corpus.sentences import name_like_flag, sentence_pipeline

PLACE_CUES_FILE = config.CODEBOOK_DIR / "place_cues.csv"
MENTION_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "entity_id", "type", "form", "stands_for", "rule"]
UNLINKED_COLUMNS = ["doc_id", "sent_id", "start", "end", "text"]
PLACE_TYPES = {"GPE", "LOC", "FAC"}
COORDINATORS = {"and", "or", ","}
POSSESSIVES = {"’s", "'s"}


def load_place_cues(path=PLACE_CUES_FILE) -> set[str]:
    return set(load_rule_table(path, ["word", "note"], required=["word"])["word"].str.lower())


class MentionFinder:
    """Finds and links the mentions of one Doc at a time; built once from the codebook."""

    def __init__(self, registry: pd.DataFrame | None = None, ignore: dict[str, str] | None = None,
                 place_cues: set[str] | None = None):
        self.registry = (load_registry() if registry is None else registry).set_index("entity_id")
        # plain dicts: a pandas lookup per mention costs more than the matching itself
        self.types = self.registry["type"].to_dict()
        self.countries = self.registry["country"].to_dict()
        self.governments = self.registry["government_of"].to_dict()
        self.ignore = load_ignore_list() if ignore is None else ignore
        self.place_cues = load_place_cues() if place_cues is None else place_cues
        forms = surface_forms(self.registry.reset_index())
        self.kind = forms.groupby("form")["kind"].agg(
            lambda kinds: "alias" if "alias" in set(kinds) else "demonym").to_dict()
        candidates = forms.groupby("form")["entity_id"].agg(lambda ids: sorted(set(ids)))
        self.rivals = self._short_name_rivals(forms)

        nlp = sentence_pipeline()
        ruler_nlp = spacy.blank("en", vocab=nlp.vocab)
        self.ruler = ruler_nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
        self.ruler.add_patterns([
            {"label": self.types[ids[0]], "pattern": form, "id": "|".join(ids)}
            for form, ids in candidates.items()
        ])

    def _short_name_rivals(self, forms: pd.DataFrame) -> dict[str, set[str]]:
        """One-word person aliases that begin another registered person's full name."""
        persons = forms[forms["entity_id"].map(self.registry["type"]) == "PERSON"]
        rivals = {}
        for short in persons.loc[~persons["form"].str.contains(" "), "form"].unique():
            owners = set(persons.loc[persons["form"] == short, "entity_id"])
            longer = set(persons.loc[persons["form"].str.startswith(short + " "), "entity_id"])
            if longer - owners:
                rivals[short] = owners | longer
        return rivals

    def matches(self, doc: Doc) -> list["Match"]:
        """The ruler's matches, longest first and never overlapping, in text order.

        This is the selection ``EntityRuler.set_annotations`` makes, without writing
        ``doc.ents``: that step walks every matched token and rebuilds the entity list
        for each match, and costs more than the matching itself.
        """
        chosen, seen = [], set()
        for match_id, start, end in self.ruler.match(doc):
            if start in seen or end - 1 in seen:
                continue
            label, _, pattern_id = doc.vocab.strings[match_id].partition(self.ruler.ent_id_sep)
            last = doc[end - 1]
            chosen.append(Match(start, end, doc[start].idx, last.idx + len(last), label, pattern_id))
            seen.update(range(start, end))
        return sorted(chosen)

    def find(self, doc: Doc, doc_id: str, sentence_starts: list[int], text: str | None = None) -> list[dict]:
        text = doc.text if text is None else text
        rows: list[dict] = []
        usage: dict[int, str] = {}  # token index of a mention's end -> "place" or ""
        matches = self.matches(doc)
        for ent in matches:
            form = text[ent.start_char:ent.end_char]
            entity_id, rule = self._link(doc, ent, form, ent.pattern_id, rows, sentence_starts)
            row = self._row(doc_id, sentence_starts, ent.start_char, ent.end_char, form)
            entity_type = self.types[entity_id] if entity_id else ent.label
            place = entity_type in PLACE_TYPES and self._used_as_place(doc, ent, usage)
            usage[ent.end] = "place" if place else ""
            government_of = self.governments[entity_id] if entity_id else ""
            row.update(entity_id=entity_id, type=entity_type, form=self.kind[form],
                       stands_for="" if place else government_of, rule=rule)
            rows.append(row)
        rows.extend(self._unlinked(doc, matches, doc_id, sentence_starts, text))
        return sorted(rows, key=lambda r: (r["start"], r["end"]))

    def _row(self, doc_id, sentence_starts, start, end, text) -> dict:
        return {"doc_id": doc_id, "sent_id": bisect.bisect_right(sentence_starts, start),
                "start": start, "end": end, "text": text}

    def _link(self, doc: Doc, ent: "Match", form: str, pattern_id: str, earlier: list[dict],
              sentence_starts: list[int]) -> tuple[str, str]:
        ids = pattern_id.split("|")
        if len(ids) > 1:
            country = self._country_before(doc, ent, earlier, sentence_starts)
            chosen = [i for i in ids if country and self.countries[i] == country]
            if len(chosen) == 1:
                return chosen[0], "country_before"
            return "", "ambiguous: " + " or ".join(ids)
        if form in self.rivals:
            rivals = self.rivals[form]
            for row in reversed(earlier):
                if row["entity_id"] in rivals and " " in row["text"]:
                    return row["entity_id"], "most_recent_full_name"
            return ids[0], "most_recent_full_name"
        return ids[0], self.kind[form]

    def _country_before(self, doc: Doc, ent: "Match", earlier: list[dict], sentence_starts: list[int]) -> str:
        """Country of a state named in the three tokens before ``ent`` ("Russia's", "Russian")."""
        sentence_start = sentence_starts[bisect.bisect_right(sentence_starts, ent.start_char) - 1]
        window_start = max(doc[max(ent.start - 3, 0)].idx, sentence_start)
        for row in reversed(earlier):
            if row["end"] <= ent.start_char and row["start"] >= window_start and row["entity_id"]:
                return self.countries[row["entity_id"]]
        return ""

    def _used_as_place(self, doc: Doc, ent: "Match", usage: dict[int, str]) -> bool:
        if ent.end < len(doc) and doc[ent.end].text in POSSESSIVES:
            return False
        before = _previous_word(doc, ent.start)
        if before is None:
            return ent.end < len(doc) and doc[ent.end].text == ":"  # a dateline
        if before.lower_ in self.place_cues:
            return True
        if before.lower_ in COORDINATORS:
            return usage.get(before.i) == "place"
        return False

    def _unlinked(self, doc: Doc, matches: list["Match"], doc_id: str, sentence_starts: list[int],
                  text: str) -> list[dict]:
        """Runs of capitalised tokens outside every entity ("Ambassador Zorina Vell", "Park Ji-won")."""
        covered = numpy.zeros(len(doc), dtype=bool)
        for ent in matches:
            covered[ent.start:ent.end] = True
        name_like = doc.to_array([name_like_flag(doc.vocab)]).astype(bool) & ~covered
        names = [i for i in numpy.flatnonzero(name_like).tolist() if self._is_a_name(doc[i].text)]
        rows, run = [], []
        for i in names:
            if run and i != run[-1] + 1:
                run = self._hyphen_joined(doc, run, names)
            if run and i != run[-1] + 1:
                rows.extend(self._close_run(doc, text, run, doc_id, sentence_starts))
                run = []
            run.append(i)
        if run:
            run = self._hyphen_joined(doc, run, names)
            rows.extend(self._close_run(doc, text, run, doc_id, sentence_starts))
        return rows

    @staticmethod
    def _hyphen_joined(doc: Doc, run: list[int], names: list[int]) -> list[int]:
        """Extend a run over "-word" written without spaces ("Soo-suk")."""
        last = run[-1]
        while last + 2 < len(doc) and doc[last + 1].text in {"-", "–"} and not doc[last + 1].whitespace_ \
                and doc[last + 2].is_alpha and doc[last].whitespace_ == "":
            run = run + [last + 1, last + 2]
            last += 2
        return run

    def _close_run(self, doc, text, run, doc_id, sentence_starts) -> list[dict]:
        start, end = doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]].text)
        row = self._row(doc_id, sentence_starts, start, end, text[start:end])
        row.update(entity_id="", type="", form="unlinked", stands_for="", rule="unlinked")
        return [row]

    def _is_a_name(self, text: str) -> bool:
        if text in self.ignore:
            return False
        # Capitalised function words ("The", "In") are sentence openers, not names; "US" is kept.
        return not (text.lower() in STOP_WORDS and not text.isupper())


class Match(NamedTuple):
    """A registry form found in a Doc: token span, character span, entity type and pattern id."""

    start: int
    end: int
    start_char: int
    end_char: int
    label: str
    pattern_id: str


def _previous_word(doc: Doc, i: int):
    """The token before position ``i`` on the same line, skipping spaces; None at a line start."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        if "\n" in doc[j].text:
            return None
        j -= 1
    if j < 0 or "\n" in doc[j].whitespace_:
        return None
    return doc[j]


def find_mentions(corpus: Corpus, finder: MentionFinder | None = None) -> pd.DataFrame:
    """The mentions table for a whole corpus, in document and text order."""
    finder = finder or MentionFinder()
    starts = corpus.sentences.groupby("doc_id")["start"].agg(list)
    rows = []
    for doc_id, doc in progress(corpus.docs.items(), "mentions", len(corpus.docs)):
        rows.extend(finder.find(doc, doc_id, starts.get(doc_id, []), corpus.text(doc_id)))
    return mentions_table(rows)


def mentions_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).sort_values(["doc_id", "start", "end"], ignore_index=True)


def unlinked_names(mentions: pd.DataFrame) -> pd.DataFrame:
    """The names no registry entry covers, for a curator to add (or to ignore, with a reason)."""
    unlinked = mentions[mentions["form"] == "unlinked"]
    return unlinked[UNLINKED_COLUMNS].reset_index(drop=True)
