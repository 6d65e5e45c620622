"""Hand-coded events: codebook checks, evidence located in the texts, flags, and candidates."""

import pandas as pd
import pytest

from partnership import config
from partnership.build import all_tables
from partnership.corpus import load_corpus
from partnership.annotate.entities import load_registry
from partnership.errors import CorpusError
from partnership.events.candidates import agreement, load_triggers, match_candidates
from partnership.events.coding import (
    EVENT_COLUMNS,
    EventCoding,
    bound_table,
    dates_conflict,
    event_table,
    load_event_types,
    load_events,
    load_evidence,
    load_modalities,
    load_bounds,
    load_roles,
    locate_bounds,
    locate_evidence,
    possible_duplicates,
    publication_bounds,
    tightest,
    tightest_by_event,
)
from tests.conftest import write_raw

HEADER = ",".join(EVENT_COLUMNS) + "\n"


def read(name):
    return pd.read_csv(config.PROCESSED_DIR / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def codebook():
    registry = load_registry()
    return registry, load_event_types(), load_modalities()


def test_every_event_has_evidence_found_once_in_its_article():
    corpus = load_corpus()
    coding = EventCoding.load(load_registry())
    located = coding.evidence_in(corpus.texts, corpus.sentences)
    assert len(located) == len(coding.evidence)
    assert set(located["event_id"]) == set(coding.events["event_id"])
    for row in located.itertuples():
        assert corpus.text(row.doc_id)[row.start:row.end] == row.quote


def test_codebook_examples_are_verbatim():
    corpus = load_corpus()
    for row in load_event_types().itertuples():
        assert row.example in corpus.text(row.example_doc_id), row.type


def test_n_sources_and_doc_ids_follow_the_evidence():
    events, evidence = read("events.csv"), read("event_evidence.csv")
    for event in events.itertuples():
        docs = sorted(set(evidence.loc[evidence["event_id"] == event.event_id, "doc_id"]))
        assert int(event.n_sources) == len(docs)
        assert event.doc_ids == "|".join(docs)


def test_processed_events_have_valid_dates_in_order():
    events = read("events.csv")
    dated = events[events["date"] != ""]
    assert (dated["date"].str.len() == dated["date_precision"].map({"day": 10, "month": 7, "year": 4})).all()
    assert (events.loc[events["date"] == "", "date_precision"] == "unknown").all()


@pytest.mark.parametrize("row, message", [
    ("e1,visit,2023-13,,month,putin,,,asserted,x,\n", "date '2023-13' is not a valid month"),
    ("e1,visit,2023-09,,day,putin,,,asserted,x,\n", "date '2023-09' is not a valid day"),
    ("e1,visit,,,unknown,putin,,,asserted,x,\ne2,visit,2023,,unknown,putin,,,asserted,x,\n",
     "precision unknown, so date and date_end must be empty"),
    ("e1,visit,2023-09-10,2023-09-01,day,putin,,,asserted,x,\n", "date_end 2023-09-01 is before date 2023-09-10"),
    ("e1,visit,2023,,year,nobody,,,asserted,x,\n", "actor_ids 'nobody' is not in the entity registry"),
    ("e1,party,2023,,year,putin,,,asserted,x,\n", "type 'party' is not one of"),
    ("e1,visit,2023,,year,putin,,,rumoured,x,\n", "modality 'rumoured' is not one of"),
    ("e1,visit,2023,,year,putin,,,asserted,x,\ne1,visit,2023,,year,putin,,,asserted,x,\n",
     "event_id 'e1' appears in more than one row"),
])
def test_bad_event_rows_are_named(tmp_path, codebook, row, message):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_events(*codebook, path=path)


def write_coding(tmp_path, codebook, events: str, evidence: str):
    events_path, evidence_path = tmp_path / "events.csv", tmp_path / "event_evidence.csv"
    events_path.write_text(HEADER + events, encoding="utf-8")
    evidence_path.write_text("event_id,doc_id,quote,reported_as,date_reported\n" + evidence, encoding="utf-8")
    registry, types, modalities = codebook
    events = load_events(registry, types, modalities, path=events_path)
    return events, load_evidence(events, modalities, path=evidence_path), evidence_path


def test_quote_found_twice_or_not_at_all_is_an_error(tmp_path, codebook):
    sentences = pd.DataFrame({"doc_id": ["a"], "start": [0]})
    texts = {"a": "Putin met Kim. Putin met Kim again."}
    _, evidence, path = write_coding(tmp_path, codebook, "e1,summit_or_talks,2023,,year,putin,,,asserted,x,\n",
                                     "e1,a,Putin met Kim,asserted,\n")
    with pytest.raises(CorpusError, match="occurs more than once in a; quote more words"):
        locate_evidence(evidence, texts, sentences, path)
    _, evidence, path = write_coding(tmp_path, codebook, "e1,summit_or_talks,2023,,year,putin,,,asserted,x,\n",
                                     "e1,a,Putin met Trump,asserted,\n")
    with pytest.raises(CorpusError, match="the quote is not in a"):
        locate_evidence(evidence, texts, sentences, path)


def test_event_without_evidence_is_an_error(tmp_path, codebook):
    with pytest.raises(CorpusError, match="event 'e2' has no evidence row"):
        write_coding(tmp_path, codebook, "e1,visit,2023,,year,putin,,,asserted,x,\ne2,visit,2023,,year,putin,,,asserted,x,\n",
                     "e1,a,Putin,asserted,\n")


def test_flags(tmp_path, codebook):
    registry, types, _ = codebook
    texts = {"early": "Shoigu is expected to visit. He went in July.",
             "late": "Shoigu visited in August."}
    documents = pd.DataFrame({"doc_id": ["early", "late"], "published": ["2023-09-01", "2023-10-01"]})
    sentences = pd.DataFrame({"doc_id": ["early", "late"], "start": [0, 0]})
    events, evidence, path = write_coding(
        tmp_path, codebook, "v,visit,2023-07,,month,shoigu,prk,,asserted,x,\n",
        "v,early,Shoigu is expected to visit,expected,\nv,early,He went in July,asserted,2023-07\n"
        "v,late,Shoigu visited in August,asserted,2023-08\n")
    table = event_table(events, locate_evidence(evidence, texts, sentences, path), documents, types,
                        load_roles(registry))
    row = table.iloc[0]
    assert row["n_sources"] == 2 and row["first_reported"] == "2023-09-01"
    assert row["flag_expected_then_reported"] and row["flag_dates_differ"] and row["flag_role_differs"]
    assert row["role_note"] == ("shoigu: Minister of Defence of Russia on 2023-07; "
                                "now Secretary of the Security Council of Russia")


def test_dates_conflict_only_when_neither_contains_the_other():
    assert not dates_conflict(["2023-09", "2023-09-12", ""])
    assert dates_conflict(["2023-07", "2023-08"])


def test_candidates_on_an_article_that_is_not_one_of_the_five(tmp_path):
    text = ("Ministers meet in Ulan Bator\n"
            "Putin met Kim Jong Un in Vladivostok on Friday. Analysts expect nothing.\n"
            "The United States accused North Korea of shipping shells.\n")
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": "2024-11-08"}])
    corpus = load_corpus(raw)
    tables = all_tables(corpus)
    candidates = tables["event_candidates"]
    assert candidates[["sent_id", "type", "modality", "actor_ids", "date"]].values.tolist() == [
        [2, "summit_or_talks", "asserted", "putin|kim_jong_un|vladivostok", "2024-11-08"],
        [4, "accusation", "asserted", "usa|prk", ""],
        [4, "arms_transfer", "alleged", "usa|prk", ""],  # the accusation's content: one side's claim
    ]
    for row in candidates.itertuples():
        assert corpus.text(row.doc_id)[row.start:row.end] == row.text


def test_candidates_match_hand_coded_events_by_type_and_sentence():
    candidates = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [1, 2], "start": [0, 20], "end": [19, 40],
                               "text": ["", ""], "type": ["visit", "denial"], "triggers": ["", ""],
                               "actor_ids": ["", ""], "date": ["", ""], "matched_event_ids": ["", ""]})
    events = pd.DataFrame({"event_id": ["v", "d"], "type": ["visit", "visit"]})
    evidence = pd.DataFrame({"event_id": ["v", "d"], "doc_id": ["a", "a"], "start": [5, 25], "end": [9, 30],
                             "reported_as": ["asserted", "asserted"]})
    matched = match_candidates(candidates, events, evidence)
    assert matched["matched_event_ids"].tolist() == ["v", ""]
    result = agreement(matched, events)
    assert (result["recall"], result["precision"]) == (0.5, 0.5)
    assert result["missed_events"]["event_id"].tolist() == ["d"]


