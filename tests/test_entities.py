"""The entity registry: its schema and its ambiguities (coverage of the corpus: test_mentions)."""

import pytest

from partnership.annotate.entities import load_ignore_list, load_registry, shared_forms, surface_forms
from partnership.errors import CorpusError

HEADER = "entity_id,name,type,country,role,aliases,demonyms,government_of,part_of,note\n"


def test_spelling_variants_and_apostrophes_map_to_one_entity():
    forms = surface_forms(load_registry()).groupby("form")["entity_id"].first()
    assert forms["Sergei Shoigu"] == forms["Sergey Shoigu"] == forms["Shoigu"] == "shoigu"
    assert forms["Korean People’s Army"] == forms["Korean People's Army"] == "kpa"
    assert forms["DPRK"] == "prk"


def test_capitals_record_the_government_they_stand_for():
    registry = load_registry().set_index("entity_id")
    assert registry.loc["washington", "government_of"] == "usa"
    assert registry.loc["pyongyang", "government_of"] == "prk"


def test_shared_forms_are_listed_for_a_disambiguation_rule():
    shared = shared_forms(load_registry()).set_index("form")["entity_id"]
    assert shared["Security Council"] == "rus_security_council | unsc"
    assert "Kim" not in shared.index  # only Kim Jong Un is called plain "Kim"


@pytest.mark.parametrize(
    "row, message",
    [
        ("Bad-Id,X,PERSON,,,X,,,,\n", "entity_id must be lower-case"),
        ("x,X,PEOPLE,,,X,,,,\n", "type 'PEOPLE' is not one of"),
        ("x,X,GPE,Russia,,X,,,,\n", "country 'Russia' is not an ISO 3166 alpha-3 code"),
        ("x,X,GPE,RUS,,,,,,\n", "no aliases"),
        ("x,X,GPE,RUS,,X,,nowhere,,\n", "government_of 'nowhere' is not an entity_id"),
        ("x,X,ORG,,,X,,,nowhere,\n", "part_of 'nowhere' is not an entity_id"),
        ("x,X,GPE,RUS,,X,,,,\nx,Y,GPE,RUS,,Y,,,,\n", "entity_id 'x' appears in more than one row"),
    ],
)
def test_registry_errors_name_the_problem(tmp_path, row, message):
    path = tmp_path / "entities.csv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_registry(path)


def test_ignore_list_needs_a_reason_for_each_word(tmp_path):
    path = tmp_path / "name_ignore.csv"
    path.write_text("word,reason,scope\nThe,,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="'The' has no reason"):
        load_ignore_list(path)


def test_ignore_list_scope_is_checked(tmp_path):
    path = tmp_path / "name_ignore.csv"
    path.write_text("word,reason,scope\nKorean,an adjective,sometimes\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="'Korean': scope must be empty"):
        load_ignore_list(path)


def test_shared_names_include_every_foreign_ministry_and_the_registry_name_always_matches():
    registry = load_registry()
    shared = shared_forms(registry).set_index("form")["entity_id"]
    assert shared["Foreign Ministry"] == "kor_mfa | prk_mfa | rus_mfa | ukr_mfa"
    forms = set(surface_forms(registry)["form"])
    assert "Treaty on Comprehensive Strategic Partnership" in forms  # the name, though no alias spells it
    assert "West" in forms and "the West" not in forms  # a leading "the" is not part of the name
    assert "intercontinental ballistic missile" not in forms  # a lower-case class is not a name
