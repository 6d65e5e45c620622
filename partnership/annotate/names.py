"""Names the registry does not know: whole capitalised sequences, with titles split off.

A curator grows the registry from these (``registry_candidates``), so each must be a
whole name and nothing else:

- a name is a run of capitalised words outside every registry mention, joined by
  "of", "the" or a possessive where a capitalised word follows ("Panel of Experts",
  "Ministry of Foreign Affairs") and by a hyphen written without spaces ("Jeon
  Ha-kyu", "Thomas-Greenfield"; a lower-case part after a single word is an adjective:
  "Hanoi-based" is not a name);
- titles and honorifics from ``data/codebook/titles.csv`` that open the run are split
  off into ``role`` ("National Security Advisor Jake Sullivan" -> name "Jake Sullivan",
  role "National Security Advisor"); a run of titles alone, or one ending in a title
  ("Defence Minister" before a registry name), or an office named as "<title> of ..."
  ("Chairman of State Affairs"), is no name;
- a single common English word with a capital ("Treaty", "Ministry"), a common word in
  capitals ("PRESS BRIEFING", "QUESTION:") and a single letter ("I", "Q") are no names;
- a word capitalised only because it opens a sentence, a quotation or a line ("Thank",
  "Specifically", "Inviting"), or because the line is a title-case headline, is no name
  when it is a common English word: a stop word, a word of Explosion's English lemma
  table, an adjective or adverb of WordNet's index ("Mutual", "Provisional"), or an adverb in -ly;
- words of ``data/codebook/name_ignore.csv`` (months, weekdays, tag lines) are never
  names, nor capitalised function words ("The", "In"); those it marks ``alone`` are
  no name by themselves but may begin one ("Korean" in "Korean War");
- a person named in full is a name again by surname alone ("Lee Seong-kweun ... Lee said"),
  even where the capital could open a sentence; given name and patronymic before a
  registry person belong to that person ("Sergei Kuzhugetovich Shoigu");
- an institution named after generic words and "of (the)" is the institution ("Joint Statement
  of the Participating States of the Multilateral Sanctions Monitoring Team" -> the Team); an
  official name that lists its subjects stays whole ("Treaty of Friendship, Cooperation and Mutual
  Assistance", "Commission on Trade, Economic, Scientific and Technical Cooperation");
- an institution named after "<title> of the" is a name ("Chief of the General Staff"),
  and a demonym right before an institution's name is part of it ("Russian Armed Forces");
- a registry demonym between two words of a name is part of it ("Association of Southeast Asian
  Nations", "Journal of East Asian Affairs");
- a name takes in a number written before it ("1718 Committee", "11th Corps"), a
  registry acronym before it ("UN Charter"), and "of (the) <state>" after it ("Security
  Service of Ukraine"); a compass word before a registry place makes a region of its
  own ("Northeast Asia", "Western Russia");

Runs never overlap each other or a registry mention.
"""

import bisect
import re
from functools import lru_cache

import numpy
import pandas as pd
from spacy.attrs import IDX, IS_LOWER, IS_UPPER, LOWER, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from partnership import config
from partnership.arrays import LexCache
from partnership.codebook import load_rule_table
from partnership.corpus.dating import MONTHS
from partnership.corpus.sentences import lemma_table, modifier_words, name_like_flag

TITLES_FILE = config.CODEBOOK_DIR / "titles.csv"
VESSEL_NOUNS_FILE = config.CODEBOOK_DIR / "vessel_nouns.csv"
CONNECTORS = {"of", "the", "’s", "'s", "de", "for"}
CLOCK_TIME = re.compile(r"\d{1,2}[:.]\d{2}")  # "01:20", "14.05"
OPENERS = {"“", '"', "‘", "(", "[", ":", "—", "–"}
HYPHENS = frozenset({"-", "‐", "‑"})
CODE = re.compile(r"[A-Z]{1,4}\d{3,}")  # an identifier: capitals, then digits ("HL6981")
QUOTES = frozenset({'"', "“", "‘", "'"})
TITLING = frozenset({"titled", "entitled"})  # the words that introduce a work's title in quotation marks
INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")  # "D.C.", "U.K."
NAME_SUFFIXES = {"Jr.", "Sr."}  # after a person's name, part of it
SLASHED_NUMBER = re.compile(r"\d+/\d+")  # "2017/1509", "269/2014": an EU act's year and number
MIDDLE_INITIAL = re.compile(r"[A-Z]\.")  # "K." in "Rachel K. Linden"
# a Russian patronymic: "Yurievich", "Kuzhugetovich", "Viktorovna", "Ilyich"
PATRONYMIC = re.compile(r"[A-Z][a-z]+(?:vich|vych|ich|vna|ichna)")
# a transcript's speaker label: words in capitals (and hyphens, apostrophes, full stops) opening a line, then a colon
SPEAKER_LABEL = re.compile(r"^([A-Z][A-Z'’.\-]*(?:[ \t]+[A-Z][A-Z'’.\-]*){0,4})[ \t]*(?:\([^)\n]*\))?:", re.M)
OPENING_LINES = 4  # lines of a text that may be its masthead, title and byline, no section heading
SHORT_HEADING = 5  # words: a line of so few capitalised words with no full stop is a heading
HEADLINE_SHARE = 0.7  # a line most of whose words are capitalised is a title-case headline
COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central",
           "northern", "southern", "eastern", "western"}
PLACE_LABELS = {"GPE", "LOC"}
PLACE_NOUNS = {"region", "oblast", "province", "krai", "district", "peninsula", "county", "prefecture", "river", "sea",
               "strait", "bay", "island", "islands"}
LONG_WORD = re.compile(r"\b[^\W\d_]{4,}\b")
INSTITUTION_TYPES = {"ORG", "AGREEMENT"}


FIELD_JOINTS = ("and", "of", "for")  # the words that join an office's title to its field
# a peer's title: the name after it runs on over "of" and the territorial designation ("Lord Alton of Liverpool")
PEERAGE = {"Lord", "Baroness", "Baron", "Viscount", "Viscountess", "Earl", "Countess", "Marquess"}
SHIP_LIST_WORDS = {"the", "a", "and", ",", "among", "them", "including", "named", "called", "such", "as"}
# what follows an author cited by surname: "(Lee 2024)", "(Kim and Park, 2023, p. 14)", "Kim and Park (2023)",
# a reference list's "Kim, S. and Park, J. (2023)"
_YEAR = r"(?:19|20)\d\d[a-z]?"
CITED_AUTHOR = re.compile(rf"(?:\s+(?:and|&)\s+[A-Z][A-Za-z'’\-]+)?(?:\s+et\s+al\.?)?"
                          rf"(?:,?\s+{_YEAR}(?=[),;:]|\s+p)|(?P<bare>\s+\({_YEAR}\)))"
                          rf"|,\s+[A-Z]\.(?:\s?[A-Z]\.)*(?=,|\s+and\s|\s+&|\s+\()")


# a reference list's entry: "Lee, H. (2024) 'A Marriage of Convenience ...', Journal of ...", the work's title
# after the year, in quotation marks or up to its closing full stop or question mark
REFERENCE_TITLE = re.compile(rf"^[A-Z][A-Za-z'’\-]+,\s(?:[A-Z]\.\s?)+(?:(?:,|\sand|\s&)\s[A-Z][A-Za-z'’\-]+,\s(?:[A-Z]\.\s?)+)*"
                             rf"\s*\({_YEAR}\)\.?\s+(?P<title>['‘\"“][^'’\"”\n]+['’\"”]|[^\n]+?[.?!](?=\s|$))", re.M)


BRACKETED_YEAR = re.compile(rf"\({_YEAR}\)")  # in every REFERENCE_TITLE match: a text without one has none


def reference_titles(text: str) -> list[tuple[int, int]]:
    """Character spans of the works' titles in a reference list: no names of their own, however capitalised."""
    if BRACKETED_YEAR.search(text) is None:
        return []  # one quick scan, not the line-by-line pattern, for the texts that cite nothing
    return [match.span("title") for match in REFERENCE_TITLE.finditer(text)]


def cited_author(text: str, end: int) -> bool:
    """Does the word ending at ``end`` name an author cited by surname ("(Lee 2024)", "Kim, S. and
    Park, J. (2023)")? Such a surname is a person the registry does not know, whoever shares it."""
    found = CITED_AUTHOR.match(text, end)
    if found is None:
        return False
    if found.group("bare") is None:
        return True
    # "Baek (2024)" cites an author, "Treaty (2024)" heads a section: a common word before the year is no name
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’-"):
        start -= 1
    return not is_common(text[start:end])