def test_trigger_types_are_checked(tmp_path):
    path = tmp_path / "event_triggers.csv"
    path.write_text("trigger,type,by_object,alone,otherwise,note\nmet,meeting,,,,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2: type 'meeting' is not one of"):
        load_triggers({"visit"}, path)


def test_a_trigger_written_twice_is_named(tmp_path):
    # a second row would silently replace the first one's rule
    path = tmp_path / "event_triggers.csv"
    path.write_text("trigger,type,by_object,alone,otherwise,note\nban,visit,,,,\nmeet,visit,,,,\nBan,visit,,verb,,\n",
                    encoding="utf-8")
    with pytest.raises(CorpusError, match="line 4: trigger 'ban' repeats line 2"):
        load_triggers({"visit"}, path)


def test_phases_open_with_leader_summits_and_agreements():
    from partnership.events.coding import assign_phases

    events = pd.DataFrame({
        "event_id": ["old", "summit", "visit", "treaty", "later", "undated", "expected_summit"],
        "type": ["historical_context", "summit_or_talks", "visit", "agreement_signed", "visit", "war",
                 "summit_or_talks"],
        "date": ["1991", "2019-04", "2023-07", "2024-06-19", "2025", "", "2026"],
        "actor_ids": ["sun", "kim_jong_un|putin", "shoigu", "rus|prk", "shoigu", "rus", "kim_jong_un|putin"],
        "recipient_ids": [""] * 7,
        "modality": ["historical", "asserted", "asserted", "asserted", "asserted", "asserted", "expected"],
        "summary": ["x"] * 7,
    })
    phase, phases = assign_phases(events)
    assert phase.tolist() == ["0: background", "1: from 2019-04", "1: from 2019-04", "2: from 2024-06",
                              "2: from 2024-06", "undated", "2: from 2024-06"]
    assert phases["opened_by"].tolist() == ["", "summit", "treaty", ""]


