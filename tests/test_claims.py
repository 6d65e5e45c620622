"""Claims: who said what, with which stance, and how hedged, on invented articles."""

import pytest

from partnership.build import claim_tables, entity_and_time_tables
from partnership.annotate.claims import load_cues, load_stances
from partnership.corpus import load_corpus
from partnership.errors import CorpusError
from tests.conftest import write_raw


def claims_of(tmp_path, text, published="2024-11-08"):
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": published}])
    corpus = load_corpus(raw)
    tables = entity_and_time_tables(corpus)
    tables = claim_tables(corpus, tables["mentions"], tables["timexes"])
    source = corpus.text(corpus.documents.iloc[0]["doc_id"])
    for row in tables["claims"].itertuples():
        assert source[row.start:row.end] == row.text
        assert source[row.cue_start:row.cue_end] == row.cue
        if row.speaker_text:
            assert source[row.speaker_start:row.speaker_end] == row.speaker_text
    return tables


def who(tables):
    return tables["claims"][["speaker_text", "speaker_id", "cue", "stance"]].values.tolist()


def test_a_quoted_concern_after_be_is_someones_words_not_a_statement_of_its_own(tmp_path):
    tables = claims_of(tmp_path, 'Ishiba said Japan was "gravely concerned". Now they are "concerned". '
                                 'Japan is deeply concerned.\n')
    assert who(tables) == [["Ishiba", "ishiba", "said", "report"], ["Japan", "jpn", "is deeply concerned", "warn"]]


def test_a_count_or_an_estimate_is_a_claim_only_where_it_states_a_figure(tmp_path):
    tables = claims_of(tmp_path, "We counted containers on the quays. The study counted at least 74 voyages. "
                                 "The NIS doubled its estimate from last year. By Seoul's estimate, 11,000 were sent.\n")
    assert who(tables) == [["The study", "", "counted", "affirm"], ["Seoul", "seoul", "estimate", "affirm"]]


def test_a_passive_cue_ahead_or_denied_by_its_subject_says_nothing_yet(tmp_path):
    tables = claims_of(tmp_path, "Decisions will be announced when they are taken. No date has been announced. "
                                 "The plan was announced by the ministry.\n")
    assert who(tables) == [["ministry", "", "announced", "report"]]


def test_according_to_takes_the_speaker_after_the_cue(tmp_path):
    tables = claims_of(tmp_path, "According to the ministry, over 5,000 troops were moved.\n")
    assert who(tables) == [["ministry", "", "According to", "report"]]


def test_a_titled_speaker_before_the_verb(tmp_path):
    tables = claims_of(tmp_path, "U.S. Adm. Smith said the fleet was ready. U.S. officials said so too.\n")
    # Smith is a person the registry lacks: the phrase is kept, no id is guessed from "U.S."
    assert who(tables) == [["U.S. Adm. Smith", "", "said", "report"], ["U.S. officials", "usa", "said", "report"]]
    assert tables["claims"]["speaker_country"].tolist() == ["", "USA"]


def test_appositive_name_and_participle_keep_the_speaker(tmp_path):
    text = "The ministry’s spokesperson, Matthew Miller, warned of sanctions, urging restraint.\n"
    assert who(claims_of(tmp_path, text)) == [
        ["Matthew Miller", "miller", "warned", "warn"],
        ["Matthew Miller", "miller", "urging", "urge"],
    ]


def test_pronoun_is_the_last_person_quoted(tmp_path):
    text = "Peskov denied the report. He noted that talks continue.\n"
    assert who(claims_of(tmp_path, text)) == [
        ["Peskov", "peskov", "denied", "deny"], ["He", "peskov", "noted", "report"],
    ]


def test_pronoun_after_a_sentence_about_a_person_is_that_person(tmp_path):
    # the sentence before quotes nobody and is about Shoigu: "he" is Shoigu, not Kim quoted earlier
    text = ("Kim Jong Un said the talks went well. Shoigu made his fifth visit in June. "
            "Speaking to reporters, he said builders would follow.\n")
    assert [row[:2] for row in who(claims_of(tmp_path, text))] == [["Kim Jong Un", "kim_jong_un"], ["he", "shoigu"]]
    # the sentence before quotes Shoigu; a name inside its quotation is not who "he" is
    text = "\"Kim Jong Un has decided to send builders,\" Shoigu said. He called the decision historic.\n"
    assert [row[:2] for row in who(claims_of(tmp_path, text))] == [["Shoigu", "shoigu"], ["He", "shoigu"]]


def test_coordinated_speakers_are_all_listed(tmp_path):
    text = "Both Russian and North Korean officials have denied the claims.\n"
    tables = claims_of(tmp_path, text)
    assert who(tables) == [["Both Russian and North Korean officials", "rus|prk", "denied", "deny"]]
    assert tables["claims"].iloc[0]["speaker_country"] == "PRK|RUS"  # sorted