# a company's legal form, abbreviated with a full stop that belongs to the name ("RYONHAP TRADING CO.")
COMPANY_ABBREVIATIONS = frozenset({"co", "corp", "inc", "ltd", "bros"})


def title_key(word: str) -> str:
    """A title word as compared: lower case, without its full stop or a plural -s ("Ministers")."""
    key = word.lower().rstrip(".")
    return key[:-1] if len(key) > 4 and key.endswith("s") and not key.endswith("ss") else key


def load_vessel_nouns(path=VESSEL_NOUNS_FILE) -> frozenset[str]:
    return frozenset(load_rule_table(path, ["word", "note"], required=["word"])["word"].str.lower())


def load_titles(path=TITLES_FILE) -> set[str]:
    return {title_key(w) for w in load_rule_table(path, ["word", "note"], required=["word"])["word"]}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case English words that are not names by themselves (see the module docstring)."""
    table = lemma_table()
    return frozenset(STOP_WORDS) | frozenset(table) | frozenset(table.values())


@lru_cache(maxsize=65536)  # asked for the same words over and over
def is_common(word: str) -> bool:
    lower = word.lower()
    return lower in common_words() or (len(lower) > 4 and lower.endswith("ly") and lower.isalpha())


@lru_cache(maxsize=65536)
def looks_like_a_name(word: str) -> bool:
    """Capitalised, two letters or more, and not an adjective compound ("U.S.-led")."""
    if not word[:1].isupper() or sum(c.isalpha() for c in word) < 2 or any(c in "$€£₽₩%" for c in word):
        return False
    if "-" in word and word.rsplit("-", 1)[1][:1].islower():
        return False
    if "/" in word and any(c.isdigit() for c in word):
        return False  # "SC/15638", "A/RES/78/1": a document's code
    if CODE.fullmatch(word):
        return False  # "HL6981", "IN12382": an identifier, capitals then digits
    return True


# endings of demonyms and place adjectives ("Swedish", "Japanese", "Muscovites", "Koreans", "Far Eastern"), never of
# a name's last word in the evaluation set
DEMONYM_ENDING = re.compile(r"(?:ish|ese|ites|ians|eans|ern)$")  # of one word ("Ministry of ... Oceans" is a name)
COMPASS_BEFORE = {"Far", "Middle", "Near", "North", "South", "East", "West"}  # "Far Eastern", "North Western"


class _Column(dict):
    """One attribute of a Doc's tokens by position, read from the token on first sight and kept: the rules
    visit a few tokens around each capitalised word many times over, and most tokens never (so a column read
    for the whole Doc would cost more than it saves)."""

    __slots__ = ("read",)

    def __init__(self, read):
        super().__init__()
        self.read = read

    def __missing__(self, i: int):
        found = self[i] = self.read(i)
        return found


# The last Doc's columns: ``lex[i]`` is a shared ``Lex`` (arrays.LexCache) reading what ``doc[i]`` reads for
# lexical attributes, ``ws[i]`` is ``doc[i].whitespace_`` and ``idx[i]`` ``doc[i].idx``: a rule's repeated
# look-ups make no spaCy Token.
_LEXES: dict = {}  # id(vocab) -> LexCache
_last_doc = None
_last_columns: tuple = ()


def _columns(doc: Doc) -> tuple[dict, dict, dict]:
    """(words, trailing whitespace, character offsets) of ``doc``'s tokens, by position."""
    global _last_doc, _last_columns
    if doc is not _last_doc:
        lexes = _LEXES.get(id(doc.vocab))
        if lexes is None or lexes.vocab is not doc.vocab:
            lexes = _LEXES[id(doc.vocab)] = LexCache(doc.vocab)
        _last_columns = (_Column(lambda i: lexes[doc[i].orth]), _Column(lambda i: doc[i].whitespace_),
                         _Column(lambda i: doc[i].idx))
        _last_doc = doc
    return _last_columns