@pytest.mark.parametrize("text, expected", [
    ("If North Korea sends troops, South Korea will respond.\n",
     [["sanctions_threat_or_warning", "asserted"], ["troop_deployment", "hypothetical"]]),
    ("Kim will visit Moscow next month.\n", [["intent_or_expected_meeting", "expected"]]),
    ("Moscow denied receiving shells from North Korea.\n", [["arms_transfer", "denied"], ["denial", "asserted"]]),
    ("The Soviet Union and North Korea signed a treaty in 1961.\n", [["agreement_signed", "historical"]]),
    ("Russia reportedly shipped missiles to North Korea.\n", [["arms_transfer", "alleged"]]),
    ("Did Russia send missiles to North Korea?\n", []),
    # "the soldiers" after a deployment is told points back to it; before it, or "the soldiers of" a named
    # force, it does not
    ("The soldiers were praised by Russia.\n", [["statement_of_support", "asserted"]]),
    ("North Korea sent troops to Russia. Russia praised the soldiers. Kyiv thanked the soldiers of its army.\n",
     [["troop_deployment", "asserted"], ["statement_of_support", "asserted"], ["troop_deployment", "asserted"],
      ["statement_of_support", "asserted"]]),
    ("Seoul said Pyongyang suffered about 300 casualties near Kursk.\n", [["war", "asserted"]]),
    ("Kim Jong Un gave a banquet for Shoigu in Pyongyang.\n", [["visit", "asserted"]]),
    # a passive's subject decides what a transfer verb moves; soldiers committed are deployed; a refusal to
    # confirm is a denial
    ("Kirby said North Korean soldiers were sent into artillery fire.\n", [["troop_deployment", "asserted"]]),
    ("Kirby said the North Korean troops were committed near Kursk.\n", [["troop_deployment", "asserted"]]),
    ("The Kremlin declines to confirm it.\n", [["denial", "asserted"]]),
    # "take part" deploys soldiers only where the fighting or its place is named
    ("Putin said North Korean units took part in the special military operation.\n",
     [["troop_deployment", "asserted"], ["war", "asserted"]]),
    ("KCNA said tens of thousands of Pyongyang residents took part.\n", []),
    # a transcript's speaker label is no trigger ("HOST:" is no host of a visit)
    ("Russia and North Korea are close.\n\nHOST: Welcome back.\n", []),
    ("Russia and North Korea are close.\n\nHOST: Fair enough.\n", []),
    # "the trade" points back to an arms transfer the text has told; trade in general is none
    ("Russia and North Korea said the trade grew.\n", []),
    ("North Korea shipped shells to Russia. Moscow shielded the trade.\n",
     [["arms_transfer", "asserted"], ["arms_transfer", "asserted"]]),
    # a passive transfer verb whose subject is a person's pronoun moves people: a deployment
    ("Seoul said he had been sent to Russia by Pyongyang.\n", [["troop_deployment", "asserted"]]),
    ("Seoul said they are likely to be sent to Kursk by Pyongyang.\n", [["troop_deployment", "expected"]]),
    # an indictment charges; a body charged with a duty, or an officer in charge, accuses nobody
    ("A US indictment charges two Russian traders with smuggling.\n", [["accusation", "asserted"]]),
    ("The US said the Council is charged with upholding order. Russia left the officer in charge.\n", []),
    ("Russia sent a letter to North Korea and sent troops to Kursk.\n",
     [["letter_or_message", "asserted"], ["troop_deployment", "asserted"]]),
    # a bare "soldiers" counts where the sentence places them or says whose they are ("North Korean soldiers",
    # the evaluation guide's third round), not when only praised, nor a contingent praised, nor words in quotes
    ("Russia praised the soldiers as heroes.\n", [["statement_of_support", "asserted"]]),
    ("Russia praised the North Korean soldiers as heroes.\n",
     [["statement_of_support", "asserted"], ["troop_deployment", "asserted"]]),
    ("Russia praised the North Korean contingent.\n", [["statement_of_support", "asserted"]]),
    ('Japan spoke of "North Korean soldiers" at length.\n', []),
    ("Japan said North Korean soldiers are now in Kursk.\n", [["troop_deployment", "asserted"]]),
    # courtesy is no praise
    ("MODERATOR: Thank you, Minister Lavrov.\n", []),
    # "combat" before a noun it describes tells no fighting; entering combat, or combat operations, does
    ("Kirby said North Korea gains combat experience. Russia praised the combat feats.\n",
     [["statement_of_support", "asserted"]]),
    ("Kirby said North Korean troops entered combat near Kursk.\n", [["troop_deployment", "asserted"], ["war", "asserted"]]),
    # soldiers counted among "the enemy's" losses were not sent by anyone the text follows
    ("Russia said the enemy lost up to 180 servicemen near Kursk. North Korea sent servicemen to Kursk.\n",
     [["troop_deployment", "asserted"]]),
    # accepting an invitation with gratitude is a courtesy; gratitude expressed is support
    ("Putin's invitation was accepted by Kim with gratitude.\n", [["intent_or_expected_meeting", "expected"]]),
    ("Putin expressed gratitude to Kim Jong Un.\n", [["statement_of_support", "asserted"]]),
    # the noun "sanctions" is a threat only when it looks ahead, else the sanctions in force (background);
    # inside a longer trigger it is none
    ("Japan will consider further sanctions on North Korea.\n", [["sanctions_threat_or_warning", "asserted"]]),
    ("Japan said North Korea has long evaded sanctions.\n", [["historical_context", "asserted"]]),
    ("Japan imposed sanctions on North Korea in 2024.\n", [["historical_context", "asserted"]]),
    # weapons used are the fighting; "used to move", "for use in" tell a purpose
    ("Ukraine said the shells were used by Russian forces near Kursk. The bridge could be used to move "
     "ammunition, Russia said.\n", [["war", "asserted"], ["arms_transfer", "expected"]]),
    # taking part is a deployment ("participating" before a noun is an adjective); the pandemic is background
    ("North Korea confirmed the participation of its troops in Kursk. The participating states of the Team were listed. "
     "Russia and North Korea closed trade during the pandemic.\n",
     [["troop_deployment", "asserted"], ["historical_context", "asserted"]]),
    # a warning is a threat when it names sanctions or a punitive response, else concern
    ("Tokyo warned that further sanctions were under consideration. Seoul warned that the situation would worsen.\n",
     [["sanctions_threat_or_warning", "asserted"], ["statement_of_concern", "asserted"]]),
    # "potential" looks ahead: the meeting has not happened
    ("Officials prepared for the potential meeting of Kim and Putin in Vladivostok.\n",
     [["intent_or_expected_meeting", "expected"]]),
    # a transfer noun after a determiner needs no object; "no agreements" is no agreement
    ("Japan said these transfers violate the resolutions.\n", [["arms_transfer", "asserted"]]),
    ("Japan said deliveries to Russia began in August.\n", [["arms_transfer", "asserted"]]),  # a noun by its form
    ("Lavrov said he delivered the Ministry’s position to Japan.\n", []),  # a verb still needs what it moves
    ("The summit between Russia and North Korea produced no agreements.\n", [["summit_or_talks", "asserted"]]),
    # "to take part" after "sent" is the purpose of a sending that happened
    ("Russia sent soldiers to Kursk to take part in the fighting.\n",
     [["troop_deployment", "asserted"], ["war", "asserted"]]),
    # an event that is the subject of a conditional is supposed
    ("Japan warned that any transfer of missiles to North Korea would destabilise the region.\n",
     [["arms_transfer", "hypothetical"], ["statement_of_concern", "asserted"]]),
    ("Any direct participation of North Korean soldiers in combat would widen the war.\n",
     [["troop_deployment", "hypothetical"], ["war", "hypothetical"]]),  # soldiers in the fighting are deployed
    # "such" as the subject of "would" supposes, as "any" does; "would have" and a participle tell what did not happen
    ("Such transfers of missiles from North Korea to Russia would breach the resolutions.\n",
     [["arms_transfer", "hypothetical"]]),
    ("North Korea and Russia could have sent troops to Kursk.\n", [["troop_deployment", "hypothetical"]]),
    # "Were" and "Had" opening a clause before its subject suppose, as "Should" does; "were sent" does not
    ("Were Russia to send troops to Kursk, Seoul would act. Had North Korea sent shells, talks would have followed.\n",
     [["troop_deployment", "hypothetical"], ["arms_transfer", "hypothetical"], ["summit_or_talks", "hypothetical"]]),
    ("North Korean troops were sent to Kursk.\n", [["troop_deployment", "asserted"]]),
    # "would" right after the event and a condition later: supposed, when nothing is told before it
    ("A summit between Putin and Kim would follow if the talks succeed.\n", [["summit_or_talks", "hypothetical"]]),
    # an inflected codebook word matches its own forms: "meeting" finds "meetings"
    ("Putin said the meetings with Kim Jong Un were useful.\n", [["summit_or_talks", "asserted"]]),
    # "received" is a visit only with a person (or a delegation) received
    ("Kim Jong Un received Sergei Shoigu in Pyongyang.\n", [["visit", "asserted"]]),
    ("Kim Jong Un received a Russian military delegation.\n", [["visit", "asserted"]]),
    ("Russia said its officers received some training.\n", []),
    # the war as one side names it
    ("Putin praised the liberation of the Kursk region.\n", [["statement_of_support", "asserted"], ["war", "asserted"]]),
    # a bare infinitive of purpose tells what was done; an attempt to persuade is not yet done
    ("Russia used the missiles to strike Kyiv.\n", [["war", "asserted"]]),
    ("Shoigu attempted to persuade North Korea to supply shells.\n", [["arms_transfer", "expected"]]),
    # a meeting noun as the subject of "will" is planned
    ("Russia said the next round of talks will be held in Moscow.\n",
     [["intent_or_expected_meeting", "expected"]]),
    # "any" opening the event's phrase, "would" after it: supposed
    ("Any direct participation of North Korean troops would be dangerous, Japan warned.\n",
     [["statement_of_concern", "asserted"], ["troop_deployment", "hypothetical"]]),
    # participles describing a noun and "provide for" (stipulate) tell no event
    ("Japan keeps in contact with the countries concerned.\n", []),
    ("Russia spoke of alleged deliveries of shells from North Korea.\n", [["arms_transfer", "alleged"]]),
    ("Article 4 of the treaty between Russia and North Korea provides for assistance.\n",
     [["agreement_signed", "asserted"]]),
    # talks need a counterpart
    ("Speaking in Hanoi, Putin praised Vietnam.\n", [["statement_of_support", "asserted"]]),
    # an object found by its lemma ("a single shell") and past an amount ("billions of dollars' worth of")
    ("North Korea said it never exported a single shell to Russia.\n", [["arms_transfer", "denied"]]),
    ("Russia handed over tens of billions of dollars' worth of weapons to Belarus.\n", [["arms_transfer", "asserted"]]),
    # "conclude" tells an agreement only with the agreement named; a heading borrows no actors
    ("Russia and North Korea concluded a treaty.\n", [["agreement_signed", "asserted"]]),
    ("Russia spoke. (The briefing was concluded at 2:11 p.m.)\n", []),
    ("Russia and North Korea met in June.\n\nArms transfers\n\nShells went north.\n", [["summit_or_talks", "asserted"]]),
    # the years a section covers may close its heading
    ("Russia and North Korea met in June.\n\nArms trade (2023–2024)\n\nShells went north.\n",
     [["summit_or_talks", "asserted"]]),
    # an accusation word that a denial rejects still tells the accusation made ("a claim" is no accusation word)
    ("Moscow has rejected such claims.\n", [["denial", "asserted"]]),
    ("The Kremlin brushed the accusations aside.\n", [["accusation", "asserted"], ["denial", "asserted"]]),
    # a trigger inside a named event tells background, not the event of its word
    ("North Korea sent more troops than at any time since the Korean War.\n",
     [["historical_context", "asserted"], ["troop_deployment", "asserted"]]),
    ("Kim welcomed no foreign guests in Pyongyang during the Covid-19 pandemic.\n", [["historical_context", "asserted"]]),
    # a trigger that is a registry name as a whole keeps its own type
    ("Russia continued the special military operation in Ukraine.\n", [["war", "asserted"]]),
    # recognising states and breaking off ties are background; a border "recognised" is none
    ("North Korea recognised the people's republics of Donetsk and Luhansk, and Ukraine cut ties with it.\n",
     [["historical_context", "asserted"]]),
    ("Ukraine announced it was severing relations with North Korea.\n", [["historical_context", "asserted"]]),
    ("Russia must respect Ukraine's internationally recognised borders and its independence.\n", []),
    # the receiving side of a transfer, when what is bought is named
    ("Russia is buying artillery shells from North Korea.\n", [["arms_transfer", "asserted"]]),
    ("Russia bought time in Pyongyang.\n", []),
    # an invitation is a meeting to come, expected by what the word means
    ("The invitation from Putin to Kim Jong Un remains open.\n", [["intent_or_expected_meeting", "expected"]]),
    # a body launched is founded, background; a launch raised at a body is no founding
    ("Japan and Korea welcomed the Multilateral Sanctions Monitoring Team, launched in October.\n",
     [["historical_context", "asserted"], ["statement_of_support", "asserted"]]),
    ("Japan will raise this launch at the Security Council.\n", []),
    # sanctions laid on named persons are in force, background; a body founded by its critics' words too
    ("Today the United States is designating three entities in Russia.\n", [["historical_context", "asserted"]]),
    ("The team, cobbled together by the United States in October, published its report.\n",
     [["historical_context", "asserted"]]),
    # the war as Moscow and Beijing name it
    ("China's position on the Ukraine crisis is consistent.\n", [["war", "asserted"]]),
    # what an anniversary marks lies as many years back: the armistice of a 70th anniversary in 2023 is historical
    ("Shoigu led a delegation to Pyongyang for the 70th anniversary of the Korean War armistice in July 2023.\n",
     [["historical_context", "historical"], ["visit", "asserted"]]),
    # a verb and its noun are two rows of one class ("invasion", "invaded")
    ("Russia invaded Ukraine in February 2022.\n", [["war", "asserted"]]),
    ("Russia denied the report and condemned Japan.\n", [["accusation", "asserted"], ["denial", "asserted"]]),
    # people sent are a deployment, by whatever word the codebook gives them ("young men", "units")
    ("North Korea sent thousands of young men to Russia.\n", [["troop_deployment", "asserted"]]),
    # support declared (a verb, or the speaker's own) is an event; support given as help is not
    ("Russia firmly supports North Korea. Japan reaffirmed our unwavering support for Ukraine.\n",
     [["statement_of_support", "asserted"], ["statement_of_support", "asserted"]]),
    ("North Korea may receive support for air defence from Russia.\n", []),
    ("North Korea will always stand firmly by Russia, Kim said.\n", [["statement_of_support", "asserted"]]),
    ("North Korea said Seoul would be held fully accountable and pay the price.\n", [["sanctions_threat_or_warning", "asserted"]]),
    # "moved", "ferried", "carried": the type follows what is moved
    ("North Korean personnel were moved to Russia in October.\n", [["troop_deployment", "asserted"]]),
    ("Russia said the containers carried artillery shells.\n", [["arms_transfer", "asserted"]]),
    ("Seoul says North Korean shells reached Russia by rail.\n", [["arms_transfer", "asserted"]]),
    # a hyphen does not count against the object window: "an unspecified number of KN-23 short-range ballistic missiles"
    ("Pyongyang handed over an unspecified number of KN-23 short-range ballistic missiles to Russia.\n",
     [["arms_transfer", "asserted"]]),
    # a flow of arms is a transfer, by what flows
    ("Russia receives a steady flow of KN-23 missiles from North Korea.\n", [["arms_transfer", "asserted"]]),
    # "respond" threatens only when it looks ahead
    ("Japan said it would respond firmly. Russia did not respond to a request for comment.\n",
     [["sanctions_threat_or_warning", "asserted"]]),
    # a date after publication makes a visit expected, a date in the publication's own week does not
    ("Lavrov arrived in Pyongyang earlier this week.\n", [["visit", "asserted"]]),
    ("Lavrov visits Pyongyang next week.\n", [["intent_or_expected_meeting", "expected"]]),
    # a phrasal trigger needs someone after it: "stand by our comrades" is support, "stand by while" is not
    ("We will not stand by while Russia arms itself. Pyongyang will stand by its Russian comrades.\n",
     [["statement_of_support", "asserted"]]),
    # an invitation is not yet the visit it invites to
    ("Lavrov invited Wang Yi to visit Moscow. Kim accepted an invitation to visit Vladivostok.\n",
     [["intent_or_expected_meeting", "expected"], ["intent_or_expected_meeting", "expected"]]),
    ("Kim invited him to an arms exhibition.\n", [["military_display", "asserted"]]),
    # what is shared, given or sought names the transfer; the head of a compound decides ("fighter aircraft")
    ("Russia may share satellite technology with the DPRK. Pyongyang is seeking fighter aircraft.\n",
     [["arms_transfer", "expected"], ["arms_transfer", "asserted"]]),
    # no transfer: a past form is never a noun after "the"; a phrasal verb; a mutual duty; a new clause
    ("The United States gave a figure of 10,000. Kim will never give up nuclear weapons. The parties pledged to "
     "give each other military assistance. Partners share our determination to keep the region free of "
     "nuclear weapons. Moscow described a non-combat role.\n", []),
    # a limit laid down, a prohibition, a border sealed: background acts (the noun "cap" alone is none)
    ("Russia delivered oil above the cap set by resolution 2397. North Korea sealed its border in January 2020.\n",
     [["historical_context", "asserted"], ["historical_context", "asserted"]]),
    # a border sealed, shut or reopened, by its object; a shop shut is no event
    ("Pyongyang sealed its frontier. North Korea shut the border to traffic. A Moscow shop shut early. Pyongyang began "
     "to reopen its borders.\n",
     [["historical_context", "asserted"], ["historical_context", "asserted"], ["historical_context", "asserted"]]),
    ("UN resolutions ban all trade with North Korea. The Russian plan was set to start.\n",
     [["historical_context", "asserted"]]),
    # "personnel" is a troop noun where the sentence places them, like "soldiers"
    ("Seoul counted North Korean military personnel in Kursk. Personnel costs rose.\n", [["troop_deployment", "asserted"]]),
    # regret and alarm voiced are concern; consultations and "had a talk" are talks
    ("Japan finds this deeply regrettable. Kim Jong Un had a friendly talk with Lavrov.\n",
     [["statement_of_concern", "asserted"], ["summit_or_talks", "asserted"]]),
    # a protest, an exposure already made and an envoy summoned react; an intention to expose does not yet
    ("Seoul protested to Moscow. Tokyo summoned the Russian envoy. The deliveries were exposed by Kyiv. "
     "We will keep working to expose violations.\n",
     [["accusation", "asserted"], ["statement_of_concern", "asserted"], ["accusation", "asserted"],
      ["arms_transfer", "asserted"]]),
    # "cautioned" warns; the noun "caution" does not
    ("Japan cautioned that Russia could sell jets. I treat the figure with caution.\n",
     [["arms_transfer", "expected"], ["statement_of_concern", "asserted"]]),
    # measures threaten only when they look ahead
    ("Japan will take further measures against Russia. Confidence-building measures are rare.\n",
     [["sanctions_threat_or_warning", "asserted"]]),
    # weapons put on show are a display; "show that" opens a clause; a dismissal brushed aside is a denial
    ("Kim showed Shoigu the newest missiles. Records show that Russia sent missiles to Belarus. "
     "Japan showed restraint. Peskov brushed the reports aside.\n",
     [["military_display", "asserted"], ["arms_transfer", "asserted"], ["denial", "asserted"]]),
    # an invasion launched is the war, not a launch on show
    ("Russia launched its full-scale invasion of Ukraine.\n", [["war", "asserted"]]),
    # welcoming an act is support; greeting a visitor and the noun "welcome" are not
    ("Japan welcomes the talks. Putin warmly welcomed Kim Jong Un's decision. Kozhemyako welcomed him "
     "at the station. Kim welcomed Putin at the airport. A grand welcome ceremony was held in Pyongyang. "
     "Kim had welcomed foreign dignitaries in Pyongyang.\n",
     [["statement_of_support", "asserted"], ["summit_or_talks", "asserted"], ["statement_of_support", "asserted"]]),
    # an attack is fired; the noun "fire" and a generic "you fire two" are none
    ("Russia fired missiles at Kyiv. Russia kept up its rate of fire.\n", [["war", "asserted"]]),
    # a person leaving or crossing into a place named right after travels; others leaving or crossing do not
    ("Putin left Pyongyang for Hanoi. Kim boarded his train and crossed into Russia at Khasan. We have not seen "
     "them cross into Ukraine. The war left Moscow in need of shells.\n",
     [["visit", "asserted"], ["visit", "asserted"], ["war", "asserted"]]),
    # staying on and coming to a place are journeys of a person; shells that come are none; taken prisoner is a capture
    ("Kim remained in the Far East for four days. Putin, who had come to Pyongyang again, smiled. Shells come "
     "from North Korea. Two soldiers were taken prisoner in Kursk.\n",
     [["visit", "asserted"], ["visit", "asserted"], ["troop_deployment", "asserted"], ["war", "asserted"]]),
    # "should" before its subject opens a condition, also inside a sentence; after its subject it demands
    ("The allies agreed that, should Russia launch an invasion of Korea, they would help. Russian troops in Kursk "
     "should be sent home.\n", [["war", "hypothetical"], ["troop_deployment", "asserted"]]),
    # a launch aimed at a state or city is an attack; a launch from a site is a display
    ("Russia launched at least one missile supplied by North Korea into Ukraine. North Korea launched a satellite "
     "from Sohae on Tuesday. Russia launched missiles at Kyiv.\n",
     [["arms_transfer", "asserted"], ["war", "asserted"], ["military_display", "asserted"], ["war", "asserted"]]),
    # imposing sanctions looks ahead with a future word inside or before it; imposed sanctions are in force
    ("We stand ready to impose further sanctions on Russia. Seoul imposed unilateral sanctions in 2016 after the plans "
     "were dropped. Japan will impose sanctions on Russia.\n",
     [["sanctions_threat_or_warning", "asserted"], ["historical_context", "historical"],
      ["sanctions_threat_or_warning", "asserted"]]),
    # a war word naming a kind of weapon ("attack drones") tells no fighting; firing weapons does
    ("Kim watched tests of attack drones. Russia is firing weapons at Ukraine.\n", [["war", "asserted"]]),
    # some triggers count only as verbs (or "-ing" nouns): "his hosts", "a sign that" are no events
    ("Seoul demanded that Moscow stop. That doubles the demand.\n", [["demand_or_appeal", "asserted"]]),
    # weapons or troops arriving are no official's visit but their delivery or deployment; a person or a
    # delegation arriving is a visit
    ("The systems have already arrived in Pyongyang. Shoigu arrived in Pyongyang. A Russian delegation attended. "
     "North Korean reinforcements arrived in Kursk.\n",
     [["arms_transfer", "asserted"], ["visit", "asserted"], ["visit", "asserted"], ["troop_deployment", "asserted"]]),
    # "help" is a transfer only with what is given after it; the helper before it is no object
    ("Russian engineers have helped fix flaws. Russia helped North Korea with satellite technology.\n",
     [["arms_transfer", "asserted"]]),
    # supporting a document is a vote, the background of the sanctions it made, no statement of support
    ("Exchanges violate resolutions 1718 (2006) and 2397 (2017), which Russia itself supported. Russia supported the "
     "resolution. Russia firmly supports North Korea.\n", [["historical_context", "historical"],
                                                          ["historical_context", "asserted"],
                                                          ["statement_of_support", "asserted"]]),
    ("Kim hosted Shoigu in Pyongyang. Shoigu smiled at his hosts. It was read as a sign that Beijing agreed. Since the "
     "signing of the deal, ties grew.\n", [["visit", "asserted"], ["agreement_signed", "asserted"]]),
    # flying is a journey: a person (also after an apposition) flying to a place, or home
    ("Andrei Belousov, Russia's defence minister, flew to Pyongyang. Shoigu was due to fly home on Friday. The drones "
     "flew into Kursk.\n", [["visit", "asserted"], ["visit", "asserted"]]),
    # tourists travel privately: no official's visit, made or expected
    ("About 1,500 Russian tourists had visited the DPRK by June. Russian tour groups resumed travel to the North. "
     "Lavrov visited Pyongyang, and tourists followed. Reports say Russian tourists will visit Wonsan.\n",
     [["visit", "asserted"]]),
    # a claim accuses where it tells what is claimed; "a claim", "as they claim", "claimed to have" do not
    ("Kyiv claimed that North Korea was involved. Budanov claimed, without evidence, that Russia is lying. "
     "Repeating a claim does not make it true. Things go as well as they claim. Ukraine claimed to have beaten "
     "dozens.\n", [["accusation", "asserted"], ["accusation", "asserted"]]),
    # rejecting a body is disapproval of it; rejecting reports denies what they say
    ("Moscow rejected the new expert panel. Moscow rejected the reports.\n",
     [["statement_of_concern", "asserted"], ["denial", "asserted"]]),
    # an event named with "a" as the subject of "would" is supposed; "sent a delegation that would" is told
    ("A joint naval exercise or a Russian-North Korean summit would prove it.\n",
     [["military_display", "hypothetical"], ["summit_or_talks", "hypothetical"]]),
    ("Russia held an exercise near Vladivostok, which would worry Japan.\n", [["military_display", "asserted"]]),
    # a cue said of the event before it: "remains on the agenda", "was not ruled out"
    ("Peskov said a visit by Kim Jong Un to Russia remains on the agenda.\n", [["intent_or_expected_meeting", "expected"]]),
    ("Peskov said a meeting with Putin was not ruled out.\n", [["intent_or_expected_meeting", "expected"]]),
    # a plain statement is a speech act by what it says, after its cue or quoted; not by its subject, a
    # title ("Comrade"), or where no one is said to speak
    ("The Kremlin has called the reports \"fakes\". Kim Jong Un called the decision a great milestone.\n"
     "\"An attempt to undermine our sovereignty,\" Ukraine's Foreign Ministry said.\n",
     [["denial", "asserted"], ["statement_of_support", "asserted"], ["statement_of_concern", "asserted"]]),
    ("Peskov said Shoigu had written to Comrade Kim Jong Un. Their ties are widely regarded as milestones by Russia. "
     "Friendly officials from Russia said nothing. Putin said the papers were lying on his desk.\n", []),
    # what the North is paid with is a transfer; an arms deal is one; fuel is not
    ("Moscow denied that any arms deal was being planned. Russia gave the DPRK money for its shells. "
     "Seoul says North Korea received technical advice from Russia. Russia delivered fuel to North Korea.\n",
     [["arms_transfer", "denied"], ["denial", "asserted"], ["arms_transfer", "asserted"], ["arms_transfer", "asserted"]]),
    # a stay is a visit: a person spending some time in a place; a state spending money is none
    ("Choe Son Hui spent three days in Moscow. Lavrov spent Wednesday night in Pyongyang. Russia spent billions in "
     "Moscow on roads.\n", [["visit", "asserted"], ["visit", "asserted"]]),
    # a sanctions resolution's terms, and a vote for it, are the sanctions' background; a state that limits is none
    ("Resolution 2397 (2017) limits the oil North Korea may receive. Russia breached resolutions 1718 and 2397, which "
     "Russia itself supported. Russia limits its comment on North Korea.\n",
     [["historical_context", "historical"], ["historical_context", "asserted"]]),
    # saying that something is not there, or was never sent, denies it; a future "there would be no" does not
    ("Peskov said there are no North Korean workers in Russia.\nKim Song said his country had \"never sent a single "
     "bullet\" to Russia.\nMiller said there would be no new restriction on Ukraine.\nThe Kremlin refused to confirm "
     "the reports.\n", [["denial", "asserted"], ["denial", "asserted"], ["denial", "asserted"]]),
    # sending people home is a return, no dispatch
    ("Russia must send North Korean labourers home. The workers were sent home by December.\nPyongyang sent workers "
     "to Russia.\n", [["troop_deployment", "asserted"]]),
    # a statement not made is no event; a denial made is one
    ("Putin did not deny the reports. Russia has not condemned Pyongyang. Peskov denied the reports.\n",
     [["denial", "asserted"]]),
    # a document demanding is no official's appeal
    ("North Korea voted against a resolution demanding a Russian withdrawal. Japan demanded a withdrawal.\n",
     [["historical_context", "asserted"], ["demand_or_appeal", "asserted"]]),
    # returning to a place, or home, and leading a delegation are journeys; a delegation led by someone is not
    ("Kim returned to Russia in September. Shoigu led a delegation to Pyongyang. Shoigu sat beside a "
     "delegation led by Li Hongzhong. Officials say the crews returned to Kursk.\n",
     [["visit", "asserted"], ["visit", "asserted"]]),
    # watching or monitoring tells no concern (annotation guide, ninth round); being concerned does
    ("Seoul is closely monitoring Kim's visit to Russia. Seoul is concerned about the talks.\n",
     [["visit", "asserted"], ["statement_of_concern", "asserted"], ["summit_or_talks", "asserted"]]),
    # when the speaker follows the cue ("as reported by X"), what is said comes before it, not the speaker's name
    ("Kim met Putin, as reported by the Friendly Daily of Russia.\nThe talks were a milestone, according to Peskov.\n",
     [["summit_or_talks", "asserted"], ["statement_of_support", "asserted"], ["summit_or_talks", "asserted"]]),
    # a war told with a date before the 2019 summit is background
    ("The Soviet Union fought in the liberation of Korea in August 1945.\n", [["historical_context", "historical"]]),
    # killing and capture in the fighting are the war (the soldiers themselves are a deployment)
    ("Ukraine said two North Korean soldiers were captured. The contingent has been in Kursk since October.\n",
     [["troop_deployment", "asserted"], ["war", "asserted"], ["troop_deployment", "asserted"]]),
    # "the treaty" after the treaty is named tells the treaty, with no party named again
    ("Russia and North Korea signed the Treaty on Comprehensive Strategic Partnership in 2024. Analysts were "
     "surprised. The treaty has no fixed term.\n", [["agreement_signed", "asserted"], ["agreement_signed", "asserted"]]),
    # a hedge reaches the event it stands before: "may have" is a hedged past, no future; "could have" did not happen
    ("Some 1,500 North Korean troops may have arrived in Russia. Russia could have sent troops to Kursk. North Korea is "
     "believed to have shipped shells to Russia, and Kim visited Moscow.\n",
     [["troop_deployment", "alleged"], ["troop_deployment", "hypothetical"], ["arms_transfer", "alleged"],
      ["visit", "asserted"]]),
    # a list of what moves is read past its commas; "possible" hedges only the noun it stands before, "refrain
    # from" asks that nothing happen
    ("North Korea has received oil, food, hard currency and air-defence systems from Russia. Japan condemns in the "
     "strongest possible terms the deployment of North Korean troops to Russia. Japan is concerned at the possible "
     "transfer of Russian missile technology to North Korea. We urge Russia to refrain from transferring missile "
     "technology to North Korea.\n",
     [["arms_transfer", "asserted"], ["accusation", "asserted"], ["troop_deployment", "asserted"],
      ["arms_transfer", "expected"], ["statement_of_concern", "asserted"], ["arms_transfer", "hypothetical"],
      ["demand_or_appeal", "asserted"]]),
    # the last steps of a ratification named by their nouns
    ("Russia and North Korea signed the Treaty on Comprehensive Strategic Partnership in June 2024. Entry into force: "
     "4 November 2024, on the exchange of instruments.\n",
     [["agreement_signed", "asserted"], ["agreement_signed", "asserted"]]),
    # an event noun that is the subject of "could", "may" or "will" after its postmodifier is expected; "in May" is
    # a month, and a noun after a preposition is no subject
    ("A return visit by Putin to Pyongyang could take place soon, Peskov said. After failed launches in May, North "
     "Korea put a satellite into orbit.\n",
     [["intent_or_expected_meeting", "expected"], ["military_display", "asserted"]]),
    # "grateful if" closes a letter with a request; "grateful to" a state is support
    ("South Korea is grateful to Japan. I should be grateful if you would circulate it as a document of the "
     "Security Council.\n", [["statement_of_support", "asserted"]]),
    # a debt written off is background to the partnership
    ("In 2012, Russia wrote off 90% of North Korea's Soviet-era debt.\n", [["historical_context", "historical"]]),
    # satellites given are a transfer; a reporter's question ("asked whether ...") tells no event
    ("Putin said Russia would help North Korea build satellites. Asked by reporters whether Moscow would help "
     "Pyongyang build submarines, Putin smiled.\n",
     [["arms_transfer", "expected"]]),
])
def test_candidates_take_their_type_from_what_moves_and_their_modality_from_the_sentence(tmp_path, text, expected):
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": "2024-11-08"}])
    candidates = all_tables(load_corpus(raw))["event_candidates"]
    assert candidates[["type", "modality"]].values.tolist() == expected