@pytest.mark.parametrize("text", [
    "Details were not disclosed by either side.\n",        # negated
    "The accusations and these claims are old.\n",          # cue used as a noun
    "I will not detail the intelligence behind that assessment.\n",  # "that" before a noun-only cue
    "Putin's visit highlighted the ties.\n",                 # subject is a thing
    "Did Russia deny the report?\n",                         # a question
    "Putin's anticipated trip and the so-called treaty, thanks to Kim.\n",  # adjective, name, preposition
    "Kim is anticipated to request aid.\n",                  # "to request": an intention
    "Japan respects their internationally recognised borders.\n",  # an -ed adjective between determiner and noun
    "Japan will consider new measures.\n",                  # deliberation under a modal
    "Peskov declined to comment when asked about it.\n",    # a reduced clause
    "Seoul would welcome them if they asked to come.\n",    # a condition
    "The views expressed are her own.\n",                   # a participle between a noun and "be"
    "That line was not sincere, but it was telling.\n",    # "-ing" after "be" ending the clause
    "A Russian delegation invited for the parade arrived.\n",  # the one asked, not the one asking
    "Seoul shares its findings with any state that wants them.\n",  # "state" after "any" is a noun
    "Seoul treats the figure with caution.\n",              # "caution" is a cue only as a verb
    "Asked by reporters whether Russia would help, Peskov smiled.\n",  # "ask" before a question word asks
    "Lawmakers asked about the troops.\n",                 # a question, not an appeal
    "(Reporting by Seo Min-ji in Seoul; Additional reporting by Olena Marchuk; Editing by Tom Haldane)\n",  # a byline
    "A partnership that threatens security in Europe grew.\n",  # "threaten" warns only "to" do or "that"
    "Inspect vessels suspected of carrying cargo.\n",      # "suspected of": a participle describing a noun
    "Tours could begin this summer if the Korean side agrees.\n",  # a condition, however long its subject
    "Neither Moscow nor Pyongyang has acknowledged the deployment.\n",  # a subject that denies the act
    "No damage to vessels has been confirmed.\n",
    "The Kremlin has said nothing about such a trip.\n",  # nothing said is no statement
    "Four vessels have called at the port since March.\n",  # a port call
    "In December the European Union added Kang to its sanctions list.\n",  # a list grows
    "The dialogue will resume, as agreed in Moscow last November.\n",  # a reduced clause names no one agreeing
    "North Korea recognised the two republics.\n",        # diplomatic recognition: "recognise" states only with "that"
    "One message quoted in the indictment was short.\n",  # the reporting behind a source, no statement
    "The State Department shared Seoul's assessment.\n",  # a view named, no content stated
])
def test_not_claims(tmp_path, text):
    claims = claims_of(tmp_path, text)["claims"]
    assert claims[claims["speaker_rule"] != "passive: no agent named"].empty


def test_a_cue_inside_a_quotation_belongs_to_the_quotation(tmp_path):
    tables = claims_of(tmp_path, "“We can say it is over,” the paper wrote.\n")
    assert who(tables) == [["the paper", "", "wrote", "report"]]  # "say" is inside the quotation


