"""Growing the registry: unknown names grouped across articles, guessed, and added with one command."""

import shutil
import subprocess
import sys

import pandas as pd

from partnership import config
from partnership.annotate.registry_candidates import add_to_registry
from partnership.build import entity_and_time_tables
from partnership.corpus import load_corpus
from tests.conftest import write_raw


def candidates_of(tmp_path, articles):
    rows = [{"file": name, "published": "2024-11-08"} for name in articles]
    corpus = load_corpus(write_raw(tmp_path / "raw", articles, rows=rows))
    return entity_and_time_tables(corpus)["registry_candidates"]


def test_unknown_names_are_grouped_across_articles_with_a_guess(tmp_path):
    table = candidates_of(tmp_path, {
        "a.txt": "South Korean lawmaker Park Sun-won said troops left. The Storm Corps moved to Sudzha.\n",
        "b.txt": "Park Sun Won, a lawmaker, said more. Analysts met in Sudzha on Friday.\n",
    })
    rows = table.set_index("candidate_id")
    assert rows.loc["park_sun_won", ["spellings", "type_guess", "country_guess", "role", "n_articles"]].tolist() \
        == ["Park Sun Won | Park Sun-won", "PERSON", "KOR", "lawmaker", 2]
    assert rows.loc["storm_corps", ["type_guess", "type_rule"]].tolist() == ["ORG", "last word 'Corps'"]
    assert rows.loc["sudzha", "type_guess"] == "GPE"
    assert rows.loc["park_sun_won", "evidence"] == "a s1; b s1"


def test_registry_add_appends_a_checked_row_and_refuses_with_one_line(tmp_path):
    table = candidates_of(tmp_path, {"a.txt": "Ambassador Zorina Vell said so in Moscow.\n"})
    candidates = tmp_path / "registry_candidates.csv"
    table.to_csv(candidates, index=False)
    registry = tmp_path / "entities.csv"
    shutil.copy(config.CODEBOOK_DIR / "entities.csv", registry)
    from partnership.annotate.entities import load_registry
    row = add_to_registry(table, "zorina_vell", country="RUS", path=registry)
    added = load_registry(registry).set_index("entity_id").loc["zorina_vell"]
    assert added[["name", "type", "country", "role", "aliases"]].tolist() == \
        ["Zorina Vell", "PERSON", "RUS", "Ambassador", "Zorina Vell"]
    assert row["entity_id"] == "zorina_vell"
    before = registry.read_bytes()
    for args in (["zorina_vell"], ["nobody"], ["zorina_vell", "--entity-id", "zv", "--country", "Russia"]):
        result = subprocess.run([sys.executable, "-m", "partnership", "registry", "add", *args,
                                 "--candidates", str(candidates), "--registry", str(registry)],
                                capture_output=True, text=True)
        assert result.returncode == 2 and result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
        assert "Traceback" not in result.stderr
    assert registry.read_bytes() == before  # a refused add writes nothing


def test_a_surname_alone_joins_the_full_name_before_it_and_links_once_added(tmp_path):
    text = ("Foreign Minister Zorina Vell arrived for talks on Monday.\n\n"
            "Zorina Vell said the governments would sign an agreement. Vell did not say when.\n")
    table = candidates_of(tmp_path, {"a.txt": text, "b.txt": "Vell Ostra spoke. Ostra left. Vell is a word here.\n"})
    rows = table.set_index("candidate_id")
    assert rows.loc["zorina_vell", ["spellings", "n_mentions"]].tolist() == ["Vell | Zorina Vell", 3]
    assert rows.loc["vell_ostra", "spellings"] == "Ostra | Vell Ostra"  # another article's "Vell" is not hers
    registry = tmp_path / "entities.csv"
    shutil.copy(config.CODEBOOK_DIR / "entities.csv", registry)
    add_to_registry(table, "zorina_vell", path=registry)
    from partnership.annotate.entities import load_registry
    from partnership.build import Annotators
    corpus = load_corpus(tmp_path / "raw")
    mentions = entity_and_time_tables(corpus, Annotators.from_codebook(load_registry(registry)))["mentions"]
    hers = mentions[(mentions["doc_id"] == "a")]
    assert hers[hers["text"].str.contains("Vell")]["entity_id"].tolist() == ["zorina_vell"] * 3