class NameFinder:
    """Finds the unknown names of one Doc; built once from the codebook."""

    def __init__(self, ignore: dict[str, str], titles: set[str] | None = None, alone: set[str] = frozenset(),
                 heads: dict[str, str] | None = None):
        self._written_lower: set[int] | None = None  # of the Doc being read (see ``_written_in_lower_case``)
        self._text: str | None = None  # of the Doc being read
        self._demonym_at: dict = {}  # of the Doc being read: its demonym matches by first token
        self._caps_institutions: set[int] = set()  # of the Doc being read (see ``_institutions_in_capitals``)
        from partnership.annotate.registry_candidates import load_name_heads
        # the last word of an institution's name ("Committee", "Forces", "Treaty"): data/codebook/name_heads.csv
        heads = load_name_heads() if heads is None else heads
        self.institution_heads = {w for w, kind in heads.items() if kind in INSTITUTION_TYPES}
        self.body_heads = {w for w, kind in heads.items() if kind == "ORG"}  # "Command", "Forces", "Committee"
        # the kind of facility, written in lower case after a name ("Knevichi airfield", "Kalma guest house")
        self.facility_heads = {w.lower() for w, kind in heads.items() if kind == "FAC"}
        self.heads = set(heads)  # a name that ends in its own kind ("Tumen River") takes no other
        # a place's last word: "University on Russky Island" is a body and where it is, two names
        self.place_heads = {w for w, kind in heads.items() if kind in ("LOC", "FAC", "GPE")}
        self.region_heads = {w for w, kind in heads.items() if kind in ("LOC", "GPE")}
        self.vessel_nouns = load_vessel_nouns()
        self.ignore = set(ignore) - set(alone)
        from partnership.annotate.claims import load_speaker_nouns
        self.speaker_nouns = frozenset(load_speaker_nouns())  # "UKRAINIAN OFFICER:" labels a speaker by kind
        self.alone = set(alone)  # no name by themselves, but may begin one ("Korean" in "Korean War")
        self.titles = load_titles() if titles is None else titles
        from partnership.annotate.documents import DocumentNumbers, load_document_nouns
        # "Executive Order 14024", "E.O. 13382": a document's number, not a name (data/codebook/document_nouns.csv)
        self.documents = {" ".join(n.replace(".", "").split()) for n in load_document_nouns()}
        self.document_numbers = DocumentNumbers()

    def find(self, doc: Doc, covered: numpy.ndarray, text: str, matches=(), demonyms=frozenset()) -> list[dict]:
        """Rows of start, end, text and role for every unknown name in ``doc``.

        ``matches`` are the registry's matches (token ``start``, ``end``, ``label``): a
        name may take in one that is part of it ("UN Charter", "Charter of the United
        Nations", "Northeast Asia"), and the caller then drops that mention. A row with ``extends``
        is no name of its own but the first words of the registry person starting there ("Sergei
        Kuzhugetovich Shoigu"): the caller widens that mention over it. ``demonyms``: the token
        starts of those matches that are demonyms; an institution's name takes in the one right before
        it ("Russian Armed Forces", "Ukrainian Armed Forces": the official name, one mention).
        """
        lex, ws, idx = _columns(doc)
        sentence_starts = sentence_start_set(doc)
        lines = Lines(text)
        headline = self._headline_tokens(doc, text)
        self._labelled = self._speaker_label_tokens(doc, text)
        self._caps_institutions = self._institutions_in_capitals(doc)
        self._written_lower = None  # worked out for this Doc when first asked
        self._text = text
        self._demonym_at = {m.start: m for m in matches if m.start in demonyms}
        ships: set[str] = set()  # the ships this Doc has named ("the freighter MARIYA ZHUKOVA ... The MARIYA ZHUKOVA")
        ending_at = {m.end: m for m in matches}
        starting_at = {m.start: m for m in matches}
        capitalised = numpy.flatnonzero(doc.to_array([name_like_flag(doc.vocab)]).astype(bool) & ~covered).tolist()
        rows, done = [], -1
        titles = reference_titles(text)
        title_starts = [start for start, _ in titles]
        for i in capitalised:  # only capitalised words can begin a name: the others are never visited
            if i <= done:
                continue
            k = bisect.bisect_right(title_starts, idx[i]) - 1 if titles else -1  # most texts cite no work
            if k >= 0 and idx[i] < titles[k][1]:
                continue  # "Counting Shells: Open-Source Estimates ...": a cited work's title
            run = self._listed_person(doc, i, covered)
            if run is None:
                if not self._name_word(doc, i, sentence_starts, headline):
                    continue
                run = self._run(doc, i, covered, sentence_starts, headline)
                run = self._capitals_before(doc, run, covered, text, lines) + run
                capitals = [t for t in run if lex[t].is_alpha and lex[t].is_upper and len(lex[t].text) > 1]
                switch = next((k for k, t in enumerate(run) if lex[t].is_title), None)
                if switch and len(capitals) >= 2 and all(t in capitals or not lex[t].is_alpha for t in run[:switch]):
                    run = run[:switch]  # "PETER ALVAREZ Associated Press": a name in capitals, then one in title case
            done = run[-1]
            if len(run) == 1 and lex[i].text in NAME_SUFFIXES and i > 0 and ws[i - 1] == " " \
                    and lex[i - 1].text[:1].isupper():
                continue  # "Joseph R. Biden Jr.": the suffix belongs to the name before it
            name = text[idx[run[0]]:idx[run[-1]] + len(lex[run[-1]].text)]
            if DEMONYM_ENDING.search(lex[run[-1]].text) and (len(run) == 1 or lex[run[-1]].text.endswith("ern") and all(
                    lex[t].text in COMPASS_BEFORE for t in run[:-1])):
                continue  # "Swedish", "Muscovites", "Far Eastern": a people or an adjective derived from a place's
                # name, which the guide leaves out where the registry lacks it
            if len(run) == 1 and _abbreviation(text, idx[run[0]], idx[run[0]] + len(lex[run[0]].text)):
                continue  # "(Russ. Курская область)", "Distr.: General": an abbreviated word, no name
            if all(lex[t].is_upper or not lex[t].is_alpha for t in run) and len(run) > 1 \
                    and all(is_common(lex[t].text) or self._is_title(lex[t].text) for t in run if lex[t].is_alpha) \
                    and lex[run[-1]].text.capitalize() not in self.institution_heads and run[-1] not in self._caps_institutions:
                continue  # "SENIOR ADMINISTRATION OFFICIAL:", "FACT CHECK", "WEEK AHEAD": a label's or heading's
                # common words in capitals ("MINISTRY OF FOREIGN AFFAIRS" names a body)
            if name in ships or self._after_vessel_noun(doc, run[0]) or _marked_as_ship(doc, run):
                ships.add(name)
                continue  # "the freighters "Lazurit" and MARIYA ZHUKOVA": ships' names, which the guide leaves out
            run = self._after_generic_of(doc, run)
            # the words after the run's last "and"/"of"/"for", or the run itself after one ("Minister [of
            # Natural Resources] Alexander Kozlov", "... and [Ecology Alexander Kozlov]")
            joints = [k for k, t in enumerate(run) if lex[t].lower_ in FIELD_JOINTS]
            tail = run[joints[-1] + 1:] if joints and self._is_title(lex[run[0]].text) else run
            person = _person_after_field(doc, tail) if tail and tail[0] > 0 \
                and lex[tail[0] - 1].lower_ in FIELD_JOINTS and not any(self._is_title(lex[t].text) for t in tail) \
                else None
            office, field_name = "", False
            if person is not None:  # "... and Ecology Alexander Kozlov": the end of an office, then the person
                if tail is not run:  # the whole office is in the run: it is the person's role
                    office = text[idx[run[0]]:idx[person[0] - 1] + len(lex[person[0] - 1].text)]
                run = person
            if person is None and joints and any(self._is_title(lex[t].text) for t in run[:joints[0]]) \
                    and all(is_common(lex[t].text) or lex[t].lower_ in COMPASS or t in self._demonym_at
                            for t in run[joints[-1] + 1:] if lex[t].is_alpha):
                continue  # "Senior Fellow for East Asian Security": an office and its field, no name
            if person is None and joints and lex[run[joints[-1]]].lower_ == "for" \
                    and any(self._is_title(lex[t].text) for t in run[:joints[0]]):
                field = [t for t in run[joints[-1] + 1:] if lex[t].lower_ != "the"]
                if field and all(not ws[t] for t in field[:-1]):
                    run, field_name = field, True  # "Minister for the Asia-Pacific": the field is a region's name
            if run[0] in headline and all(is_common(lex[t].text) for t in run if lex[t].is_alpha) \
                    and not (lex[run[-1]].text in self.institution_heads and run[0] > 0
                             and lex[run[0] - 1].lower_ == "the") and run[-1] not in self._caps_institutions:
                continue  # "Hails Friendship": title case, not names; "by the National Security Office" names a body
            if _short_heading(text, idx[run[0]], lines) and all(is_common(lex[t].text) for t in run if lex[t].is_alpha) \
                    and lex[run[-1]].text not in self.institution_heads:
                continue  # "Arms Transfers", "U.S. Policy Responses": a section heading's words, no name
            if run[0] in headline and lex[run[0]].lower_.endswith(("ing", "ly")) and is_common(lex[run[0]].text):
                continue  # "Countering Illicit Maritime Activity", "Highly Praises ...": a verb or adverb opens it
            if run[0] >= 2 and lex[run[0] - 1].text in QUOTES and lex[run[0] - 2].lower_ in TITLING:
                continue  # the report "titled "Unlawful Military Cooperation ..."": a work's title, no name
            place = (len(run) > 2 and lex[run[0]].text in self.place_heads and lex[run[1]].lower_ == "of") \
                or (len(run) > 1 and lex[run[-1]].text in self.region_heads)  # "governor of Primorsky Territory"
            if person is None and not field_name \
                    and (self._office_before(doc, run[0]) or self._office_field_listed(doc, run)) \
                    and not self._institution(doc, run) and not place:  # "for the District of Columbia": a place
                continue  # "president of the State Affairs", "Minister of Defence of ...": an office's title;
                # but "Chief of the General Staff" names the General Staff
            for first, last, role in self._split_role(doc, run, text):
                role = role or office
                alone = last == first and lex[first].text in self.alone
                word_end = last
                if any(lex[t].text in self.institution_heads for t in range(first, last + 1)):
                    first = self._number_before(doc, first)
                if not role:
                    first, last = self._take_in_registry(doc, first, last, ending_at, starting_at)
                    last = self._facility_after(doc, last)
                    before = ending_at.get(first)
                    if before is not None and before.start in demonyms and ws[before.end - 1] \
                            and (self._institution(doc, range(first, last + 1)) if last > first
                                 else lex[last].text in self.institution_heads):
                        first = before.start  # "Russian Armed Forces": the demonym is part of the name
                    before = ending_at.get(first - 1) if first > 0 and lex[first - 1].text in HYPHENS else None
                    if before is not None and before.start in demonyms and not ws[first - 1] \
                            and not ws[before.end - 1] \
                            and any(lex[t].text in self.institution_heads for t in range(first, last + 1)):
                        first = before.start  # "Russian-Korean Intergovernmental Commission"
                if last == first and last + 2 < len(doc) and lex[last + 1].text in HYPHENS \
                        and not ws[last] and not ws[last + 1] and covered[last + 2]:
                    continue  # "Russo-Ukrainian", "Sino-Russian": the first half of a compound with a known name
                place = ending_at.get(first - 1) if first >= 2 and lex[first - 1].text == "," else None
                if last == first and INITIALS.fullmatch(lex[first].text) and place is not None \
                        and place.label in PLACE_LABELS:
                    continue  # "Washington, D.C.": the initials of the place's state or district, part of it
                if last == first and is_common(lex[first].text) and not lex[first].text.isupper() \
                        and not cited_author(text, idx[first] + len(lex[first].text)):
                    continue  # "Treaty", "Ministry", "Article": a common noun written with a capital
                if (last == first and lex[first].text in self.alone) or (alone and last == word_end):
                    continue  # "Korean", "14 Mar": no name by itself, even with a number before it
                if last == first and self._unit_or_code(doc, first):
                    continue  # "IMO 9187344", "336 TEU", "USD 20 billion": an identifier's or a unit's letters
                if self._document_number(doc, first, last, text):
                    continue  # "Executive Order 14024", "E.O. 13382": a document numbered, no name
                if not role and first > 0 and lex[first - 1].is_lower and self._is_title(lex[first - 1].text):
                    role = lex[first - 1].text  # "lawmaker Park Sun-won": a title in lower case
                start, end = idx[first], idx[last] + len(lex[last].text)
                person = starting_at.get(last + 1)
                if person is not None and person.label == "PERSON" and ws[last] \
                        and "\n" not in ws[last] \
                        and (not role or MIDDLE_INITIAL.fullmatch(lex[last].text) or PATRONYMIC.fullmatch(lex[last].text)) \
                        and not any(lex[t].text in self.institution_heads for t in range(first, last + 1)):
                    # "Sergei Kuzhugetovich Shoigu", "President Joseph R. Biden": given names before a registry person
                    rows.append({"start": start, "end": end, "text": text[start:end], "role": role,
                                 "extends": person.start_char})
                    continue
                rows.append({"start": start, "end": end, "text": text[start:end], "role": role})
        rows += self._surnames(doc, capitalised, rows, text)
        taken = {r["start"] for r in rows}
        for match in matches:  # "the Japan Sea": a sea named after a state, a place the registry lacks
            head = match.end
            if match.label in PLACE_LABELS | {"ORG"} and match.start not in demonyms and head < len(doc) \
                    and not covered[head] and ws[head - 1] == " " \
                    and (lex[head].text in self.region_heads and match.label in PLACE_LABELS
                         or lex[head].text.title() in self.body_heads and lex[head].text[:1].isupper() and not (
                             head + 1 < len(doc) and lex[head + 1].text[:1].isupper())) \
                    and head not in headline and idx[match.start] not in taken \
                    and not (head + 1 < len(doc) and lex[head + 1].lower_ == "of"):
                start, end = idx[match.start], idx[head] + len(lex[head].text)
                rows.append({"start": start, "end": end, "text": text[start:end], "role": ""})
        for k, match in enumerate(matches[:-1]):  # "Western Russia", "Northeast Asia": a region
            nxt = matches[k + 1]
            # the positions first: most matches fail there, and the word is then never read
            if match.end == match.start + 1 and nxt.start == match.end and nxt.label in PLACE_LABELS \
                    and lex[match.start].lower_ in COMPASS and not ws[match.start] == "":
                start, end = idx[match.start], idx[nxt.end - 1] + len(lex[nxt.end - 1].text)
                rows.append({"start": start, "end": end, "text": text[start:end], "role": ""})
        return sorted(rows, key=lambda r: (r["start"], r["end"]))

    def _surnames(self, doc: Doc, capitalised: list[int], rows: list[dict], text: str) -> list[dict]:
        """A person named in full earlier and then by surname alone ("Lee Seong-kweun ... Lee said",
        "Zed Ollis ... Ollis added"): the surname is a name even where a capital could open a sentence.
        The surname is the first word of a Korean-style name (a hyphenated given name), else the last."""
        lex, ws, idx = _columns(doc)
        surnames: dict[str, int] = {}  # surname -> where the full name ends
        for row in rows:
            words = row["text"].split()
            if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words) \
                    or words[-1] in self.heads or any(self._is_title(w) for w in words):
                continue  # "Korean Peninsula ... the Peninsula", "Central Committee": a kind of place or body, no person
            surname = words[0] if "-" in words[-1] else words[-1]
            if surname.isalpha() and not self._is_title(surname):
                surnames.setdefault(surname, row["end"])
        if not surnames:
            return []
        taken = [(r["start"], r["end"]) for r in rows]
        found = []
        for i in capitalised:
            word, start = lex[i].text, idx[i]
            if word in surnames and start >= surnames[word] \
                    and not any(s <= start < e for s, e in taken) \
                    and not (i + 1 < len(doc) and lex[i + 1].text[:1].isupper() and lex[i + 1].is_alpha):
                found.append({"start": start, "end": start + len(word), "text": word, "role": ""})
        return found

    def _institution(self, doc: Doc, run) -> bool:
        """Does a run of two words or more end in an institution's head word ("General Staff")?"""
        lex, ws, idx = _columns(doc)
        run = list(run)
        return len(run) > 1 and lex[run[-1]].text in self.institution_heads

    def _office_field_listed(self, doc: Doc, run: list[int]) -> bool:
        """Is a run of common words the second field of an office ("... for Foreign Affairs and Security
        Policy", "Minister of Natural Resources and Ecology")? A person's name after "and" is never one."""
        lex, ws, idx = _columns(doc)
        if not all(is_common(lex[t].text) for t in run if lex[t].is_alpha):
            return False
        j = run[0] - 1
        if j < 1 or lex[j].lower_ != "and":
            return False
        j -= 1
        while j >= 0 and lex[j].text[:1].isupper() and lex[j].is_alpha:
            j -= 1
        return j + 1 < run[0] - 1 and self._office_before(doc, j + 1)

    def _office_before(self, doc: Doc, i: int) -> bool:
        """Is token ``i`` preceded by "<title> of" or "<title> of the", or by "for" after a title and its
        body ("High Representative of the European Union for Foreign Affairs")?"""
        lex, ws, idx = _columns(doc)
        j = i - 1
        if j >= 0 and lex[j].lower_ == "the":
            j -= 1
        if j >= 1 and lex[j].lower_ == "for":
            for k in range(j - 1, max(-1, j - 8), -1):
                if self._is_title(lex[k].text):
                    return True
                if not (lex[k].text[:1].isupper() or lex[k].lower_ in ("of", "the")):
                    return False
            return False
        return j >= 1 and lex[j].lower_ == "of" and self._is_title(lex[j - 1].text)

    @staticmethod
    def _number_before(doc: Doc, i: int) -> int:
        """"1718 Committee", "11th Corps": a number written right before a body's name is part of it (the
        caller asks only for bodies: "27 Ulitsa Fontannaya" is a house number, then a street)."""
        lex, ws, idx = _columns(doc)
        j = i - 1
        if j >= 0 and ws[j] == " " and re.fullmatch(r"\d+(?:st|nd|rd|th)?", lex[j].text):
            return j
        return i

    def _facility_after(self, doc: Doc, last: int) -> int:
        """The name's last token, widened over a facility's kind in lower case with at most one word before
        it ("Knevichi airfield", "the Yuri Gagarin aircraft plant", "the Kalma guest house"); not after a
        name that already ends in its kind ("the Tumen River bridge")."""
        lex, ws, idx = _columns(doc)
        if lex[last].text in self.heads:
            return last
        for k in (last + 1, last + 2):
            if k >= len(doc) or not (lex[k].is_lower and lex[k].is_alpha) or not ws[k - 1] \
                    or "\n" in ws[k - 1]:
                return last
            if lex[k].lower_ in self.facility_heads:
                return k
        return last

    @staticmethod
    def _take_in_registry(doc: Doc, first: int, last: int, ending_at: dict, starting_at: dict) -> tuple[int, int]:
        """Widen a name over a registry acronym before it ("UN Charter") or "of (the) <state>" after it."""
        lex, ws, idx = _columns(doc)
        before = ending_at.get(first)
        if before is not None and before.label == "ORG" and doc[before.start:before.end].text.isupper() \
                and before.end - before.start == 1 and ws[before.start]:
            first = before.start
        after = starting_at.get(last + 1)
        compass = all(lex[i].lower_ in COMPASS or lex[i].text in HYPHENS for i in range(first, last + 1))
        if compass and after is not None and after.label in PLACE_LABELS and ws[last]:
            return first, after.end - 1  # "Northeast Asia", "North-East Asia": a region of its own
        if last + 1 < len(doc) and lex[last + 1].lower_ in PLACE_NOUNS and ws[last]:
            last += 1  # "Amur region", "Korean peninsula": the kind of place, written in lower case
        k = last + 1
        if k < len(doc) and lex[k].lower_ == "of":
            k += 1 + (k + 1 < len(doc) and lex[k + 1].lower_ == "the")
            after = starting_at.get(k)
            one_word = first == last
            modifier = after is not None and after.end < len(doc) and lex[after.end].text[:1].isupper() \
                and lex[after.end].is_alpha  # "of the Russian Armed Forces": the state's word begins another name
            if after is not None and not modifier \
                    and ((after.label == "GPE" and not one_word) or (after.label == "ORG" and one_word)):
                last = after.end - 1  # "Security Service of Ukraine", "Charter of the United Nations"
        return first, last

    def _name_word(self, doc: Doc, i: int, sentence_starts: set[int], headline: set[int]) -> bool:
        lex, ws, idx = _columns(doc)
        word = lex[i].text
        if len(word) == 1 and word.isupper() and word not in ("A", "I") and ws[i] \
                and i + 2 < len(doc) and all(lex[k].is_alpha and lex[k].is_title for k in (i + 1, i + 2)) \
                and ws[i + 1]:
            return True  # a one-letter surname before a two-part given name: "O Su Yong", "U Yong Jin"
        if not looks_like_a_name(word) or word in self.ignore:
            return False
        if lex[i].like_num:
            return False  # "Thirteen members voted": a number, not a name
        if self._text is not None and cited_author(self._text, idx[i] + len(word)):
            return True  # "(Lee 2024)", "Park, J. (2023)": an author cited, even where the surname is a word
        if word.isupper() and i > 0 and CLOCK_TIME.fullmatch(lex[i - 1].text):
            return False  # "01:20 GMT", "9:05 UTC": a time zone after a clock time
        if word.capitalize() in MONTHS and i + 1 < len(doc) and lex[i + 1].is_digit:
            return False  # "APRIL 30, 2024", "May 9": a date (a timex), not a name
        if word.isupper() and word.capitalize() in self.ignore:
            return False  # "MONDAY", "TUESDAY-WEDNESDAY": a heading's weekdays in capitals, as in lower case
        if word.lower() in STOP_WORDS and not word.isupper():
            if word in ("His", "Her") and i + 1 < len(doc) and lex[i + 1].text == "Majesty" and ws[i] == " ":
                return True  # "His Majesty's Government": the pronoun is part of the name
            return False  # "The", "In": sentence openers ("US" is kept)
        if i in self._labelled and not self._is_title(word):
            return True  # "ARCHER:", "ANCHOR ELLEN MARSH:": a transcript names its speaker in capitals
        if word.isupper() and word.isalpha() and len(word) <= 4 and ws[i] == " " \
                and self._korean_given_name(doc, i + 1):
            return True  # "RI Kwang-chol", "PAK Jong-su": a surname in capitals before a hyphenated given name
        if word.isupper() and is_common(word) and not self._is_title(word) and i not in self._caps_institutions:
            return False  # "PRESS BRIEFING", "QUESTION:": headings and labels in capitals
        # the opening position first: then the Doc's words in lower case are read only when needed
        if _run_in_heading(doc, i):
            return False  # "Diplomacy. The first sign ...": a section's run-in heading, no name
        if self._opens(doc, i, sentence_starts) and i not in headline \
                and (is_common(word) or word.lower() in modifier_words() or self._written_in_lower_case(doc, i)):
            if self._is_title(word):
                return True  # kept only to be split off as a role
            nxt = lex[i + 1] if i + 1 < len(doc) else None
            # "National Security Advisor ...", "Central Military Commission": it begins a longer name;
            # "Thank you", "Specifically, ...", "Inviting them": it does not
            return nxt is not None and not ws[i] == "" and nxt.is_alpha and nxt.text[:1].isupper() \
                and not word.lower().endswith(("ly", "ing"))
        return True

    @staticmethod
    def _korean_given_name(doc: Doc, k: int) -> bool:
        """Is token ``k`` the first part of a hyphenated Korean given name written in one piece, the second
        part in lower case ("Do-won", "Kwang-chol")? Both parts are short syllables."""
        lex, ws, idx = _columns(doc)
        if k + 2 >= len(doc):
            return False
        first, hyphen, second = lex[k], lex[k + 1], lex[k + 2]
        return first.is_alpha and first.is_title and len(first.text) <= 5 and hyphen.text in HYPHENS \
            and not ws[k] and not ws[k + 1] and second.is_alpha and second.is_lower \
            and len(second.text) <= 5

    def _after_vessel_noun(self, doc: Doc, i: int) -> bool:
        """Is the word at ``i`` a ship's name: right after a vessel noun ("the cargo ship Angara", "its vessels
        MARIYA K"), after one and a list ("cargo ships, among them the Angara and ..."), or in quotation marks
        after one ("the freighters "Lazurit" and MARIYA ZHUKOVA")?"""
        lex, ws, idx = _columns(doc)
        k, steps = i - 1, 0
        while k >= 0 and steps < 8:
            word = lex[k].lower_
            if word in self.vessel_nouns:
                return True
            if not (word in SHIP_LIST_WORDS or lex[k].text in QUOTES or lex[k].text[:1].isupper()):
                return False
            k, steps = k - 1, steps + 1
        return False

    def _listed_person(self, doc: Doc, i: int, covered) -> list[int] | None:
        """The tokens of a person listed surname first in capitals, a comma, then the given names, at the
        start of a line ("SEMYONOV, Oleg Igorevich", "RI, Kwang Chol"): a sanctions list's entry; or None."""
        lex, ws, idx = _columns(doc)
        token = lex[i]
        if not (token.is_alpha and token.is_upper and len(token.text) >= 2) or i + 2 >= len(doc) \
                or lex[i + 1].text != "," or ws[i]:
            return None
        if i > 0 and "\n" not in ws[i - 1] and not (lex[i - 1].is_space and "\n" in lex[i - 1].text):
            return None
        run, k = [i, i + 1], i + 2
        while k < len(doc) and len(run) < 6 and not covered[k] and lex[k].is_alpha and lex[k].is_title \
                and not is_common(lex[k].text) and lex[k].text not in self.ignore and lex[k].text not in self.alone \
                and lex[k].text not in MONTHS:
            if self._korean_given_name(doc, k):
                run.extend([k, k + 1, k + 2])
                k += 3
            else:
                run.append(k)
                k += 1
            if "\n" in ws[k - 1] or not ws[k - 1] == " ":
                break
        ends = k >= len(doc) or lex[k].text in (",", "(", ";") or "\n" in ws[k - 1]
        return run if len(run) > 2 and ends else None

    def _written_in_lower_case(self, doc: Doc, i: int) -> bool:
        """Does the text also write token ``i``'s word in lower case? (Capitalised at a sentence's start,
        such a word is no name.) The Doc's lower-case words are read once, the first time it is asked."""
        if self._written_lower is None:
            lower, is_lower = doc.to_array([LOWER, IS_LOWER]).T if len(doc) else (numpy.zeros(0), numpy.zeros(0))
            self._written_lower = set(lower[is_lower == 1].tolist())
        return doc[i].lower in self._written_lower

    @staticmethod
    def _opens(doc: Doc, i: int, sentence_starts: set[int]) -> bool:
        """Is token ``i`` the first word of a sentence, line, quotation or label ("Q: Thank you")?"""
        lex, ws, idx = _columns(doc)
        j = i - 1
        while j >= 0 and (lex[j].is_space or lex[j].text in OPENERS):
            if "\n" in lex[j].text or "\n" in ws[j]:
                return True
            j -= 1
        return j < 0 or i in sentence_starts or (j + 1 in sentence_starts) or "\n" in ws[j] \
            or lex[j + 1].text in OPENERS

    def _speaker_label_tokens(self, doc: Doc, text: str) -> set[int]:
        """Tokens of the words in capitals that open a line before a colon ("ARCHER:", "ANCHOR ELLEN MARSH:",
        "PARK JUN-HO:"): a transcript's speaker label, whose words are names even where they are also common
        words ("Archer", "Marsh", "Park"). A speaker noun ("UKRAINIAN OFFICER:") names a kind of speaker; a
        label of common words only ("LIVE:") names someone only with a word the text also writes as a name
        ("ARCHER:" after "Tom Archer"). Titles and label words (name_ignore.csv) are left out by the caller."""
        lex, ws, idx = _columns(doc)
        tokens = set()
        if ":" not in text:
            return tokens  # every label ends in a colon: most texts need no scan of their lines
        token_starts = None
        for label in SPEAKER_LABEL.finditer(text):
            if token_starts is None:
                token_starts = doc.to_array([IDX]).astype("int64")
            first, last = numpy.searchsorted(token_starts, [label.start(1), label.end(1)])
            words = [k for k in range(int(first), int(last)) if lex[k].is_alpha and lex[k].text.isupper()
                     and lex[k].lower_ not in self.speaker_nouns]
            if all(is_common(lex[k].text) for k in words):
                words = [k for k in words if f" {lex[k].text.title()}" in text]
            tokens.update(words)
        return tokens

    def _institutions_in_capitals(self, doc: Doc) -> set[int]:
        """Tokens of runs in capitals that end in an institution's last word ("SENATE ARMED SERVICES
        COMMITTEE", "UNITED STATES FORCES KOREA"): a cover page's bodies, named in words that alone are
        common ("PRESS BRIEFING" ends in none)."""
        lex, ws, _ = _columns(doc)
        found: set[int] = set()
        run: list[int] = []
        # only the words in capitals are visited: most texts have none, and Python is slow per token
        upper = numpy.flatnonzero(doc.to_array([IS_UPPER]).ravel()).tolist()
        for i in upper + [len(doc) + 1]:
            word = lex[i].text if i < len(doc) else ""
            capitals = word.isupper() and word.isalpha() and len(word) > 1
            if capitals and (not run or (run[-1] == i - 1 and ws[run[-1]] == " ")):
                run.append(i)
                continue
            while run and lex[run[-1]].lower_ in (*FIELD_JOINTS, "the"):
                run.pop()
            # "RELEASED BY THE SENATE ...": the name starts after the last word of the run that joins no name
            joins = [k for k, t in enumerate(run) if lex[t].lower_ in STOP_WORDS and lex[t].lower_ not in (
                *FIELD_JOINTS, "the")]
            run = run[joins[-1] + 1:] if joins else run
            while run and lex[run[0]].lower_ in STOP_WORDS:
                run.pop(0)
            if len(run) >= 2 and (lex[run[-1]].text.title() in self.body_heads
                                  or (len(run) >= 3 and lex[run[-2]].text.title() in self.body_heads)):
                found.update(run)  # "... FORCES KOREA": the head may come one word before the end
            run = [i] if capitals else []
        return found

    @staticmethod
    def _headline_tokens(doc: Doc, text: str) -> set[int]:
        """Tokens of lines written in title case ("Russia Hails Friendship With DPRK"): four words
        or more of over three letters, most of them capitalised, and no full stop at the end."""
        token_starts = None  # read when a line needs it: most texts have no such line
        tokens, offset = set(), 0
        for line in text.split("\n"):
            if line.rstrip()[-1:] in {".", "?", "!"}:  # most lines: tested first, before the word scan
                offset += len(line) + 1
                continue
            words = LONG_WORD.findall(line)
            if len(words) >= 4 and sum(w[0].isupper() for w in words) >= HEADLINE_SHARE * len(words):
                if token_starts is None:
                    token_starts = doc.to_array([IDX]).astype("int64")  # uint64 would be converted per search
                first, last = numpy.searchsorted(token_starts, [offset, offset + len(line)])
                tokens.update(range(int(first), int(last)))
            offset += len(line) + 1
        return tokens

    @staticmethod
    def _capitals_before(doc: Doc, run: list[int], covered, text: str, lines: "Lines") -> list[int]:
        """Words in capitals right before a name in capitals, on a line that is not all capitals, even words
        ("PETER", "MIN-JI") that are common in lower case: "By MIN-JI CHO and PETER ALVAREZ Associated Press"."""
        lex, ws, idx = _columns(doc)
        first = run[0]
        if not lex[first].is_upper or len(lex[first].text) < 2:
            return []
        line_start, line_end = lines.around(idx[first])
        if not any(c.islower() for c in text[line_start:line_end]):
            return []  # a headline in capitals: its words are words
        before = []
        k = first - 1
        while k >= 0 and not covered[k] and idx[k] >= line_start:
            if lex[k].is_alpha and lex[k].is_upper and len(lex[k].text) > 1 and ws[k] == " ":
                before.insert(0, k)  # "PETER ALVAREZ"
            elif k - 1 >= 0 and lex[k].text in HYPHENS and not ws[k] and not ws[k - 1] \
                    and lex[k - 1].is_alpha and lex[k - 1].is_upper and not covered[k - 1]:
                before[:0] = [k - 1, k]  # "MIN-JI"
                k -= 1
            else:
                break
            k -= 1
        return before

    def _run(self, doc: Doc, i: int, covered, sentence_starts, headline, official: bool = False) -> list[int]:
        """The name words from token ``i`` on. ``official``: the run continues an official name whose
        list of subjects it is ("Commission on Trade, Economic, Scientific and Technical Cooperation")."""
        lex, ws, idx = _columns(doc)
        run = [i]
        while True:
            last = run[-1]
            if "\n" in ws[last]:
                break
            nxt = last + 1
            if nxt < len(doc) and covered[nxt] and i not in headline:
                inner = self._inner_demonym(doc, run, nxt, covered, sentence_starts, headline)
                if inner:
                    run.extend(inner)  # "Association of Southeast Asian Nations", "Journal of East Asian Affairs"
                    continue
            if nxt >= len(doc) or covered[nxt]:
                break
            token = lex[nxt]
            if token.text == "." and not ws[last] and self._is_title(lex[last].text):
                if nxt + 1 in sentence_starts:
                    break  # "IVAN PETROV, Director. The report said": the full stop ends the sentence
                run.append(nxt)  # "Col." when the tokenizer splits the full stop off
                continue
            if token.text == "." and not ws[last] and lex[last].lower_ in COMPANY_ABBREVIATIONS \
                    and len(run) > 1:
                run.append(nxt)  # "RYONHAP TRADING CO.": the legal form's full stop is the name's
                break
            if MIDDLE_INITIAL.fullmatch(token.text) and ws[last] == " " and ws[nxt] == " " \
                    and lex[last].is_alpha and not self._is_title(lex[last].text) and nxt + 1 < len(doc) \
                    and lex[nxt + 1].is_alpha and lex[nxt + 1].text[:1].isupper():
                run.append(nxt)  # "Rachel K. Linden", "Joseph R. Biden": a middle initial between the names
                if covered[nxt + 1]:
                    break  # the surname is the registry's: the run is the given names before it
                continue
            if self._korean_given_name(doc, nxt) and ws[last] == " ":
                run.extend([nxt, nxt + 1, nxt + 2])  # "Han Do-won": a given name even when its first part is a word
                continue
            if self._name_word(doc, nxt, sentence_starts, headline):
                run.append(nxt)
                continue
            if token.is_upper and token.is_alpha and len(token.text) > 1 and lex[last].is_upper \
                    and lex[run[0]].is_upper and i not in headline and not self._is_title(token.text):
                run.append(nxt)  # "GOLDEN HORN LOGISTICS LLC": a name in capitals goes on in capitals
                continue
            # a hyphenated part written without spaces: "Ha-kyu", "Thomas-Greenfield"
            if token.text in HYPHENS and not ws[last] and not ws[nxt] \
                    and nxt + 1 < len(doc) and lex[nxt + 1].is_alpha and not covered[nxt + 1] \
                    and (lex[nxt + 1].text[0].isupper() or len(run) >= 2 or _given_name_first(doc, last, nxt + 1)):
                run.extend([nxt, nxt + 1])
                continue
            # "Khasan–Tumangang road bridge": two places joined by an en dash name the facility that joins them;
            # without its kind after them ("the Khasan–Tumangang rail crossing") they are two places
            if token.text == "–" and not ws[last] and not ws[nxt] and nxt + 1 < len(doc) \
                    and lex[nxt + 1].is_alpha and lex[nxt + 1].text[0].isupper() and not covered[nxt + 1] \
                    and self._name_word(doc, nxt + 1, sentence_starts, headline) \
                    and self._facility_after(doc, nxt + 1) > nxt + 1:
                run.extend([nxt, nxt + 1])
                continue
            # "Komsomolsk-on-Amur", "Rostov-on-Don": a place joined by a lower-case word between hyphens
            if token.text in HYPHENS and not ws[last] and not ws[nxt] and nxt + 3 < len(doc) \
                    and lex[nxt + 1].is_lower and not ws[nxt + 1] and lex[nxt + 2].text in HYPHENS \
                    and not ws[nxt + 2] and lex[nxt + 3].text[:1].isupper() \
                    and not covered[nxt + 1:nxt + 4].any():
                run.extend([nxt, nxt + 1, nxt + 2, nxt + 3])
                continue
            # "Panel of Experts", "Ministry of Foreign Affairs", "Korean People's Army"; "on" after an
            # institution ("Commission on Trade", "Treaty on Friendship")
            if token.lower_ in ("'s", "’s") and (not is_common(lex[last].text) or lex[last].text in self.institution_heads
                                                 or any(lex[t].lower_ == "of" for t in run)
                                                 or (nxt + 2 < len(doc) and lex[nxt + 1].text in self.institution_heads
                                                     and lex[nxt + 2].lower_ == "of")):
                break  # "Lin Jian's Regular Press Conference", "the Department of the Treasury's Office ...",
                # "Treasury's Office of Foreign Assets Control": two names, the owner and what it owns; "Korean
                # People's Army" is one
            given_name = len(run) >= 3 and lex[run[-2]].text in HYPHENS and lex[last].is_lower  # "Hyun-woo"
            peer = len(run) == 2 and lex[run[0]].text in PEERAGE and token.lower_ == "of"  # "Lord Alton of Liverpool"
            if token.lower_ in ("of", "for") and lex[last].is_alpha and not peer \
                    and (given_name or not is_common(lex[last].text)) \
                    and lex[last].text not in self.institution_heads and not self._is_title(lex[last].text):
                break  # "Park Seo-yeon of Haeundae Marine Insurance", "Marcus Oyelaran for the District of
                # Columbia": a person, then where they work
            if (token.lower_ in CONNECTORS or (token.lower_ == "on" and lex[last].text in self.institution_heads)) \
                    and nxt + 1 < len(doc):
                k = nxt + 1
                if lex[k].lower_ == "the" and k + 1 < len(doc):
                    k += 1
                if token.lower_ == "of" and k + 1 < len(doc) and lex[k].is_digit and not covered[k:k + 2].any() \
                        and lex[k + 1].text in self.institution_heads:
                    run.extend(range(nxt, k + 2))  # "Panel of Experts of the 1718 Committee": a numbered body
                    continue
                if not covered[k] and self._name_word(doc, k, sentence_starts, headline):
                    if token.lower_ == "on" and lex[self._run(doc, k, covered, sentence_starts, headline)[-1]].text \
                            in self.place_heads:
                        break  # "Far Eastern Federal University on Russky Island": the body, then where it stands
                    run.extend(range(nxt, k + 1))
                    continue
            # an official name lists its subjects: "Treaty on Friendship, Good-Neighbourliness and Cooperation",
            # "Refugees Protection and Settlement Support Act"
            if token.lower_ in (",", "and"):
                k = nxt + 2 if token.text == "," and nxt + 1 < len(doc) and lex[nxt + 1].lower_ == "and" else nxt + 1
                if k < len(doc) and not covered[k] and lex[k].text[:1].isupper() \
                        and self._name_word(doc, k, sentence_starts, headline):
                    listing = official or any(lex[t].lower_ in ("on", "for") for t in run) \
                        or (lex[run[0]].text in self.institution_heads and len(run) > 1 and lex[run[1]].lower_ == "of")
                    tail = self._run(doc, k, covered, sentence_starts, headline, listing)
                    if token.text == "," and not official and not self._list_closes(doc, nxt):
                        break  # "Senior Fellow for Korean Security, Invented Centre ...": a list of subjects ends in "and"
                    if listing or lex[tail[-1]].text in self.institution_heads:
                        run.extend(range(nxt, tail[-1] + 1))
                        continue
            break
        return run

    def _inner_demonym(self, doc: Doc, run: list[int], at: int, covered, sentence_starts, headline) -> list[int]:
        """The tokens of a registry demonym at ``at`` and the name word after it, when the demonym sits inside
        a longer name: a capitalised word of the run before it and one after, single spaces between ("Southeast
        Asian Nations"); else []. The caller drops the demonym's own mention, as it does for any row a name
        takes in."""
        lex, ws, idx = _columns(doc)
        match = self._demonym_at.get(at)
        last = run[-1]
        if match is None or match.end >= len(doc) or covered[match.end] or ws[last] != " " \
                or ws[match.end - 1] != " " or not lex[last].is_alpha or not lex[last].text[:1].isupper() \
                or self._is_title(lex[last].text) or not lex[match.end].is_alpha \
                or not self._name_word(doc, match.end, sentence_starts, headline):
            return []
        return list(range(at, match.end + 1))

    @staticmethod
    def _list_closes(doc: Doc, comma: int) -> bool:
        """Do the capitalised words after ``comma`` run on to an "and" ("Friendship, Co-operation and Mutual
        Assistance"), as a list of subjects does?"""
        lex, ws, idx = _columns(doc)
        for k in range(comma + 1, len(doc)):
            token = lex[k]
            if token.lower_ == "and":
                # "..., Homeland Security Investigations and the Serbian Ministry": bodies listed, not subjects
                return k + 1 >= len(doc) or lex[k + 1].lower_ not in ("the", "a", "an")
            if "\n" in ws[k - 1] or not (token.text[:1].isupper() or token.text in HYPHENS
                                                     or token.text == "," or token.lower_ in CONNECTORS
                                                     or (token.is_lower and lex[k - 1].text in HYPHENS)):
                return False
        return False

    @staticmethod
    def _unit_or_code(doc: Doc, i: int) -> bool:
        """An acronym in capitals with a number written right after it ("IMO 9187344", "USD 20"), right before it
        ("336 TEU") or "per" before it ("per TEU"): the letters of a unit, a currency or an identifier, not a name."""
        lex, ws, idx = _columns(doc)
        word = lex[i]
        if not (word.is_alpha and word.is_upper and 2 <= len(word.text) <= 5):
            return False

        def number(token) -> bool:
            return token.text[:1].isdigit() and token.like_num

        if i + 1 < len(doc) and ws[i] == " " and (number(lex[i + 1]) or CODE.fullmatch(lex[i + 1].text)):
            return True  # "IMO 9187344", "UIN HL6981": the kind of identifier before it
        # "336 TEU, built in 1998", not "4 JDAM guided bombs" (a weapon's name before what it names)
        closing = i + 1 >= len(doc) or lex[i + 1].is_punct or doc[i + 1].is_stop
        if i > 0 and lex[i - 1].lower_ == "per" and closing:
            return True  # "$3,000 per TEU": the unit a price or a rate is counted in
        return i > 0 and ws[i - 1] == " " and number(lex[i - 1]) and closing

    def _document_number(self, doc: Doc, first: int, last: int, text: str) -> bool:
        """Are tokens first..last a document noun whose number follows, as ``DocumentNumbers`` reads document
        numbers ("Executive Order (E.O.) 14024")?"""
        lex, ws, idx = _columns(doc)
        words = doc[first:last + 1].text.lower().replace(".", "").split()
        words[-1] = lemma_table().get(words[-1], words[-1])  # "Executive Orders 13722 and 14024"
        if " ".join(words) not in self.documents and words[-1] not in self.documents:
            if not (first == last and lex[first].is_upper and first >= 2 and lex[first - 1].text == "("
                    and lex[first - 2].lower_.rstrip(".") in self.documents):
                return False  # "Council Decision (CFSP) 2025/951": the short form in brackets is the document's too
        after = last + 1
        if after + 2 < len(doc) and lex[after].text == "(" and lex[after + 2].text == ")":
            after += 3  # "Executive Order (E.O.) 14024", "Council Regulation (EU) 2017/1509"
        elif after < len(doc) and lex[after].text == ")":
            after += 1  # the short form itself: "(E.O.) 14024", "(CFSP) 2025/951"
        if after < len(doc) and lex[after].text in ("No", "No."):
            after += 1  # "Council Regulation (EU) No 269/2014"
        number = after if after < len(doc) and (lex[after].like_num or SLASHED_NUMBER.fullmatch(lex[after].text)) \
            else None  # the number right after the noun (or its short form), never one further on
        return number is not None and self.document_numbers.at(text, idx[number],
                                                               idx[number] + len(lex[number].text))

    def _after_generic_of(self, doc: Doc, run: list[int]) -> list[int]:
        """An institution's name after generic words and "of (the)": "Joint Statement of the Participating
        States of the Multilateral Sanctions Monitoring Team" is the Team's name; "Ministry of Foreign
        Affairs" and "Panel of Experts of the 1718 Committee" stay whole (their first part is a body)."""
        lex, ws, idx = _columns(doc)
        while lex[run[-1]].text in self.institution_heads:
            cut = next((k for k, t in enumerate(run) if lex[t].lower_ == "of"), None)
            if not cut or cut + 1 >= len(run):
                return run
            left = [lex[t] for t in run[:cut]]
            if left[-1].text in self.institution_heads or not all(is_common(t.text) for t in left if t.is_alpha):
                return run
            rest = run[cut + 1:]
            if lex[rest[0]].lower_ == "the":
                rest = rest[1:]
            if not rest:
                return run
            run = rest
        return run

    def _is_title(self, word: str) -> bool:
        return title_key(word) in self.titles

    def _split_role(self, doc: Doc, run: list[int], text: str) -> list[tuple[int, int, str]]:
        """The names in a run, as (first token, last token, role), titles split off into the role.

        The cut falls after the last title word that is followed by a name: a word that
        is not common English, or two words or more ("Col. Lee Sung-jun"). So "General
        Staff" stays whole, and "Secretary-General António Guterres" loses its title. A
        name before the title is a name of its own ("JCS Spokesperson Col. Lee" gives
        "JCS" and "Lee ..."). Nothing but titles, a run ending in a title ("Defence
        Minister" before a registry name) or an office ("Minister of Foreign Affairs")
        is no name.
        """
        lex, ws, idx = _columns(doc)
        words = [lex[i].text for i in run]
        cut = 0
        for k in range(len(run) - 1, -1, -1):
            if not self._is_title(words[k]):
                continue
            rest = [w for w in words[k + 1:] if w not in HYPHENS and w != "."]
            if not rest:
                continue
            if rest[-1] in self.institution_heads and all(is_common(w) for w in rest):
                continue  # "General Political Bureau", "General Staff": a body's name, its first word no title
            if rest[0].lower() not in CONNECTORS and (not is_common(rest[0]) or len(rest) >= 2):
                cut = k + 1
                break
        if self._is_title(words[-1]) or (words[-1] == "." and words[-2].lower() not in COMPANY_ABBREVIATIONS):
            return []
        if self._is_title(words[0]) and len(words) > 1 and words[1].lower() == "of":
            return []
        found = []
        name = self._trim(doc, run[cut:])
        if not name or all(self._is_title(lex[i].text) or lex[i].text in HYPHENS for i in name):
            return []
        role = ""
        if cut:
            titled = next(k for k in range(cut) if self._is_title(words[k]) or is_common(words[k]))
            before = self._trim(doc, run[:titled])
            if before:
                found.append((before[0], before[-1], ""))
            role_start = idx[run[titled]]
            last_title = run[cut] if cut < len(run) and words[cut] == "." else run[cut - 1]  # "Col." whole
            role_end = idx[last_title] + len(lex[last_title].text)
            role = text[role_start:role_end]
        found.append((name[0], name[-1], role))
        return found

    @staticmethod
    def _trim(doc: Doc, tokens: list[int]) -> list[int]:
        lex, ws, idx = _columns(doc)
        while tokens and (lex[tokens[0]].lower_ in CONNECTORS or lex[tokens[0]].text in HYPHENS | {"."}):
            tokens = tokens[1:]
        while tokens and (lex[tokens[-1]].lower_ in CONNECTORS or lex[tokens[-1]].text in HYPHENS):
            tokens = tokens[:-1]
        return tokens