@pytest.mark.parametrize("text, expected", [
    ("Russia condemns the strikes. It also urges restraint. Kim urges calm.\n",  # one row per lemma
     [["Russia", "rus", "condemns", "accuse"], ["It", "rus", "urges", "urge"], ["Kim", "kim_jong_un", "urges", "urge"]]),
    ("The deployment was confirmed by the Kremlin.\n", [["Kremlin", "kremlin", "confirmed", "affirm"]]),
    # a phrase cue opening with a participle takes the speaker of the verb before it
    ("Kim Jong Un stressed that Pyongyang stands with Moscow, expressing the conviction that Russia will win. "
     "North Korean media presented the visit as proof of friendship. I'd note that the talks went well.\n",
     [["Kim Jong Un", "kim_jong_un", "stressed", "affirm"], ["Kim Jong Un", "kim_jong_un", "expressing the conviction", "affirm"],
      ["North Korean media", "prk", "presented the visit as", "report"], ["I", "", "note", "report"]]),
    # a view held: its holder is the possessor inside the phrase; "in view of" names no one
    ("In Moscow's view the sanctions are illegal. In view of the situation, talks stalled.\n",
     [["Moscow", "moscow", "In Moscow's view", "affirm"]]),
    # "call for" is an appeal, like "call on"
    ("Japan calls for restraint.\n", [["Japan", "jpn", "calls for", "urge"]]),
    # a text demands, no one appeals
    ("North Korea voted against a resolution demanding a Russian withdrawal.\n", []),
    # a hope voiced is goodwill declared; "there is hope" names no one hoping
    ("Kim replied that he hoped the meeting would give fresh momentum to relations. There is hope of a deal.\n",
     [["Kim", "kim_jong_un", "replied", "report"], ["he", "kim_jong_un", "hoped", "praise"]]),
    # a name set off by commas, then its description, then the cue: the name speaks
    ("North Korea will send 1,000 deminers to Kursk, Sergei Shoigu, the secretary of Russia's Security Council, "
     "said on Tuesday.\n", [["Sergei Shoigu", "shoigu", "said", "report"]]),
    ("Kim is expected to travel.\n", [["", "", "expected", "predict"]]),  # no agent: nobody named
    ("The troops crossed the river late on Monday and reached Kursk, Kremlin spokesman Dmitry Peskov said.\n",
     [["Kremlin spokesman Dmitry Peskov", "peskov", "said", "report"]]),
    ("“We will hold,” said Dmitry Peskov.\n", [["Dmitry Peskov", "peskov", "said", "report"]]),
    ("Peskov, the Kremlin spokesman, said nothing new.\n", [["Peskov", "peskov", "said", "report"]]),
    ("“It is over.”Gerasimov said so.\n", [["Gerasimov", "gerasimov", "said", "report"]]),
    ("Sources close to the ministry said it. North Korea's announcement came later.\n",
     [["Sources close to the ministry", "", "said", "report"], ["North Korea", "prk", "announcement", "report"]]),
    ("One of them told investigators he was sent to train.\n", [["One of them", "", "told", "report"]]),
    ("Seoul's estimate is that 11,000 soldiers were sent.\n", [["Seoul", "seoul", "estimate", "affirm"]]),
    ("Japan and the United States expressed deep concern.\n",
     [["Japan and the United States", "jpn|usa", "expressed deep concern", "warn"]]),
    # an estimate: "put ... at" a number
    ("Ukrainian officials put the losses of the unit at about 4,000.\n",
     [["Ukrainian officials", "ukr", "put", "report"]]),
    # "citing" a source: the one cited speaks; "citing" reasons: the one citing
    ("The Kremlin, citing a Russian official, denied the report.\n",
     [["Russian official", "rus", "citing", "report"], ["Kremlin", "kremlin", "denied", "deny"]]),
    ("Putin praised the ties, citing a long history.\n",
     [["Putin", "putin", "praised", "praise"], ["Putin", "putin", "citing", "report"]]),
    # an opening participle belongs to the main clause's speaker
    ("Noting the ties, Putin said they would grow.\n",
     [["Putin", "putin", "Noting", "report"], ["Putin", "putin", "said", "report"]]),
    # a renaming appositive names the body; a name before the cue is no description of an earlier one
    ("Japan's spy agency, known as the Kremlin, said it.\n",
     [["Japan's spy agency, known as the Kremlin", "kremlin", "said", "report"]]),
    ("Lavrov met Choe in Moscow on Friday, discussing the Korean Peninsula, the Russian Foreign Ministry said.\n",
     [["the Russian Foreign Ministry", "rus_mfa", "said", "report"]]),
    ("Kyiv has long pointed to the debris.\n", [["Kyiv", "kyiv", "pointed to", "report"]]),
    # contractions with either apostrophe take the lemma of the full form: "'re" is "be"
    # a phrase set off by commas before the cue describes the subject before it, whatever it names
    ("In June Shoigu, by then secretary of Russia's Security Council, said the North would send deminers.\n",
     [["Shoigu", "shoigu", "said", "report"]]),
    ("The study, by the independent Open Logistics Watch, counted at least 74 voyages.\n",
     [["The study", "", "counted", "affirm"]]),
    ("Kim Jong Un, expressing the conviction that Russia will win, praised the troops.\n",
     [["Kim Jong Un", "kim_jong_un", "expressing the conviction", "affirm"],
      ["Kim Jong Un", "kim_jong_un", "praised", "praise"]]),
    # a list of speakers takes every registry entity in it, a bloc ("Western") as well as a state
    ("Western and South Korean officials described the trip as a prelude.\n",
     [["Western and South Korean officials", "west|kor", "described", "report"]]),
    # a cue whose codebook forms leave out the base form ("a note") counts in it after a subject pronoun
    ("We note the report. The note was clear. I think it will end. The think tank agreed.\n",
     [["We", "", "note", "report"], ["I", "", "think", "affirm"], ["The think tank", "", "agreed", "affirm"]]),
    # a quantified subject after a name and a comma speaks for itself; a plural speaker noun takes a base-form cue
    ("Flanked by Xi Jinping and Vladimir Putin, many commentators declared a new bloc. Analysts note it.\n",
     [["many commentators", "", "declared", "report"], ["Analysts", "", "note", "report"]]),
    ("Japan says they’re concerned.\n", [["Japan", "jpn", "says", "report"], ["they", "jpn", "’re concerned", "warn"]]),
    # a figure on someone's estimate is theirs; pointing the audience to content reports it
    ("Enough, on one Western estimate, for two months of fighting. I would draw your attention to Article 4.\n",
     [["one Western", "west", "estimate", "affirm"], ["I", "", "draw your attention", "report"]]),
    # appeals, doubts and knowledge are stances; a newspaper by its kind speaks; the listener's knowledge is no claim
    ("We encourage all states to act. I doubt that anyone was surprised. We know that Seoul is worried. As you know, "
     "it is cold. The talks went well, the business daily notes.\n",
     [["We", "", "encourage", "urge"], ["I", "", "doubt", "predict"], ["We", "", "know", "affirm"],
      ["the business daily", "", "notes", "report"]]),
    # "he" after a person named earlier in its own sentence is that person, not the briefing's speaker
    ("KIRBY: Well, Putin was asked if Russia would help and he said it would.\n",
     [["he", "putin", "said", "report"]]),
    # "it" after a body named earlier in its sentence is that body
    ("Lavrov arrived in Pyongyang after the White House released images that, it said, showed containers.\n",
     [["it", "white_house", "said", "report"]]),
    # an indefinite pronoun for people speaks: "Others noted", "while others described", "that many said"
    ("Some officials denied it. Others noted that it helps.\n",
     [["Some officials", "", "denied", "deny"], ["Others", "", "noted", "report"]]),
    ("Analysts called it an alliance, while others described it as a marriage.\n",
     [["Analysts", "", "called", "report"], ["others", "", "described", "report"]]),
    ("They did something that many said was impossible.\n", [["many", "", "said", "report"]]),
    # "media" (lemma "medium") heads a speaker's phrase; "which" after it speaks for the phrase's state
    ("North Korean state media, which called the visit historic, said little else.\n",
     [["which", "prk", "called", "report"], ["North Korean state media", "prk", "said", "report"]]),
    # a name opening the sentence or a comma's segment, then its description, then the cue: the name speaks
    ("Andrei Zimin, director of one of them, Pasifika Tur, said bookings rose. Air defences were supplied in return, "
     "Shin Won-sik, national security adviser to the president, said on television.\n",
     [["Andrei Zimin", "", "said", "report"], ["Shin Won-sik", "", "said", "report"]]),
    ("One former official, Lee Hyun-woo of the Namsan Policy Forum, said Kim might seek a visit.\n",
     [["Lee Hyun-woo", "", "said", "report"]]),
    # "agreed to" states a joint commitment, as the gold codes it; a body's noun speaks, and so do its plurals
    ("An intergovernmental commission met in Pyongyang and agreed to restore rail links. The sides agreed to meet.\n",
     [["An intergovernmental commission", "", "agreed", "affirm"], ["The sides", "", "agreed", "affirm"]]),
])
def test_speakers_by_structure(tmp_path, text, expected):
    assert who(claims_of(tmp_path, text)) == expected


