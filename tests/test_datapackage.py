"""data/processed/datapackage.json: a valid Frictionless data package that cannot drift from the tables."""

import json
import shutil
import subprocess
import sys

import frictionless
import pandas as pd
import pytest

from partnership import config
from partnership.build import build
from partnership.codebook import load_columns
from partnership.datapackage import (FILE_NAME, TABLES, datapackage_descriptor, datapackage_json,
                                     resource_descriptor, write_datapackage)
from partnership.errors import CorpusError

PACKAGE = config.PROCESSED_DIR / FILE_NAME


def errors_of(report) -> list[tuple[str, str, str]]:
    """(resource, error type, message) of every error in a validation report."""
    found = [("package", error.type, error.message) for error in report.errors]
    for task in report.tasks:
        found += [(task.name, error.type, error.message) for error in task.errors]
    return found


def committed_descriptor() -> dict:
    return json.loads(PACKAGE.read_text(encoding="utf-8"))


def test_committed_package_is_valid():
    report = frictionless.validate(str(PACKAGE))
    assert errors_of(report) == []
    assert report.valid
    assert {task.name for task in report.tasks} == {p.stem for p in config.PROCESSED_DIR.glob("*.csv")}


def test_committed_package_is_valid_on_the_command_line():
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", config.relative(PACKAGE)],
                            cwd=config.ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_descriptor_on_disk_is_what_the_code_computes():
    assert PACKAGE.read_text(encoding="utf-8") == datapackage_json(datapackage_descriptor(config.PROCESSED_DIR)), \
        "stale: rerun `python -m partnership datapackage`"


def test_descriptor_is_plain_and_deterministic():
    text = PACKAGE.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "\r" not in text
    descriptor = json.loads(text)
    names = [r["name"] for r in descriptor["resources"]]
    assert names == sorted(names)
    for resource in descriptor["resources"]:
        assert resource["path"] == f"{resource['name']}.csv"  # relative, inside the folder
    assert str(config.ROOT) not in text


def test_every_processed_table_is_a_resource_with_every_column_described():
    dictionary = load_columns()
    for resource in committed_descriptor()["resources"]:
        header = list(pd.read_csv(config.PROCESSED_DIR / resource["path"], nrows=0).columns)
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header, resource["name"]
        documented = dictionary[dictionary["table"] == resource["name"]].set_index("column")["description"]
        for field in fields:
            assert field["description"].strip(), f"{resource['name']}.{field['name']}"
            assert field["description"] == documented[field["name"]]
        assert resource["name"] in TABLES, f"{resource['name']}: add its description and key to TABLES"
        assert resource["description"]
    assert sorted(r["path"] for r in committed_descriptor()["resources"]) == sorted(
        p.name for p in config.PROCESSED_DIR.glob("*.csv"))


def test_keys_are_declared():
    resources = {r["name"]: r["schema"] for r in committed_descriptor()["resources"]}
    assert resources["documents"]["primaryKey"] == ["doc_id"]
    assert resources["sentences"]["primaryKey"] == ["doc_id", "sent_id"]
    assert resources["events"]["primaryKey"] == ["event_id"]
    assert "primaryKey" not in resources["evaluation_errors"]  # see TABLES
    references = {(name, tuple(key["fields"]), key["reference"]["resource"])
                  for name, schema in resources.items() for key in schema.get("foreignKeys", [])}
    assert ("event_evidence", ("event_id",), "events") in references
    assert ("mentions", ("doc_id",), "documents") in references
    assert ("mentions", ("doc_id", "sent_id"), "sentences") in references
    # every table of the articles points at documents; the evaluation tables point at other texts
    with_doc_id = {name for name, schema in resources.items()
                   if "doc_id" in [f["name"] for f in schema["fields"]]} - {"documents", "evaluation_errors"}
    assert with_doc_id == {name for name, fields, target in references if target == "documents"}