def test_a_statement_read_by_what_it_says_names_the_words_that_decided_it(tmp_path):
    text = "Peskov said the reports were fakes. Lavrov called the treaty a great milestone.\n"
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": "2024-11-08"}])
    candidates = all_tables(load_corpus(raw))["event_candidates"]
    speech = candidates[candidates["type"].isin(["denial", "statement_of_support"])]
    assert speech[["type", "triggers"]].values.tolist() == [["denial", "said | fakes"],
                                                           ["statement_of_support", "called | milestone"]]

# --- Bounds on undated events, and duplicates --------------------------------------------------------

BOUND_HEADER = "event_id,bound,value,doc_id,quote,note\n"


def bounded_coding(tmp_path, codebook, bounds: str):
    texts = {"early": "After the treaty, troops went north. They served there.",
             "late": "Troops who served in the north were remembered on June 4."}
    documents = pd.DataFrame({"doc_id": ["early", "late"], "published": ["2024-09", "2025-06-17"]})
    sentences = pd.DataFrame({"doc_id": ["early", "early", "late"], "start": [0, 37, 0]})
    events, evidence, _ = write_coding(
        tmp_path, codebook, "t,troop_deployment,,,unknown,prk,rus,,asserted,x,\n"
                            "x,troop_deployment,,,unknown,prk,rus,,expected,x,\n",
        "t,early,troops went north,asserted,\nt,late,Troops who served in the north,asserted,\n"
        "x,early,They served there,expected,\n")
    path = tmp_path / "event_bounds.csv"
    path.write_text(BOUND_HEADER + bounds, encoding="utf-8")
    hand = locate_bounds(load_bounds(events, path), texts, sentences, path)
    located = locate_evidence(evidence, texts, sentences)
    bounds = bound_table(events, located, documents, hand)
    return event_table(events, located, documents, codebook[1], load_roles(codebook[0]), bounds), bounds, texts