def test_first_person_is_the_author_or_the_turn_speaker(tmp_path):
    raw = write_raw(tmp_path / "raw", {
        "a.txt": "We condemn the launch. The United States urges restraint. Let me also say this. We have been clear.\n",
        "b.txt": "MR. KIRBY: We are deeply concerned.\nQ: Will you act?\nMS. VELL: I can confirm it.\n",
        "c.txt": "We reject these claims.\n",
        # a document's header fields are no transcript's turns: the letter's "I" is its author
        "d.txt": "Distr.: General\nOriginal: English\n\nI call upon all States to act.\n",
    }, rows=[{"file": "a.txt", "author": "usa"}, {"file": "b.txt", "author": "white_house"}, {"file": "c.txt"},
             {"file": "d.txt", "author": "kor"}])
    corpus = load_corpus(raw)
    tables = entity_and_time_tables(corpus)
    claims = claim_tables(corpus, tables["mentions"], tables["timexes"])["claims"]
    assert claims[["doc_id", "speaker_text", "speaker_id", "stance", "speaker_rule"]].values.tolist() == [
        ["a", "We", "usa", "accuse", "first_person: author"],
        ["a", "The United States", "usa", "urge", "subject"],
        ["a", "me", "usa", "report", "first_person: author"],  # "Let me say": the first person
        ["a", "We", "usa", "affirm", "first_person: author"],  # "have been clear": a position stated
        ["b", "We", "kirby", "warn", "first_person: turn"],
        ["b", "I", "", "affirm", "first_person: turn of 'MS. VELL', not in the registry"],
        ["c", "We", "", "deny", "first_person: no author recorded in sources.csv"],
        ["d", "I", "kor", "urge", "first_person: author"],
    ]


def test_a_lists_items_are_said_by_the_subject_of_its_lead_in(tmp_path):
    raw = write_raw(tmp_path / "raw", {
        "a.txt": "Together, we:\n– call on the DPRK to withdraw its troops;\n– urge Russia to stop;\n\n"
                 "The ministers agreed:\n– urge restraint.\n",
    }, rows=[{"file": "a.txt", "author": "usa"}])
    corpus = load_corpus(raw)
    tables = entity_and_time_tables(corpus)
    claims = claim_tables(corpus, tables["mentions"], tables["timexes"])["claims"]
    assert claims[["cue", "speaker_text", "speaker_id"]].values.tolist() == [
        ["call on", "we", "usa"], ["urge", "we", "usa"], ["agreed", "The ministers", ""], ["urge", "", ""]]


def test_an_appositive_name_after_its_title_speaks_and_we_judge_is_a_judgment(tmp_path):
    claims = claims_of(tmp_path, "The chief of Ukraine's military intelligence, Lieutenant General Kyrylo Budanov, "
                                 "said that Pyongyang had sent troops. We judge, with moderate confidence, that the "
                                 "ties will last. Kim sent them after judging that the time was right. A judge "
                                 "ruled on it.\n")["claims"]
    assert claims[["speaker_text", "speaker_id", "cue", "stance"]].values.tolist() == [
        ["Kyrylo Budanov", "budanov", "said", "report"], ["We", "", "judge", "affirm"]]


def test_a_broadcaster_in_capitals_speaks_for_its_country(tmp_path):
    claims = claims_of(tmp_path, "Russian state TV hails Putin's historic visit. Russian state television said so.\n")["claims"]
    assert claims[["speaker_text", "speaker_id"]].values.tolist() == [
        ["Russian state TV", "rus"], ["Russian state television", "rus"]]


def test_an_attribution_in_the_present_after_a_name_is_a_claim(tmp_path):
    claims = claims_of(tmp_path, "The strike killed 40 soldiers, Sloboda Info reports, citing the press service. "
                                 "Its reports, however slow, mattered. It was less than Kim Jong Un hopes. "
                                 "The agency reports that 40 died.\n")["claims"]
    assert claims[["speaker_text", "cue"]].values.tolist() == [
        ["Sloboda Info", "reports"], ["press service", "citing"], ["The agency", "reports"]]


def test_hedges_per_sentence_skip_the_month_may(tmp_path):
    text = "Kim may visit in May. The visit reportedly is likely. Troops left on May 3.\n"
    hedges = claims_of(tmp_path, text)["hedges"]
    assert hedges[["hedged", "hedge_cues"]].values.tolist() == [
        [True, "may"], [True, "reportedly | likely"], [False, ""],
    ]


def test_claim_carries_its_sentence_hedges(tmp_path):
    text = "Officials said Kim could reportedly travel.\n"
    claim = claims_of(tmp_path, text)["claims"].iloc[0]
    assert claim["hedged"] and claim["hedge_cues"] == "could | reportedly"


def test_cue_lexicon_stance_is_checked(tmp_path):
    path = tmp_path / "reporting_cues.csv"
    path.write_text("cue,stance,speaker,forms,note\nsaid,shout,before,,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2: stance 'shout' is not one of"):
        load_cues(path)


