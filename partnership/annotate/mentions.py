"""Mentions: every name in the articles, linked to the entity registry by rule.

spaCy's ``EntityRuler`` finds the registry's surface forms (longest match wins,
so "U.N. Security Council" beats "Security Council"). Five rules then decide
what the pattern alone cannot:

1. **A form shared by several entities** ("Foreign Ministry", "Security
   Council") goes to the candidate whose country is named just before it
   ("Russia's Foreign Ministry", "Russian Security Council"); with no such
   country it stays unlinked and says why (rule ``ambiguous``); named with "of" and a state for
   which the registry has no such body ("Ministry of Foreign Affairs of Japan"), the whole is one
   unlinked name for a curator to add.
2. **A bare short name that begins another person's full name** ("Kim", while
   "Kim Myong Sik" is also in the registry) means whichever of those people was
   last named in full earlier in the article; before any full name it means
   the entity that lists the short form as an alias (rule ``most_recent_full_name``). A Korean or
   Chinese family name alone ("talks with Choe") is the person last named in full with it.
3. **A capital or seat of power** (registry column ``government_of``) stands for
   its government ("Washington announced") unless a place cue from
   ``data/codebook/place_cues.csv`` comes just before it ("met in Pyongyang"),
   it is coordinated with such a place ("visited Vladivostok and Moscow"), or it
   is a dateline ("SEOUL:"). A possessive ("a role in Moscow's involvement")
   always stands for the government. ``stands_for`` then holds the state's entity_id.
4. **A state by the compass word its name opens with** ("the North" once North Korea is
   named, "the South" once South Korea is): only after "the", only when one such state was
   named earlier in the text, and not when a name or "of" follows ("the North Atlantic
   Council", "the North of England") (rule ``compass_short``).
5. **A body named right after its parent** ("United Nations Security Council") is one mention
   of the body, by the registry's ``part_of`` (rule ``part_of``).

Capitalised words that no form covers and the ignore list does not excuse are
recorded with an empty ``entity_id`` (``form`` = ``unlinked``) and listed in
``unlinked_names``, so a curator sees what to add.
"""

import bisect
import calendar
import re
from operator import itemgetter
from typing import NamedTuple

import numpy
import pandas as pd
from spacy.attrs import ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from partnership import config
from partnership.arrays import TokenAttrs, member, sorted_ids
from partnership.codebook import load_rule_table
from partnership.corpus import Corpus
from partnership.annotate.entities import load_alone_only, load_ignore_list, load_registry, surface_forms
from partnership.annotate.names import (COMPASS, HYPHENS, NAME_SUFFIXES, PATRONYMIC, NameFinder, cited_author, is_common,
                                        title_key)
from partnership.annotate.normalise import case_class, case_fits, fold
from partnership.progress import progress
from partnership.corpus.sentences import sentence_pipeline

PLACE_CUES_FILE = config.CODEBOOK_DIR / "place_cues.csv"
NAME_CONTEXT_FILE = config.CODEBOOK_DIR / "name_context.csv"
MENTION_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "entity_id", "type", "form", "stands_for", "rule",
                   "role"]
UNLINKED_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "role"]
PLACE_TYPES = {"GPE", "LOC", "FAC"}
# "On 27 July Shoigu watched": a month or weekday before a surname is no given name
CALENDAR_WORDS = {w.lower() for w in [*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr] if w}
COORDINATORS = {"and", "or", ","}
LANGUAGE_BEFORE = {"in", "into", "learnt", "learned", "learn", "speak", "speaks", "spoke", "speaking", "fluent"}
POSSESSIVES = {"’s", "'s"}