def sentence_start_set(doc: Doc) -> set[int]:
    """``{sent.start for sent in doc.sents}``, read from one array: no Span per sentence.

    ``Doc.sents`` starts a sentence at token 0 and at every later token whose ``SENT_START`` is 1."""
    if not len(doc) or "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return {sent.start for sent in doc.sents}
    flags = doc.to_array([SENT_START]).ravel()
    return {0, *(numpy.flatnonzero(flags[1:] == 1) + 1).tolist()}


def _person_after_field(doc: Doc, run: list[int]) -> list[int] | None:
    """The tokens of a person's name closing a run whose other words, the last a common word, are
    the end of an office's title after "and", "of" or "for" ("Minister of ... External Economic Relations Yun Jong-ho",
    "Minister of Natural Resources and Ecology Alexander Kozlov"), or None. The name is two words or
    more none of which is a common English word (a hyphenated given name counting as one; a surname may be
    one after a given name: "Elena Marsh"). A word of three letters or fewer ends no field: "Ri" in "Ri Chol
    Man" is a Korean surname."""
    lex, ws, idx = _columns(doc)
    i, words = len(run), 0
    while i > 0:
        token = lex[run[i - 1]]
        if i >= 3 and lex[run[i - 2]].text in HYPHENS and not ws[run[i - 2]] \
                and not ws[run[i - 3]] and not is_common(lex[run[i - 3]].text):
            i, words = i - 3, words + 1  # "Jong-ho"
            continue
        surname = i == len(run) and i >= 2 and lex[run[i - 2]].is_alpha and lex[run[i - 2]].is_title \
            and not is_common(lex[run[i - 2]].text)  # "Elena Marsh": a surname that is also a word
        if token.is_alpha and token.text[:1].isupper() and (not is_common(token.text) or surname):
            i, words = i - 1, words + 1
            continue
        break
    head = [lex[t] for t in run[:i]]
    if words < 2 or not head or not is_common(head[-1].text) or len(head[-1].text) <= 3 \
            or not all(t.is_alpha and t.text[:1].isupper() for t in head):
        return None
    return run[i:]