def test_a_stance_added_to_the_codebook_is_accepted_in_its_row_order(tmp_path):
    stances = tmp_path / "stances.csv"
    stances.write_text("stance,definition,example_cues\nwarn,Cautions.,warned\nshout,Raises the voice.,shouted\n",
                       encoding="utf-8")
    assert load_stances(stances) == ["warn", "shout"]
    cues = tmp_path / "reporting_cues.csv"
    cues.write_text("cue,stance,speaker,forms,note\nshout,shout,before,,\n", encoding="utf-8")
    assert load_cues(cues, load_stances(stances))["stance"].tolist() == ["shout"]


def test_a_noun_that_is_also_an_adjective_is_not_taken_for_the_speaker(tmp_path):
    text = ("The treaty provides military assistance if one side is attacked, Putin said. "
            "South Korea’s military confirmed the launch.\n")
    assert who(claims_of(tmp_path, text)) == [
        ["Putin", "putin", "said", "report"],
        ["South Korea’s military", "kor", "confirmed", "affirm"],
    ]


def test_a_pronoun_after_an_opening_phrase_is_the_subject_not_an_appositive(tmp_path):
    text = ("Kim Jong Un met Putin. Referring to the situation on the Korean peninsula, he said talks had "
            "stalled, and stressed that peace depends on Washington.\n")
    assert who(claims_of(tmp_path, text)) == [
        ["he", "kim_jong_un", "said", "report"], ["he", "kim_jong_un", "stressed", "affirm"]]


def test_he_after_a_person_the_registry_lacks_has_no_antecedent_in_it(tmp_path):
    text = ("Kim Jong Un received the delegation. Zorian Vell, who arrived on Tuesday, handed over a message. "
            "He noted that the session had gone well.\n")
    assert who(claims_of(tmp_path, text)) == [["He", "", "noted", "report"]]


def test_a_cue_after_wish_to_is_stated_and_a_fact_that_tells_us_is_no_speaker(tmp_path):
    text = "I wish to stress that Japan stands with Ukraine. Their accuracy improved, which tells us data is shared.\n"
    assert [row[2:] for row in who(claims_of(tmp_path, text))] == [["stress", "affirm"]]


def test_according_to_an_owned_thing_is_the_owner(tmp_path):
    # "our data", "Seoul's estimate": a thing owned cannot speak, its owner does; "his spokesman" speaks
    tables = claims_of(tmp_path, "According to our data, 4,000 soldiers died. According to Seoul's estimate, "
                                 "11,000 troops were sent. According to Russia's Defence Ministry, the attack failed. "
                                 "According to his spokesman, the talks went well.")
    claims = tables["claims"]
    assert claims["speaker_text"].tolist() == ["our", "Seoul", "Russia's Defence Ministry", "spokesman"]
    assert claims["speaker_id"].tolist()[1:3] == ["seoul", "rus_mod"]
    assert claims["speaker_rule"].str.startswith("first_person").tolist()[0]


def test_a_cue_noun_inside_the_source_phrase_is_no_claim_of_its_own(tmp_path):
    tables = claims_of(tmp_path, "According to our assessment, 4,000 soldiers died. Our assessment is that they died.")
    assert tables["claims"]["cue"].tolist() == ["According to", "assessment"]


def test_a_relative_who_speaks_for_the_name_before_it(tmp_path):
    tables = claims_of(tmp_path, "Choe Son Hui held talks with Foreign Minister Sergey Lavrov, who told her that the "
                                 "ties were strong. The figures came from Rep. Park Sun-won, who briefed reporters.")
    assert who(tables) == [["who", "lavrov", "told", "report"], ["who", "", "briefed", "report"]]
    tables = claims_of(tmp_path, "The figure was confirmed by the National Intelligence Service, which said the "
                                 "soldiers were captured.")
    assert who(tables)[-1] == ["which", "nis", "said", "report"]


def test_a_passive_agent_after_a_short_prepositional_phrase(tmp_path):
    tables = claims_of(tmp_path, "The plan was confirmed on Tuesday by Russia. "
                                 "The treaty was reported to be backed by Russia.")
    claims = tables["claims"]
    assert claims["speaker_id"].tolist() == ["rus", ""]
    assert claims["speaker_rule"].tolist() == ["passive_agent", "passive: no agent named"]


def test_a_participle_with_by_names_its_agent_without_be(tmp_path):
    tables = claims_of(tmp_path, "Pyongyang ended its silence about a deployment first exposed by Seoul last year. "
                                 "By this, North Korea has admitted by itself that it sent troops.")
    assert who(tables) == [["Seoul", "seoul", "exposed", "report"], ["North Korea", "prk", "admitted", "affirm"]]


def test_by_a_bare_noun_is_the_means_and_a_description_gives_way_to_the_name_after_it(tmp_path):
    tables = claims_of(tmp_path, "“We will see,” a Ukrainian officer said by telephone. The offer was repeated on "
                                 "Sunday by his chief of staff, Andriy Yermak. According to him, Washington, Seoul "
                                 "and Tokyo are arming.")
    assert [row[:3] for row in who(tables)] == [["a Ukrainian officer", "ukr", "said"],
                                                ["Andriy Yermak", "", "repeated"], ["him", "", "According to"]]


def test_an_acronym_before_the_speaker_noun_is_a_name_not_the_pronoun_us(tmp_path):
    tables = claims_of(tmp_path, "A month later, US officials said that talks were advancing.")
    assert who(tables) == [["US officials", "usa", "said", "report"]]


def test_the_base_form_expect_after_a_plural_subject_predicts(tmp_path):
    tables = claims_of(tmp_path, "Officials in Seoul expect the request to take weeks. What to expect is unclear.")
    assert who(tables) == [["Officials in Seoul", "seoul", "expect", "predict"]]