def _lowered_name(classes: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """A one-word name written all in lower case that is no English word: "russia", "russian" (some house
    styles write a state they refuse to honour so); not "china", "turkey", nor an acronym ("un")."""
    word = words[0] if len(words) == 1 else ""
    return classes == ("title",) and case_class(word) == "lower" and word.isalpha() and not is_common(word) \
        and word.removesuffix("ern") not in COMPASS  # "the west", "western": directions


def load_name_context(path=NAME_CONTEXT_FILE) -> dict[str, set[str]]:
    """Words that, in the same sentence, decide a name several entities share (see ``_shared``)."""
    table = load_rule_table(path, ["entity_id", "word", "note"], required=["entity_id", "word"])
    context: dict[str, set[str]] = {}
    for entity_id, word in zip(table["entity_id"], table["word"]):
        context.setdefault(entity_id, set()).add(word)
    return context


def load_place_cues(path=PLACE_CUES_FILE) -> set[str]:
    return set(load_rule_table(path, ["word", "note"], required=["word"])["word"].str.lower())


FAMILY_NAME_FIRST = {"PRK", "KOR", "CHN"}  # the registry countries whose people's names open with the family name
# " A. Yu.", " L. E." after a surname in capitals; not a middle initial before a surname in capitals ("XAVIER T. BRUNSON")
INITIALS_AFTER = re.compile(r" [A-Z][a-z]?\.(?: ?[A-Z][a-z]?\.)?(?=[\s,;:]|$)(?![ \t]+[A-Z]{2,}\b)")


class MentionFinder:
    """Finds and links the mentions of one Doc at a time; built once from the codebook."""

    def __init__(self, registry: pd.DataFrame | None = None, ignore: dict[str, str] | None = None,
                 place_cues: set[str] | None = None):
        self.registry = (load_registry() if registry is None else registry).set_index("entity_id")
        # plain dicts: a pandas lookup per mention costs more than the matching itself
        self.types = self.registry["type"].to_dict()
        self.countries = self.registry["country"].to_dict()
        self.governments = self.registry["government_of"].to_dict()
        self.part_of = {k: v for k, v in self.registry["part_of"].to_dict().items() if v}
        self.context_words = load_name_context()
        self.ignore = load_ignore_list() if ignore is None else ignore
        self.place_cues = load_place_cues() if place_cues is None else place_cues
        self.names = NameFinder(self.ignore, alone=load_alone_only())
        forms = surface_forms(self.registry.reset_index())
        self.kind = forms.groupby("form")["kind"].agg(
            lambda kinds: "alias" if "alias" in set(kinds) else "demonym").to_dict()
        candidates = forms.groupby("form")["entity_id"].agg(lambda ids: sorted(set(ids)))
        self.rivals = self._short_name_rivals(forms)
        # person -> the folded first words of its names of several words ("sergei", "sergey"; "kim")
        self.given_names: dict[str, set[str]] = {}
        for form, entity_id in zip(forms["form"], forms["entity_id"]):
            if self.types[entity_id] == "PERSON" and " " in form:
                for variant in _spelling_variants(form.split(" ")):
                    self.given_names.setdefault(entity_id, set()).add(fold(variant[0]))
        # "the North", "the South": a state whose name opens with a compass word, by that word alone
        self.compass_states: dict[str, list[str]] = {}
        for entity_id, row in self.registry.iterrows():
            first, _, rest = row["name"].partition(" ")
            if row["type"] == "GPE" and row["role"] == "state" and rest and first.lower() in COMPASS:
                self.compass_states.setdefault(first, []).append(entity_id)

        nlp = sentence_pipeline()
        self.vocab = nlp.vocab
        self.folded: set[int] = set()  # word types whose NORM already holds their folded key
        self.matcher = PhraseMatcher(self.vocab, attr="NORM")
        # key -> the registry forms that fold to it: (form, ids, capitalisation of each word)
        self.alternatives: dict[str, list[tuple[str, list[str], tuple[str, ...]]]] = {}
        for form, ids in candidates.items():
            words = [t.text for t in nlp.make_doc(form)]
            person = self.types[ids[0]] == "PERSON"
            for variant in _spelling_variants(words) if person else [words]:
                key = " ".join(fold(w) for w in variant)
                if key not in self.alternatives:
                    self.alternatives[key] = []
                    self.matcher.add(key, [self._pattern(variant)])
                self.alternatives[key].append((form, ids, tuple(case_class(w) for w in variant)))
        self.lexical: dict = {}  # word type -> its attributes, for TokenAttrs
        self._fits: dict[tuple[int, tuple[str, ...]], tuple[str, list[str]] | None] = {}  # see ``_fitting``

    def _pattern(self, words: list[str]) -> Doc:
        doc = Doc(self.vocab, words=words)
        self._fold_norms(doc)
        return doc

    def _fold_norms(self, doc: Doc, orths: list[int] | None = None) -> None:
        """Give every new word type its folded key as NORM (once per type, not per token), in the
        order of their ids. ``orths``: the Doc's ORTH ids, when already read."""
        orths = doc.to_array([ORTH]).ravel().tolist() if orths is None else orths
        for orth in sorted(set(orths) - self.folded):  # a set difference: most types are known
            self.vocab[orth].norm_ = fold(self.vocab.strings[orth])
            self.folded.add(orth)

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

    def matches(self, doc: Doc, tokens: TokenAttrs | None = None) -> list["Match"]:
        """Registry forms in ``doc``, longest first and never overlapping, in text order.

        Words are compared by their folded keys (``partnership.annotate.normalise``), so
        "Kim Jong-un", "Sergey Lavrov" and "KIM JONG UN" meet the registry's spelling; a
        match stands only where the text's capitalisation fits the form's.
        """
        tokens = tokens or TokenAttrs(doc, self.lexical)  # words cut from the text: no Token per match
        self._fold_norms(doc, tokens.orth)
        found = []
        text = doc.user_data.get("text") or doc.text
        idx, length = tokens.idx, tokens.length
        fits = self._fits
        for match_id, start, end in self.matcher(doc):
            if end - start == 1:  # most matches are one word: no range, no list
                words = (text[idx[start]:idx[start] + length[start]],)
            else:
                words = tuple([text[idx[k]:idx[k] + length[k]] for k in range(start, end)])
            fit = fits[match_id, words] if (match_id, words) in fits else self._fitting(match_id, words)
            if fit is not None:
                found.append((start - end, start, end, *fit))  # sorted by the first two: longest, then first
        chosen, taken = [], bytearray(tokens.n)  # taken[i]: token i is in a chosen match
        others: set[tuple[str, str]] = set()  # (given name, surname) of another person than the registry's
        starts = {m[1] for m in found}
        for _, start, end, form, ids in sorted(found, key=itemgetter(0, 1)):
            if taken[start] or (end - start > 1 and any(taken[start:end])):
                continue
            if end - start == 1 and self.types[ids[0]] == "PERSON" and end < tokens.n and end not in starts \
                    and tokens.is_alpha(end) and tokens.text(end)[:1].isupper() and tokens.whitespace(start):
                continue  # "Kim Yung-ho", "Kim Il Sung Square": a longer name the registry lacks
            if end - start == 1 and self.types[ids[0]] == "PERSON" and cited_author(text, tokens.end_char(start)):
                continue  # "(Kim and Park, 2023)": an author cited by surname, not the registry's Kim
            if end - start == 1 and self.types[ids[0]] == "PERSON" and self._other_given_name(tokens, start, ids, taken):
                others.add((tokens.lower(start - 1), tokens.lower(start)))
                continue  # "Penny Wong", "Andrew Kim": another person of the registry person's surname
            if end - start == 1 and self.types[ids[0]] == "LOC" and end + 1 < tokens.n and not tokens.whitespace(start) \
                    and tokens.text(end) in HYPHENS and not tokens.whitespace(end) and end + 1 not in starts \
                    and tokens.text(end + 1)[:1].isupper() and tokens.is_alpha(end + 1):
                continue  # "Asia-Pacific": a region named by a compound the registry lacks, not Asia
            if end - start == 1 and self.types[ids[0]] == "LOC" and self._given_name_before(tokens, start, starts) \
                    and not (end < tokens.n and tokens.text(end)[:1].isupper() and not tokens.text(end).isupper()):
                continue  # "Catherine West", "Mae West": a person's surname that is also a region's name
            chosen.append(Match(start, end, idx[start], tokens.end_char(end - 1), self.types[ids[0]],
                                "|".join(ids), form))
            taken[start:end] = b"\x01" * (end - start)
        if others:  # "Penny Wong said" opening a sentence: the same other person as "Senator Penny Wong" before
            chosen = [m for m in chosen if not (m.end - m.start == 1 and m.start > 0 and tokens.whitespace(m.start - 1) == " "
                                                and (tokens.lower(m.start - 1), tokens.lower(m.start)) in others)]
        return sorted(chosen)

    def _other_given_name(self, tokens, start: int, ids: list[str], taken) -> bool:
        """Is the word before a one-word person alias a given name none of its persons has? Capitalised,
        no title or other name (a common word only after a title: "Senator Penny Wong"), one space before the
        alias; a middle name or patronymic after the registry's given name ("Vladimir Vladimirovich Putin")
        is the same person."""
        before = start - 1
        known = set().union(*(self.given_names.get(i, set()) for i in ids))
        if not known or before < 0 or taken[before] or tokens.whitespace(before) != " " or not tokens.is_alpha(before):
            return False
        word = tokens.text(before)
        if not word[:1].isupper() or word.isupper() or title_key(word) in self.names.titles or fold(word) in known \
                or word.lower() in CALENDAR_WORDS:
            return False
        previous = tokens.text(before - 1) if before >= 1 and tokens.whitespace(before - 1) == " " else ""
        if is_common(word) and title_key(previous) not in self.names.titles:
            return False  # "Secretary of State Rubio", "When Kim": a given name that is a word only after a title
        return fold(previous) not in known

    def _given_name_before(self, tokens, start: int, starts) -> bool:
        """Is the word before ``start`` a given name: capitalised, no common word, title or registry form,
        one space before the match, and not opening the run after a compass word ("North")?"""
        before = start - 1
        if before < 0 or before in starts or tokens.whitespace(before) != " " or not tokens.is_alpha(before):
            return False
        word = tokens.text(before)
        if not word[:1].isupper() or word.isupper() or is_common(word) or title_key(word) in self.names.titles:
            return False
        return before == 0 or not tokens.text(before - 1)[:1].isupper() or tokens.whitespace(before - 1) != " "

    def _fitting(self, match_id: int, words: tuple[str, ...]) -> tuple[str, list[str]] | None:
        """(form, ids) of the first registry form of the match's key whose capitalisation the words fit,
        or None. Remembered per key and spelling: the same names recur in every article."""
        key = (match_id, words)
        if key not in self._fits:
            if len(self._fits) >= 50_000:  # bounded: a corpus of ever new spellings cannot grow it forever
                self._fits.clear()
            self._fits[key] = next(((form, ids) for form, ids, classes in self.alternatives[self.vocab.strings[match_id]]
                                    if case_fits(classes, list(words)) or _lowered_name(classes, words)), None)
        return self._fits[key]

    def find(self, doc: Doc, doc_id: str, sentence_starts: list[int], text: str | None = None,
             author: str = "") -> list[dict]:
        text = doc.text if text is None else text
        rows: list[dict] = []
        usage: dict[int, str] = {}  # token index of a mention's end -> "place" or ""
        tokens = TokenAttrs(doc, self.lexical)
        matches = self.matches(doc, tokens)
        author_ids = [i for i in author.split("|") if i in self.types]
        skip: set[int] = set()  # matches absorbed into the official name before them
        for k, ent in enumerate(matches):
            if k in skip:
                continue
            form = ent.form
            if self.kind[form] == "demonym" and self._names_a_language(tokens, ent, len(doc)):
                continue
            entity_id, rule = self._link(doc, ent, form, ent.pattern_id, rows, sentence_starts, author_ids)
            end_char = ent.end_char
            if len(ent.pattern_id.split("|")) > 1:
                of = self._of_state(doc, matches, k, ent.pattern_id.split("|"))
                if of is not None:  # "Security Council of the Russian Federation": one mention
                    (entity_id, rule), last = of
                    end_char = matches[last].end_char
                    skip.add(last)
            body = self._body_of(doc, matches, k)
            if body is not None:  # "United Nations Security Council": the body, named with its parent
                entity_id, rule, end_char = body, "part_of", matches[k + 1].end_char
                skip.add(k + 1)
            row = self._row(doc_id, sentence_starts, ent.start_char, end_char, text[ent.start_char:end_char])
            entity_type = self.types[entity_id] if entity_id else ent.label
            place = entity_type in PLACE_TYPES and self._used_as_place(tokens, ent, usage)
            usage[ent.end] = "place" if place else ""
            government_of = self.governments[entity_id] if entity_id else ""
            row.update(entity_id=entity_id, type=entity_type, form=self.kind[form],
                       stands_for="" if place else government_of, rule=rule, role="")
            if rule == "unlinked":
                row.update(type="", form="unlinked")
            rows.append(row)
        names = self._unlinked(doc, matches, doc_id, sentence_starts, text)
        person_at = {r["start"]: r for r in rows}
        addressed: dict[str, dict] = {}  # "Andrei Yurievich" -> the person "Andrei Yurievich Rudenko" is
        for name in [n for n in names if n.get("extends") is not None]:
            names.remove(name)
            person = person_at.get(name["extends"])
            if person is not None:  # "Sergei Kuzhugetovich Shoigu": the registry person's full name
                person.update(start=name["start"], text=text[name["start"]:person["end"]])
                if PATRONYMIC.fullmatch(name["text"].split()[-1]):
                    addressed[" ".join(fold(w) for w in name["text"].split())] = person
        for name in [n for n in names if " ".join(fold(w) for w in n["text"].split()) in addressed]:
            # "Please, Andrei Yurievich": given name and patronymic, the Russian form of address, of the
            # person named with them before
            person = addressed[" ".join(fold(w) for w in name["text"].split())]
            if person["start"] < name["start"]:
                name.update(entity_id=person["entity_id"], type=person["type"], form="alias",
                            stands_for=person["stands_for"], rule="given_names", role="")
                names.remove(name)
                rows.append(name)
        for name in [n for n in names if " " not in n["text"] and n["text"][:1].isupper()]:
            # "talks with Choe": a family name alone, after the person was named in full (family name first in
            # Korean and Chinese names), is the person last so named
            person = next((r for r in reversed(rows) if r["start"] < name["start"] and r["type"] == "PERSON"
                           and self.countries.get(r["entity_id"]) in FAMILY_NAME_FIRST and " " in r["text"]
                           and fold(r["text"].split()[0]) == fold(name["text"])), None)
            if person is not None:
                name.update(entity_id=person["entity_id"], type="PERSON", form="alias",
                            stands_for=person["stands_for"], rule="most_recent_full_name", role="")
                names.remove(name)
                rows.append(name)
        rows.sort(key=lambda r: r["start"])
        name_at = {n["start"]: n for n in names}
        for row in list(rows):  # "United States Forces Korea", "U.S. Indo-Pacific Command": a state's or body's
            # name opening a longer institution's name is part of it
            name = name_at.get(row["end"] + 1)
            if name is not None and text[row["end"]] == " " and row["form"] == "alias" \
                    and row["type"] in ("GPE", "ORG") and not name["text"].startswith(("and ", "or ")) \
                    and name["text"][:1].isalpha() \
                    and (any(w.title() in self.names.body_heads and w[:1].isupper() for w in name["text"].split())
                         or (row["type"] == "GPE" and name["text"].split()[-1].lower() in self.names.facility_heads
                             and name["text"].split()[-1][:1].isupper())) \
                    and not name.get("role"):  # "Pyongyang International Airport": a city's facility too
                rows.remove(row)
                name.update(start=row["start"], text=text[row["start"]:name["end"]])
                del name_at[row["end"] + 1]
                name_at[row["start"]] = name
        for row in rows + names:  # "SHOIGU, Sergei Kuzhugetovich": a directory's inverted head, surname in capitals
            given = name_at.get(row["end"] + 2) if text[row["end"]:row["end"] + 2] == ", " else None
            if given is not None and given is not row and row["type"] in ("PERSON", "") \
                    and row["text"].isupper() and row["text"].isalpha() and len(row["text"]) > 1 \
                    and not given["text"].isupper():
                names.remove(given)
                del name_at[given["start"]]
                row.update(end=given["end"], text=text[row["start"]:given["end"]])
        for row in rows + names:  # "RUDENKO A. Yu.": a stenogram's surname in capitals, then the initials
            initials = INITIALS_AFTER.match(text, row["end"]) if row["text"].isupper() and row["text"].isalpha() \
                and row["type"] in ("PERSON", "") and len(row["text"]) > 2 else None
            if initials is not None:
                row.update(end=initials.end(), text=text[row["start"]:initials.end()])
                names = [n for n in names if n is row or not row["start"] <= n["start"] < row["end"]]
        for row in rows:  # "Joseph R. Biden Jr.": a suffix after a person's name is part of it
            if row["type"] == "PERSON" and text[row["end"]:row["end"] + 1] == " " \
                    and text[row["end"] + 1:row["end"] + 4] in NAME_SUFFIXES:
                row.update(end=row["end"] + 4, text=text[row["start"]:row["end"] + 4])
        rows += self._compass_states(doc, doc_id, sentence_starts, text, rows, names)
        # the rows inside an unlinked name, found by the rows' sorted starts (a scan of every row per
        # name grew with the square of the document's length)
        by_start = sorted((r["start"], r["end"]) for r in rows)
        starts = [start for start, _ in by_start]
        absorbed = set()
        for name in names:
            for start, end in by_start[bisect.bisect_left(starts, name["start"]):
                                       bisect.bisect_left(starts, name["end"])]:
                if end <= name["end"]:
                    absorbed.add((start, end))
        rows = [r for r in rows if (r["start"], r["end"]) not in absorbed]
        return sorted(rows + names, key=lambda r: (r["start"], r["end"]))

    def _body_of(self, doc: Doc, matches: list["Match"], k: int) -> str | None:
        """The entity of the next match when it directly follows match ``k`` and is part of it."""
        if k + 1 >= len(matches):
            return None
        ent, nxt = matches[k], matches[k + 1]
        if nxt.start != ent.end or not doc[ent.end - 1].whitespace_ or "\n" in doc[ent.end - 1].whitespace_:
            return None
        parents = set(ent.pattern_id.split("|"))
        bodies = [e for e in nxt.pattern_id.split("|") if self.part_of.get(e) in parents]
        return bodies[0] if len(bodies) == 1 else None

    def _compass_states(self, doc: Doc, doc_id: str, sentence_starts, text: str, rows, names) -> list[dict]:
        """"the North" after North Korea is named, "the South" after South Korea: the state by the first
        word of its name, when only one state so named came before and no name goes on after the word."""
        if not self.compass_states:
            return []
        orths = doc.to_array([ORTH])
        wanted = [self.vocab.strings[w] for w in self.compass_states]
        taken = [(r["start"], r["end"]) for r in rows + names]
        found = []
        for i in numpy.flatnonzero(member(orths, sorted_ids(wanted))).tolist():
            word = doc[i]
            if i == 0 or doc[i - 1].lower_ != "the" or not word.whitespace_ and i + 1 < len(doc) \
                    and doc[i + 1].text in HYPHENS:
                continue  # "North-East", "a North ..."
            after = doc[i + 1] if i + 1 < len(doc) else None
            if after is not None and ((after.is_alpha and after.text[:1].isupper()) or (
                    after.lower_ == "of" and i + 2 < len(doc) and not doc[i + 2].is_lower)):
                continue  # "the North Atlantic Council", "the North of England"; not "accused the North of shipping"
            if any(s <= word.idx < e for s, e in taken):
                continue
            named = [e for e in self.compass_states[word.text]
                     if any(r["entity_id"] == e and r["start"] < word.idx for r in rows)]
            if len(named) != 1:
                continue
            row = self._row(doc_id, sentence_starts, word.idx, word.idx + len(word.text), word.text)
            row.update(entity_id=named[0], type=self.types[named[0]], form="alias", stands_for="",
                       rule="compass_short", role="")
            found.append(row)
        return found

    def _row(self, doc_id, sentence_starts, start, end, text) -> dict:
        return {"doc_id": doc_id, "sent_id": bisect.bisect_right(sentence_starts, start),
                "start": start, "end": end, "text": text}

    def _affiliation(self, entity_id: str) -> str:
        """What places an entity among others of the same name: its country, else what it is part of."""
        return self.countries[entity_id] or self.part_of.get(entity_id, "")

    def _keys(self, entity_id: str) -> set[str]:
        """What a mention of ``entity_id`` says about context: its country and itself."""
        return {entity_id, self.countries.get(entity_id, "")} - {""}

    def _link(self, doc: Doc, ent: "Match", form: str, pattern_id: str, earlier: list[dict],
              sentence_starts: list[int], author_ids: list[str] = ()) -> tuple[str, str]:
        ids = pattern_id.split("|")
        if len(ids) > 1:
            return self._shared(doc, ent, ids, earlier, sentence_starts, author_ids)
        if form in self.rivals:
            rivals = self.rivals[form]
            for row in reversed(earlier):
                if row["entity_id"] in rivals and " " in row["text"]:
                    return row["entity_id"], "most_recent_full_name"
            return ids[0], "most_recent_full_name"
        return ids[0], self.kind[form]

    def _shared(self, doc: Doc, ent: "Match", ids: list[str], earlier: list[dict], sentence_starts: list[int],
                author_ids: list[str]) -> tuple[str, str]:
        """A name several entities share, decided by the first of these that settles it:

        1. ``country_before``: a state or its people named in the three words before it
           ("Russia's Foreign Ministry", "the Russian Security Council");
        2. ``collocation``: a word of ``data/codebook/name_context.csv`` in the sentence
           ("Security Council resolution 2397" is the UN's);
        3. ``earlier_in_text``: the entity the same text gave this name before (one
           sense per discourse; "the UN Security Council ... the Security Council");
        4. ``author``: the text's author, or a body of the author's country;
        5. ``context``: the only candidate whose country (or organisation) the sentence names.
        With none, it stays unlinked and says why (``ambiguous: ...``).
        ("... of the Russian Federation" after it is read by ``_of_state``.)
        """
        country = self._country_before(doc, ent, earlier, sentence_starts)
        chosen = [i for i in ids if country and self.countries[i] == country]
        if len(chosen) == 1:
            return chosen[0], "country_before"
        foreign = bool(country) and country not in {self.countries[i] for i in ids}
        if foreign and self._possessor_before(doc, ent):
            # "Japan's Defense Ministry", "a senior Japanese Defense Ministry official": the body of a state
            # none of the registry's bodies of that name belongs to, a name the registry lacks
            return "", "unlinked"
        k = bisect.bisect_right(sentence_starts, ent.start_char) - 1
        sentence_start = sentence_starts[k]
        sentence_end = sentence_starts[k + 1] if k + 1 < len(sentence_starts) else len(doc.text)
        span = doc.char_span(sentence_start, sentence_end, alignment_mode="expand")
        words = {t.text for t in span} if span is not None else set()
        chosen = [i for i in ids if self.context_words.get(i, set()) & words]
        if len(chosen) == 1:
            return chosen[0], "collocation"
        for row in reversed(earlier):
            if row["entity_id"] in ids:
                return row["entity_id"], "earlier_in_text"
        author_countries = {self.countries.get(a, "") for a in author_ids} - {""}
        chosen = [i for i in ids if i in author_ids] or [i for i in ids if self.countries[i] in author_countries]
        if len(chosen) == 1:
            return chosen[0], "author"
        named = set()
        for row in earlier:
            if row["start"] >= sentence_start and row["entity_id"]:
                named |= self._keys(row["entity_id"])
        chosen = [i for i in ids if self._affiliation(i) and self._affiliation(i) in named]
        if len(chosen) == 1:
            return chosen[0], "context"
        return "", "ambiguous: " + " or ".join(ids)

    def _of_state(self, doc: Doc, matches: list["Match"], k: int, ids: list[str]):
        """"Foreign Ministry of Russia", "Security Council of the Russian Federation": the named state's."""
        ent = matches[k]
        if k + 1 >= len(matches):
            return None
        nxt = matches[k + 1]
        between = [t.lower_ for t in doc[ent.end:nxt.start]]
        if between not in (["of"], ["of", "the"]) or nxt.label != "GPE":
            return None
        country = self.countries[nxt.pattern_id.split("|")[0]]
        chosen = [i for i in ids if country and self.countries[i] == country]
        if not chosen and country and not any(self.countries[i] == "" for i in ids):
            # "Ministry of Foreign Affairs of Japan" with no Japanese ministry in the registry: one
            # unknown name, for a curator to add, not a wrong ministry and a stray "Japan"
            return ("", "unlinked"), k + 1
        if len(chosen) != 1:
            return None
        return (chosen[0], "of_state"), k + 1

    @staticmethod
    def _possessor_before(doc: Doc, ent: "Match") -> bool:
        """Is the word right before the name a possessive or a demonym-like adjective ("Japan's", "Japanese"),
        so that the state before owns the body, rather than only standing near it ("Russia and China vetoed a
        Security Council resolution")?"""
        if ent.start == 0:
            return False
        before = doc[ent.start - 1]
        return before.text in ("'s", "’s") or (before.text[:1].isupper() and before.is_alpha
                                               and before.lower_.endswith(("ese", "an", "ish", "i")))

    def _country_before(self, doc: Doc, ent: "Match", earlier: list[dict], sentence_starts: list[int]) -> str:
        """Country of a state named in the three tokens before ``ent`` ("Russia's", "Russian")."""
        sentence_start = sentence_starts[bisect.bisect_right(sentence_starts, ent.start_char) - 1]
        window_start = max(doc[max(ent.start - 3, 0)].idx, sentence_start)
        for row in reversed(earlier):
            if row["end"] <= ent.start_char and row["start"] >= window_start and row["entity_id"]:
                return self.countries[row["entity_id"]]
        return ""

    @staticmethod
    def _names_a_language(tokens: TokenAttrs, ent: "Match", n_tokens: int) -> bool:
        """"[Putin, in Russian]", "he learnt Russian.": a demonym after "in" or a verb of speaking, with no
        noun after it, names a language, not the state ("in Russian hands" still tells the state)."""
        if ent.start == 0 or tokens.lower(ent.start - 1) not in LANGUAGE_BEFORE:
            return False
        after = ent.end
        return after >= n_tokens or not tokens.is_alpha(after) or tokens.lower(after) in {"and", "or", "with", "by"}

    def _used_as_place(self, tokens: TokenAttrs, ent: "Match", usage: dict[int, str]) -> bool:
        if ent.end < tokens.n and tokens.text(ent.end) in POSSESSIVES:
            return False
        before = _previous_word(tokens, ent.start)
        if before is None:
            return ent.end < tokens.n and tokens.text(ent.end) == ":"  # a dateline
        lower = tokens.lower(before)
        if lower in self.place_cues:
            return True
        if lower in COORDINATORS:
            return usage.get(before) == "place"
        return False

    def _unlinked(self, doc: Doc, matches: list["Match"], doc_id: str, sentence_starts: list[int],
                  text: str) -> list[dict]:
        """Names outside every registry form ("Ambassador Zorina Vell" -> "Zorina Vell"), see ``names``."""
        covered = numpy.zeros(len(doc), dtype=bool)
        for ent in matches:
            covered[ent.start:ent.end] = True
        rows = []
        demonyms = {ent.start for ent in matches if self.kind[ent.form] == "demonym"}
        for name in self.names.find(doc, covered, text, matches, demonyms):
            row = self._row(doc_id, sentence_starts, name["start"], name["end"], name["text"])
            row.update(entity_id="", type="", form="unlinked", stands_for="", rule="unlinked", role=name["role"])
            if "extends" in name:
                row["extends"] = name["extends"]
            rows.append(row)
        return rows


class Match(NamedTuple):
    """A registry form found in a Doc: token span, character span, entity type and pattern id."""

    start: int
    end: int
    start_char: int
    end_char: int
    label: str
    pattern_id: str
    form: str  # the registry's spelling the text matched


def _spelling_variants(words: list[str]) -> list[list[str]]:
    """A person's name with its parts joined by spaces or hyphens in every combination.

    "Kim Jong Un" also as "Kim Jong-Un"; "Lim Soo-suk" also as "Lim Soo suk": Korean
    given names are written both ways, and folding makes the case of the second part
    irrelevant. Names of more than four parts are left as written.
    """
    parts = [word for word in words if word != "-"]
    if len(parts) > 4 or not all(p.replace("'", "").replace("’", "").isalpha() for p in parts):
        return [words]
    variants = []
    for mask in range(2 ** (len(parts) - 1)):
        variant = [parts[0]]
        for k, part in enumerate(parts[1:]):
            if mask >> k & 1:
                variant.append("-")
            variant.append(part)
        variants.append(variant)
    return variants


def _previous_word(tokens: TokenAttrs, i: int) -> int | None:
    """The index of the token before position ``i`` on the same line, skipping spaces; None at a line start."""
    j = i - 1
    while j >= 0 and tokens.is_space(j):
        if "\n" in tokens.text(j):
            return None
        j -= 1
    if j < 0 or "\n" in tokens.whitespace(j):
        return None
    return j


def find_mentions(corpus: Corpus, finder: MentionFinder | None = None) -> pd.DataFrame:
    """The mentions table for a whole corpus, in document and text order."""
    finder = finder or MentionFinder()
    starts = corpus.sentences.groupby("doc_id")["start"].agg(list)
    documents = corpus.documents
    authors = dict(zip(documents["doc_id"], documents["author"])) if "author" in documents else {}
    rows = []
    for doc_id, doc in progress(corpus.docs.items(), "mentions", len(corpus.docs)):
        rows.extend(finder.find(doc, doc_id, starts.get(doc_id, []), corpus.text(doc_id), authors.get(doc_id, "")))
    return mentions_table(rows)


def mentions_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).sort_values(["doc_id", "start", "end"], ignore_index=True)


def unlinked_names(mentions: pd.DataFrame) -> pd.DataFrame:
    """The names no registry entry covers, for a curator to add (or to ignore, with a reason)."""
    unlinked = mentions[mentions["form"] == "unlinked"]
    return unlinked[UNLINKED_COLUMNS].reset_index(drop=True)