def test_bounds_from_the_text_and_from_the_publication_date(tmp_path, codebook):
    table, bounds, texts = bounded_coding(
        tmp_path, codebook, "t,not_before,2024-06-19,early,After the treaty,the treaty of 19 June 2024\n"
                            "t,not_after,2025-06-04,late,remembered on June 4,the talks of 4 June 2025\n")
    row = table.set_index("event_id").loc["t"]
    assert (row["date"], row["date_not_before"], row["date_not_after"]) == ("", "2024-06-19", "2024-09")
    # the rule: the earliest article reporting it as past bounds it (2024-09 ends before 2025-06-04)
    rule = bounds[bounds["coding"] == "rule"]
    assert rule[["event_id", "value", "basis", "doc_id"]].values.tolist() == [["t", "2024-09", "published", "early"]]
    for b in bounds.itertuples():
        assert texts[b.doc_id][b.start:b.end] == b.quote
    # an expected event is not bounded by the articles that expect it
    assert table.set_index("event_id").loc["x", ["date_not_before", "date_not_after"]].tolist() == ["", ""]


@pytest.mark.parametrize("bounds, message", [
    ("t,after,2024,early,After the treaty,n\n", "bound 'after' is not one of"),
    ("t,not_before,2024-13,early,After the treaty,n\n", "value '2024-13' is not a date"),
    ("nope,not_before,2024,early,After the treaty,n\n", "no such event"),
    ("t,not_before,2025-07,early,After the treaty,n\nt,not_after,2025-06,late,remembered on June 4,n\n",
     "not_before 2025-07 lies after not_after 2025-06"),
    ("t,not_before,2024,early,After the war,n\n", "the quote is not in early"),
])
def test_bad_bounds_are_named(tmp_path, codebook, bounds, message):
    with pytest.raises(CorpusError, match=message):
        bounded_coding(tmp_path, codebook, bounds)