def test_an_undocumented_column_stops_the_descriptor(tmp_path):
    (tmp_path / "documents.csv").write_text("doc_id,mood\na,calm\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"documents.csv has column\(s\) \['mood'\]"):
        datapackage_descriptor(tmp_path)


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no CSV tables"):
        write_datapackage(tmp_path)


def replace_cell(path, row: int, column: str, value: str):
    """Set one cell of a processed table, written back in the project's CSV form."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[row, column] = value
    path.write_text(table.to_csv(index=False, lineterminator="\n"), encoding="utf-8")


def duplicate_first_row(path):
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    path.write_text(pd.concat([table, table.iloc[:1]]).to_csv(index=False, lineterminator="\n"), encoding="utf-8")


@pytest.mark.parametrize("table, change, expected", [
    ("mentions", lambda p: replace_cell(p, 0, "doc_id", "999_not_an_article"), "foreign-key"),
    ("event_evidence", lambda p: replace_cell(p, 0, "event_id", "2099_no_such_event"), "foreign-key"),
    ("claims", lambda p: replace_cell(p, 0, "sent_id", "999"), "foreign-key"),
    ("documents", duplicate_first_row, "primary-key"),
    ("hedges", lambda p: replace_cell(p, 0, "hedged", "yes"), "type-error"),
    ("events", lambda p: replace_cell(p, 0, "date", "September 2023"), "constraint-error"),
], ids=["doc_id", "event_id", "doc_id+sent_id", "duplicate_key", "boolean", "date"])
def test_a_broken_copy_fails_validation(tmp_path, table, change, expected):
    copy = tmp_path / "processed"
    shutil.copytree(config.PROCESSED_DIR, copy)
    change(copy / f"{table}.csv")
    report = frictionless.validate(str(copy / FILE_NAME))
    assert not report.valid
    found = {(name, kind) for name, kind, _ in errors_of(report)}
    assert (table, expected) in found, errors_of(report)
    assert {name for name, _ in found} == {table}  # nothing else is reported broken


def test_the_registry_outside_the_folder_is_refused_as_a_resource(tmp_path):
    """Why entities.csv is not a resource: frictionless rejects a path with '..' unless trusted."""
    descriptor = datapackage_descriptor(config.PROCESSED_DIR)
    descriptor["resources"].append({"name": "entities", "path": "../codebook/entities.csv"})
    report = frictionless.validate(descriptor, basepath=str(config.PROCESSED_DIR))
    assert not report.valid
    assert any("not safe" in message for _, _, message in errors_of(report))


def test_entity_ids_resolve_against_the_registry(tmp_path):
    """Copied beside the tables, the registry serves as the target of the entity foreign keys."""
    copy = tmp_path / "processed"
    shutil.copytree(config.PROCESSED_DIR, copy)
    shutil.copy(config.CODEBOOK_DIR / "entities.csv", copy / "entities.csv")
    descriptor = datapackage_descriptor(copy)
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    schemas["entities"]["primaryKey"] = ["entity_id"]
    single_ids = {"mentions": ["entity_id", "stands_for"], "events": ["location_id"]}
    for name, columns in single_ids.items():
        schemas[name].setdefault("foreignKeys", []).extend(
            {"fields": [c], "reference": {"resource": "entities", "fields": ["entity_id"]}} for c in columns)
    (copy / FILE_NAME).write_text(datapackage_json(descriptor), encoding="utf-8")
    report = frictionless.validate(str(copy / FILE_NAME))
    assert errors_of(report) == []
    # the '|'-separated lists of ids, which a foreign key cannot express
    registry = set(pd.read_csv(config.CODEBOOK_DIR / "entities.csv", dtype=str)["entity_id"])
    lists = {"claims": ["speaker_id"], "events": ["actor_ids", "recipient_ids"], "event_candidates": ["actor_ids"]}
    for name, columns in lists.items():
        table = pd.read_csv(config.PROCESSED_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
        for column in columns:
            ids = {i for cell in table[column] for i in cell.split("|") if i}
            assert ids <= registry, f"{name}.{column}: {sorted(ids - registry)}"


def test_the_whole_package_loads_in_one_call():
    tables = {r.name: r.to_pandas() for r in frictionless.Package(str(PACKAGE)).resources}
    assert set(tables) == {p.stem for p in config.PROCESSED_DIR.glob("*.csv")}
    for name, table in tables.items():
        plain = pd.read_csv(config.PROCESSED_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(table) == len(plain), name
    assert tables["hedges"]["hedged"].dtype == bool
    assert tables["documents"].index.name == "doc_id"
    assert tables["sentences"]["n_words"].dtype.kind == "i"
    assert tables["documents"].loc["004_c8f7dfaf8c53fe93", "published"] == "2023-09"  # a month stays a month


def test_a_fresh_build_writes_a_valid_package(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "partnership", "build", "--raw", str(config.RAW_DIR),
                             "--out", str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith(FILE_NAME)
    report = frictionless.validate(str(out / FILE_NAME))
    assert errors_of(report) == []
    # the same description as the committed one, less the tables `build` does not write
    built = json.loads((out / FILE_NAME).read_text(encoding="utf-8"))
    names = {r["name"] for r in built["resources"]}
    committed = committed_descriptor()
    committed["resources"] = [r for r in committed["resources"] if r["name"] in names]
    assert built == committed


def test_a_build_of_other_articles_writes_a_valid_package(fixture_raw, tmp_path):
    build(fixture_raw, tmp_path / "out")
    report = frictionless.validate(str(tmp_path / "out" / FILE_NAME))
    assert errors_of(report) == []


def test_the_command_rewrites_the_package(tmp_path):
    shutil.copy(config.PROCESSED_DIR / "documents.csv", tmp_path)
    result = subprocess.run([sys.executable, "-m", "partnership", "datapackage", "--out", str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    descriptor = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == ["documents"]
    assert "foreignKeys" not in descriptor["resources"][0]["schema"]


def test_resource_descriptor_maps_the_dictionary_types():
    dictionary = pd.DataFrame({"table": ["t"] * 5, "column": list("sifbd"),
                               "type": ["string", "integer", "float", "boolean", "date"],
                               "description": list("SIFBD")})
    fields = resource_descriptor("t", list("sifbd"), dictionary, {"t"})["schema"]["fields"]
    assert [f["type"] for f in fields] == ["string", "integer", "number", "boolean", "string"]
    assert fields[3]["trueValues"] == ["True"] and fields[3]["falseValues"] == ["False"]
    assert fields[4]["constraints"]["pattern"]