def _marked_as_ship(doc: Doc, run: list[int]) -> bool:
    """Is the run a ship's name by the marks shipping copy gives one: a flag state before it ("the
    Russia-flagged Bereg Vostoka") or its IMO number in brackets after it ("Ryong Gang 7 (IMO 8712348")?"""
    lex, ws, idx = _columns(doc)
    first, k = run[0], run[-1] + 1
    if first >= 2 and lex[first - 1].lower_ == "flagged" and lex[first - 2].text in HYPHENS and not ws[first - 2]:
        return True
    if k < len(doc) and lex[k].is_digit and ws[k - 1]:
        k += 1  # "Ryong Gang 7": a number ends many ships' names
    return k + 1 < len(doc) and lex[k].text == "(" and lex[k + 1].text == "IMO"


def names_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["start", "end", "text", "role"])


class Lines:
    """A text's line bounds, found once per text so that a rule asking for the line around a position costs a
    binary search, not a scan back to the last newline (a long article on one line would make that quadratic)."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.length = len(text)
        nonempty = [k for k, start in enumerate(self.starts) if text[start:self.end_of(k)].strip()]
        # a text's first lines name its outlet, title and byline ("Straits Meridian"), not its sections
        self.opening_end = self.starts[nonempty[OPENING_LINES - 1]] + 1 if len(nonempty) >= OPENING_LINES \
            else self.length + 1

    def end_of(self, k: int) -> int:
        return self.starts[k + 1] - 1 if k + 1 < len(self.starts) else self.length

    def around(self, position: int) -> tuple[int, int]:
        """(start, end) of the line holding ``position``, its newline left out."""
        k = bisect.bisect_right(self.starts, position) - 1
        return self.starts[k], self.end_of(k)


def _abbreviation(text: str, start: int, end: int) -> bool:
    """Is the word at ``start:end`` a short word cut off by a full stop ("Russ.", "Kor.", "Distr."): at most five
    letters, the stop right after it, and after that no new sentence (a space and a Latin capital, a closing quotation
    mark or bracket, a line break, or the end: 'said Lee."')?"""
    if end - start > 5 or text[end:end + 1] != "." or text[end + 1:end + 2] == ".":
        return False
    rest = text[end + 1:end + 3]
    return not (rest == "" or rest[:1] in "\n\"”’)]" or (rest[:1] == " " and ("A" <= rest[1:2] <= "Z" or rest[1:2] in "\"“'‘")))


def _short_heading(text: str, position: int, lines: Lines) -> bool:
    """Is the line holding ``position`` a short heading below the text's opening lines: at most SHORT_HEADING
    words, each capitalised (or a short function word), and no sentence punctuation at its end?"""
    start, end = lines.around(position)
    if start < lines.opening_end:
        return False
    line = text[start:end].strip()
    words = line.split()
    if not words or len(words) > SHORT_HEADING or line[-1:] in ".?!:;,\"”":
        return False
    return all(w[:1].isupper() or (w.islower() and len(w) <= 3) for w in words)


def _run_in_heading(doc: Doc, i: int) -> bool:
    """Is token ``i`` a one-word heading run into its paragraph ("Diplomacy. The first sign of change ..."): the
    first word of a line, a full stop right after it, and a capitalised word after that?"""
    lex, ws, idx = _columns(doc)
    if i + 2 >= len(doc) or lex[i + 1].text != "." or ws[i] or not ws[i + 1] or "\n" in ws[i + 1] \
            or not lex[i + 2].text[:1].isupper():
        return False
    return i == 0 or "\n" in ws[i - 1] or (lex[i - 1].is_space and "\n" in lex[i - 1].text)


def _given_name_first(doc: Doc, first: int, second: int) -> bool:
    """"Joon-ho Baek", "Ji-won Park": a Korean given name of two short syllables, hyphenated, before a
    capitalised surname (never "Anti-war Movement": the first syllable is no common word)."""
    lex, ws, idx = _columns(doc)
    surname = second + 1
    return lex[first].is_alpha and len(lex[first].text) <= 5 and not is_common(lex[first].text) \
        and lex[second].is_lower and len(lex[second].text) <= 5 and ws[second] \
        and surname < len(doc) and lex[surname].is_alpha and lex[surname].text[:1].isupper() \
        and not lex[surname].is_upper