def test_a_dated_event_takes_no_bound(tmp_path, codebook):
    events, _, _ = write_coding(tmp_path, codebook, "v,visit,2023-07,,month,shoigu,prk,,asserted,x,\n",
                                "v,a,Shoigu,asserted,\n")
    path = tmp_path / "event_bounds.csv"
    path.write_text(BOUND_HEADER + "v,not_after,2023-09,a,Shoigu,n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="the event is dated"):
        load_bounds(events, path)


def test_processed_bounds_quote_their_articles_and_bound_the_events():
    events, bounds = read("events.csv").set_index("event_id"), read("event_bounds.csv")
    corpus = load_corpus()
    for b in bounds.itertuples():
        assert corpus.text(b.doc_id)[int(b.start):int(b.end)] == b.quote
        assert events.loc[b.event_id, "date"] == ""
    kursk = events.loc["prk_troops_to_kursk"]
    assert (kursk["date_not_before"], kursk["date_not_after"]) == ("2024-06-19", "2025-06-04")
    assert (events.loc[events["date"] != "", ["date_not_before", "date_not_after"]] == "").all().all()


# Pairs possible_duplicates finds that a coder read and judged two events, with the reason.
JUDGED_DISTINCT = {
    ("2019_hanoi_summit", "2019_vladivostok_summit"): "Kim meets Trump in Vietnam, then Putin in Vladivostok",
    ("2023_09_07_containers_shipped", "2023_2025_prk_arms_to_russia"):
        "1,000 containers from 7 September to 1 October 2023 (003) within the 20,000 shipped since then (000)",
    ("2023_09_kim_inspects_russian_arms_plants", "2023_09_kim_visits_russia"):
        "the tour of facilities during the trip is a visit of its own in the codebook",
}


def test_no_two_hand_coded_events_look_like_one_event_coded_twice():
    events = EventCoding.load(load_registry()).events
    found = possible_duplicates(events)
    assert sorted(set(found) - set(JUDGED_DISTINCT)) == []
    assert sorted(set(JUDGED_DISTINCT) - set(found)) == []  # a pair no longer found leaves this list


def test_possible_duplicates_need_type_actor_and_compatible_dates():
    events = pd.DataFrame({"event_id": ["a", "b", "c", "d", "e"],
                           "type": ["demand_or_appeal"] * 4 + ["visit"],
                           "date": ["2023-09-04", "2023-09", "2023-10", "", "2023-09"],
                           "actor_ids": ["watson", "watson|kirby", "watson", "watson", "watson"]})
    assert possible_duplicates(events) == [("a", "b")]


def test_rule_bounds_take_the_earliest_past_report_and_the_tightest_bound_per_event():
    # invented evidence: ties on the day are broken by article then offset; an undated article,
    # an expected report and a dated event give no bound
    events = pd.DataFrame({"event_id": ["u", "w", "d"], "date": ["", "", "2024-06"]})
    documents = pd.DataFrame({"doc_id": ["b", "a", "n", "c"], "published": ["2024-09", "2024-09-30", "", "2024-05"]})
    evidence = pd.DataFrame([
        ("u", "b", 1, 40, 45, "later", "asserted"), ("u", "a", 2, 30, 35, "first", "alleged"),
        ("u", "a", 0, 10, 15, "earliest", "historical"), ("u", "n", 0, 0, 5, "undated", "asserted"),
        ("u", "c", 0, 0, 5, "expected", "expected"), ("w", "n", 0, 0, 5, "undated", "asserted"),
        ("d", "c", 0, 0, 5, "dated", "asserted")],
        columns=["event_id", "doc_id", "sent_id", "start", "end", "quote", "reported_as"])
    rule = publication_bounds(events, evidence, documents)
    assert rule[["event_id", "value", "doc_id", "start", "quote"]].values.tolist() == [
        ["u", "2024-09-30", "a", 10, "earliest"]]
    bounds = pd.DataFrame({"event_id": ["u", "u", "u", "v", "v"],
                           "bound": ["not_before", "not_before", "not_after", "not_after", "not_after"],
                           "value": ["2024", "2024-03", "2025-01-02", "2025", "2025-01"]})
    assert tightest_by_event(bounds) == {e: tightest(rows) for e, rows in bounds.groupby("event_id")}
    assert tightest_by_event(bounds) == {"u": ("2024-03", "2025-01-02"), "v": ("", "2025-01")}


def test_a_journey_that_goes_on_and_a_ceasefire_to_come(tmp_path):
    text = ("Kim flew on to Moscow after the talks. If a ceasefire holds, Russia would need fewer shells. The "
            "drones flew to Kursk. From there the President flew on to Moscow.\n")
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": "2024-06-20"}])
    candidates = all_tables(load_corpus(raw))["event_candidates"]
    assert candidates[["type", "modality"]].values.tolist() == [
        ["summit_or_talks", "asserted"], ["visit", "asserted"], ["agreement_signed", "hypothetical"],
        ["visit", "asserted"]]