def test_dismissals_assurances_signals_and_concern_reiterated(tmp_path):
    tables = claims_of(tmp_path, "Peskov brushed them off as a hoax. Russia signalled its readiness to help. Kim Song "
                                 "assured the Council that nothing was sent. We have heard Russia wave away our "
                                 "information. Japan reiterated its grave concern about the launch.")
    assert [row[2:] for row in who(tables)] == [
        ["brushed them off", "deny"], ["signalled", "affirm"], ["assured", "affirm"], ["wave away", "deny"],
        ["reiterated its grave concern", "warn"]]


def test_a_short_phrase_after_the_auxiliary_is_not_the_subject(tmp_path):
    tables = claims_of(tmp_path, "Both governments had for months denied the reports. "
                                 "Russia has in recent weeks said little.\n")
    assert who(tables) == [["Both governments", "", "denied", "deny"], ["Russia", "rus", "said", "report"]]


def test_a_passive_agent_may_be_a_list_of_names(tmp_path):
    tables = claims_of(tmp_path, "The dispatch was confirmed by the Government of Ukraine, South Korea and the United "
                                 "States. According to him, Japan, South Korea and Russia are wrong.\n")
    assert who(tables)[0] == ["Government of Ukraine, South Korea and the United States", "ukr|kor|usa", "confirmed",
                              "affirm"]
    assert who(tables)[1][:2] == ["him", ""]


def test_it_after_a_description_is_the_organisation_described(tmp_path):
    tables = claims_of(tmp_path, "The National Intelligence Service told lawmakers that troops went. Russia denied it. "
                                 "The agency added that more would go. It cautioned that losses were high.\n")
    assert [row[:3] for row in who(tables)] == [
        ["The National Intelligence Service", "nis", "told"], ["Russia", "rus", "denied"], ["The agency", "", "added"],
        ["It", "nis", "cautioned"]]


def test_we_have_seen_is_a_first_person_finding_and_other_seen_is_no_claim(tmp_path):
    text = ("We have seen North Korea send missiles. We’ve also seen reports of casualties. "
            "The world has seen many crises. It was seen as a provocation. We have not seen any evidence.\n")
    tables = claims_of(tmp_path, text)
    assert [row[0::2] for row in who(tables)] == [["We", "seen"], ["We", "seen"]]
    assert set(tables["claims"]["stance"]) == {"affirm"}


def test_calling_repeating_and_suspecting_take_the_stance_of_the_cue(tmp_path):
    # the stance follows the cue, not what is said: "calling X heroes" is no praise, "I suspect" no accusation
    text = ("Kim was calling the soldiers heroes. I repeat that call today. Spokespeople repeated the line. "
            "The NIS suspected that troops had moved.\n")
    assert [row[2:] for row in who(claims_of(tmp_path, text))] == [
        ["calling", "report"], ["repeat", "report"], ["repeated", "report"], ["suspected", "affirm"]]


def test_an_opening_participle_phrase_and_a_name_after_a_preposition(tmp_path):
    # "Expressing thanks ..., Kim said": the opening phrase is the subject's; "a message from President
    # Putin, state media reported": the name is an object, so the description after it is no appositive of it
    text = ("Expressing thanks for this, Kim Jong Un said that the DPRK would help. Kim received a message from "
            "President Vladimir Putin, Russian state media reported. He noted with pride that the servicemen fought well.\n")
    assert [row[0:1] + row[2:] for row in who(claims_of(tmp_path, text))] == [
        ["Kim Jong Un", "Expressing thanks", "praise"], ["Kim Jong Un", "said", "report"],
        ["Russian state media", "reported", "report"], ["He", "noted with pride", "praise"]]


def test_an_invitation_is_asked_by_whoever_invites(tmp_path):
    text = ("At the invitation of Foreign Minister Sergey Lavrov, Choe Son Hui will visit Moscow. "
            "Putin invited Kim Jong Un to visit Moscow. "
            "Kim Jong Un accepted the invitation of Putin to visit Moscow and expressed the hope that they would meet soon. "
            "Lavrov accepted an invitation to visit the DPRK. "
            "A Russian delegation invited for the anniversary arrived in Pyongyang.\n")
    assert who(claims_of(tmp_path, text)) == [
        ["Sergey Lavrov", "lavrov", "invitation", "urge"],
        ["Putin", "putin", "invited", "urge"],
        ["Putin", "putin", "invitation", "urge"],
        # the coordinated verb is the subject's, not the "of" phrase's; hope for ties is goodwill
        ["Kim Jong Un", "kim_jong_un", "expressed the hope", "praise"],
    ]


def test_speak_of_is_a_cue_only_as_written_together(tmp_path):
    tables = claims_of(tmp_path, "Gerasimov spoke of heavy losses. A diplomat, speaking on condition of anonymity, "
                                 "described it.\n")
    assert [row[2] for row in who(tables)] == ["spoke of", "described"]


def test_a_sentence_with_a_colon_is_no_speaker_label(tmp_path):
    # "We remind the servicemen of the DPRK: ..." is the author's sentence, not a transcript's turn
    from partnership.annotate.claims import _label_like
    assert _label_like("MR. KIRBY") and _label_like("Press secretary Peskov") and _label_like("PARK JUN-HO (translated)")
    assert not _label_like("We remind the servicemen of the DPRK") and not _label_like("Talks began in the morning")


def test_an_inverted_cue_reaches_past_a_long_title_to_the_name(tmp_path):
    text = ('"It is bad," said Deputy Assistant Secretary for Counter Threat Finance Elena Marsh. '
            '"It is worse," said Assistant Secretary Elena Marsh.\n')
    assert [row[0] for row in who(claims_of(tmp_path, text))] == [
        "Deputy Assistant Secretary for Counter Threat Finance Elena Marsh", "Assistant Secretary Elena Marsh"]


def test_a_quotation_that_opens_a_sentence_opens_it_at_its_mark(tmp_path):
    from partnership.corpus.sentences import split_sentences
    text = 'Kim said so. "It is bad," Putin said. “We go,” Lavrov said. He said: "We go." Then he left.\n'
    assert [s["text"] for s in split_sentences(text)] == [
        "Kim said so.", '"It is bad," Putin said.', "“We go,” Lavrov said.", 'He said: "We go."', "Then he left."]


def test_a_gerund_after_of_is_the_activity_not_a_claim(tmp_path):
    tables = claims_of(tmp_path, "That is the kind of reporting Moscow wants to end. Kirby said the panel reported it.\n")
    assert [row[2] for row in who(tables)] == ["said", "reported"]


def test_having_regard_to_is_no_claim_but_we_regard_it_is(tmp_path):
    tables = claims_of(tmp_path, "Having regard to its resolutions, the Parliament met. Russia said we regard it as a threat.\n")
    assert [row[2] for row in who(tables)] == ["said", "regard"]


def test_a_resolutions_numbered_paragraphs_speak_for_the_body_at_its_head(tmp_path):
    text = ("Motion for a resolution on North Korean troops\n\nThe European Parliament,\n\n"
            "A. whereas North Korea has sent troops to Russia;\n\n"
            "1. Condemns the deployment of North Korean troops to Russia;\n\n2. Calls on the DPRK to withdraw them;\n")
    rows = who(claims_of(tmp_path, text))
    assert [(r[0], r[1], r[2]) for r in rows] == [("European Parliament", "", "Condemns"),
                                                  ("European Parliament", "", "Calls on")]


def test_an_inverted_speaker_keeps_the_person_before_an_affiliation_and_a_bloc_official_speaks(tmp_path):
    tables = claims_of(tmp_path, '"Shell companies do not help," said Assistant Director Zora Vell of the '
                                 'Bureau\'s Counterintelligence Division. "It is fine," said one Western '
                                 'security official, who spoke on condition of anonymity.\n')
    assert who(tables) == [["Assistant Director Zora Vell", "", "said", "report"],
                           ["Western security official", "west", "said", "report"]]


def test_a_person_of_a_body_before_the_cue_is_the_speaker_not_the_body(tmp_path):
    tables = claims_of(tmp_path, "Zora Vell of the freight forwarder Ollis Logistics said clients had left. "
                                 "Igor Petrov of the Russian Foreign Ministry said it was fine. "
                                 "The Ministry of Defence of Russia said so.\n")
    assert who(tables)[:1] + who(tables)[-2:] == [["Zora Vell", "", "said", "report"],
                                                  ["Igor Petrov", "", "said", "report"],
                                                  ["The Ministry of Defence of Russia", "rus_mod", "said", "report"]]


def test_a_name_before_an_opening_quotation_after_the_cue_is_what_is_said_not_who_says_it(tmp_path):
    tables = claims_of(tmp_path, 'A diplomat, who spoke on condition of anonymity, said the Kremlin "has never needed a paper". '
                                 '"It is late," said Peskov.\n')
    assert [row[:2] for row in who(tables)] == [["A diplomat", ""], ["Peskov", "peskov"]]


def test_a_request_for_anonymity_is_no_appeal_and_its_object_no_speaker(tmp_path):
    tables = claims_of(tmp_path, "A diplomat, who asked not to be named, said it was late. An official who "
                                 "requested anonymity said so. Russia asked the UN to name the panel.\n")
    assert who(tables) == [["A diplomat", "", "said", "report"], ["An official", "", "said", "report"],
                           ["Russia", "rus", "asked", "urge"]]


def test_a_speaker_noun_keeps_its_modifiers_across_a_clause_and_a_rank_word(tmp_path):
    tables = claims_of(tmp_path, "A Western diplomat in Moscow, who spoke on condition of anonymity, said it was late. "
                                 "Days after Moscow's top general said units had helped, Seoul's top envoy said no.\n")
    assert who(tables) == [["A Western diplomat", "west", "said", "report"],
                           ["Moscow's top general", "moscow", "said", "report"],
                           ["Seoul's top envoy", "seoul", "said", "report"]]


def test_diplomatic_phrases_raise_lodge_and_instruct_are_cues(tmp_path):
    tables = claims_of(tmp_path, "Seoul raised the alarm last year. Japan lodged a strong protest. "
                                 "Kishida instructed the ministries to act.\n")
    assert [row[1:] for row in who(tables)] == [["seoul", "raised the alarm", "warn"],
                                                ["jpn", "lodged a strong protest", "accuse"],
                                                ["kishida", "instructed", "urge"]]


def test_being_aware_is_knowledge_stated_unless_negated(tmp_path):
    tables = claims_of(tmp_path, "The Government of Japan is aware that Russia shipped arms. I'm not aware of it.\n")
    assert who(tables) == [["The Government of Japan", "jpn", "is aware", "affirm"]]


def test_a_list_of_states_after_of_all_speak_after_according_to(tmp_path):
    tables = claims_of(tmp_path, "According to the intelligence services of Ukraine, the Republic of Korea and the "
                                 "United States, troops arrived.\n")
    assert [row[1] for row in who(tables)] == ["ukr|kor|usa"]


def test_calls_is_a_cue_as_a_verb_and_none_as_a_noun(tmp_path):
    tables = claims_of(tmp_path, 'Rutte says the units are in Kursk and calls it "a dangerous expansion". '
                                 "Ships made 10 port calls a year (port calls in brackets).\n")
    assert [row[2:] for row in who(tables)] == [["says", "report"], ["calls", "report"]]


def test_a_cue_after_continues_to_is_said_again_now_by_the_subject(tmp_path):
    tables = claims_of(tmp_path, "The Ollis Office continues to assess that 3,000 personnel were killed. "
                                 "Russia has continued to deny it. We plan to deny it.\n")
    assert who(tables) == [["The Ollis Office", "", "assess", "affirm"], ["Russia", "rus", "deny", "deny"]]


def test_a_participle_cue_between_a_noun_and_by_a_name_is_a_passive_whose_agent_speaks(tmp_path):
    tables = claims_of(tmp_path, "Officials cited the assessment made public by the Ollis Institute. "
                                 '"Yes," an officer said by telephone.\n')
    assert who(tables)[1:] == [["Ollis Institute", "", "made public", "report"],
                               ["an officer", "", "said", "report"]]


def test_a_thing_that_suggests_or_points_to_something_says_nothing(tmp_path):
    tables = claims_of(tmp_path, "The evidence suggests that deliveries grew, which suggests payment in kind. "
                                 "Analysts suggest that Russia paid. Our information indicates that troops left. "
                                 "The quick turnaround pointed to a shuttle service.\n")
    assert [row[:3] for row in who(tables)] == [["Analysts", "", "suggest"], ["Our information", "", "indicates"]]


def test_a_heading_label_before_a_colon_does_not_speak_for_the_sentence(tmp_path):
    text = ("Reactions\n\nUnited States: Secretary of State Antony Blinken, speaking alongside the NATO Secretary "
            "General, said the cooperation was a concern and accused Russia of seeking help.\n")
    claims = claims_of(tmp_path, text)["claims"]
    assert claims[["cue", "speaker_id"]].values.tolist() == [["said", "blinken"], ["accused", "blinken"]]


def test_one_of_a_group_speaks(tmp_path):
    text = ("Two soldiers were captured. One of them told interrogators he had been sent to fight. One of the two "
            "said he wanted to stay. One of the men says he was tricked.\n")
    claims = claims_of(tmp_path, text)["claims"]
    assert claims["speaker_text"].tolist() == ["One of them", "One of the two", "One of the men"]


def test_a_source_quoted_by_a_medium_speaks_and_the_medium_does_not(tmp_path):
    tables = claims_of(tmp_path, "A Ukrainian officer quoted by a Kyiv news site claimed the clashes began early. "
                                 "Kim was quoted by KCNA as saying the troops were heroes.\n")
    # the reduced relative "quoted by ..." is the reporting behind the officer's claim; a passive "was quoted by
    # KCNA as saying" keeps both, the agent without "as"
    assert tables["claims"][["cue", "speaker_text", "speaker_id"]].values.tolist() == [
        ["claimed", "A Ukrainian officer", "ukr"], ["quoted", "KCNA", "kcna"], ["saying", "Kim", "kim_jong_un"]]


def test_a_possessed_view_that_ends_its_clause_qualifies_it(tmp_path):
    tables = claims_of(tmp_path, "Shells came by rail, millions of them by Seoul's count. Choe is coming at our invitation.\n")
    assert tables["claims"][["cue", "speaker_text"]].values.tolist() == [["count", "Seoul"], ["invitation", "our"]]


def test_initials_with_full_stops_are_a_subject(tmp_path):
    tables = claims_of(tmp_path, "Busan shippers brace for scrutiny after U.S. says Pyongyang sent containers to Russia\n")
    assert tables["claims"][["cue", "speaker_text", "speaker_id"]].values.tolist() == [["says", "U.S.", "usa"]]


def test_they_in_a_text_of_several_authors_is_the_authors(tmp_path):
    raw = write_raw(tmp_path / "raw", {
        "a.txt": "The Secretary and the Minister met in Washington. They expressed concern about the launches. "
                 "North Korea sent troops, and they claimed it was legal.\n"},
        rows=[{"file": "a.txt", "author": "usa|kor"}])
    corpus = load_corpus(raw)
    tables = entity_and_time_tables(corpus)
    claims = claim_tables(corpus, tables["mentions"], tables["timexes"])["claims"]
    # after a state named before it in its sentence, "they" is resolved as any pronoun (the last group quoted)
    assert claims[["cue", "speaker_id", "speaker_rule"]].values.tolist() == [
        ["expressed concern", "usa|kor", "pronoun: authors"], ["claimed", "usa|kor", "pronoun"]]


def test_a_headlines_present_vow_after_its_coordinated_subjects(tmp_path):
    tables = claims_of(tmp_path, "Putin, Kim ink strategic partnership pact; vow mutual assistance in case of aggression\n")
    assert tables["claims"][["cue", "stance", "speaker_text", "speaker_id"]].values.tolist() == [
        ["vow", "affirm", "Putin, Kim", "putin|kim_jong_un"]]


def test_another_and_most_stand_for_unnamed_people(tmp_path):
    tables = claims_of(tmp_path, "One participant said the troops were tired. Another noted that they were young, "
                                 "and another replied that they fought well. Most expected a truce.\n")
    assert tables["claims"][["cue", "speaker_text"]].values.tolist() == [
        ["said", "One participant"], ["noted", "Another"], ["replied", "another"], ["expected", "Most"]]


def test_a_social_media_post_speaks(tmp_path):
    tables = claims_of(tmp_path, "A video went viral last week. One post, shared about 14,000 times, claimed it showed troops in Kursk.\n")
    assert tables["claims"][["cue", "speaker_text"]].values.tolist() == [["claimed", "One post"]]
