"""Command line: ``python -m partnership build | check | add | report | findings | site | evaluate | datapackage |
registry add``.

``build [--raw DIR] [--out DIR] [--jobs N] [--scheduler ADDRESS]`` writes every table (and the
folder's datapackage.json), annotating on a Dask cluster with ``--scheduler`` (or the
PARTNERSHIP_SCHEDULER variable; see ``partnership/cluster.py``); ``report`` runs every
notebook, all or nothing; ``evaluate`` scores the rules against the evaluation set;
``datapackage [--out DIR]`` describes a folder of tables as a Frictionless data package;
``registry add CANDIDATE`` grows the entity registry; ``add PATH [--raw DIR]`` adds one article (.txt, .md or a saved .html page) to the raw folder.
"""

import argparse
import os
import sys
from pathlib import Path

from partnership import config
from partnership.build import build
from partnership.cluster import SCHEDULER_VARIABLE, ClusterError
from partnership.datapackage import FILE_NAME as DATAPACKAGE_FILE
from partnership.errors import CorpusError
from partnership.publish import check_out_dir, owned_files_in


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m partnership", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="read a raw folder and write the processed tables")
    build_parser.add_argument("--raw", default=config.RAW_DIR, help="folder of .txt articles and sources.csv")
    build_parser.add_argument("--out", default=config.PROCESSED_DIR, help="folder for the CSV tables")
    build_parser.add_argument("--jobs", type=int, default=None,
                              help="processes to annotate with (default: one per 500 articles, at most one per CPU)")
    build_parser.add_argument("--scheduler", default=os.environ.get(SCHEDULER_VARIABLE) or None, metavar="ADDRESS",
                              help="annotate on the Dask cluster of this scheduler (tcp://host:8786), or 'local' "
                                   f"for --jobs worker processes here (default: ${SCHEDULER_VARIABLE}, else none)")
    findings_parser = commands.add_parser("findings", help="print the key findings, computed from data/processed")
    findings_parser.add_argument("--write-readme", action="store_true",
                                 help="also write them into README.md between the findings markers")
    site_parser = commands.add_parser("site", help="build the report as a Jupyter Book into build/html")
    site_parser.add_argument("--html", default=config.ROOT / "build" / "html", help="folder of the built book")
    commands.add_parser("report", help="run every notebook in order, all or nothing, then update the README's findings")
    check_parser = commands.add_parser("check", help="read and check a raw folder; one line of error if it is broken")
    check_parser.add_argument("--raw", default=config.RAW_DIR, help="folder of .txt articles and sources.csv")
    article_parser = commands.add_parser(
        "add", help="add one article (.txt, .md, or a saved .html page) to the raw folder and sources.csv")
    article_parser.add_argument("path", help="the file to add")
    article_parser.add_argument("--raw", default=None,
                                help=f"the raw folder to add it to (default: {config.relative(config.RAW_DIR)})")
    evaluate_parser = commands.add_parser(
        "evaluate", help="score the rules against the evaluation set's gold annotations")
    evaluate_parser.add_argument("--check", metavar="DIR", default=None,
                                 help="only check a folder of annotations against the format and the codebook")
    evaluate_parser.add_argument("--out", default=config.PROCESSED_DIR, help="folder for evaluation.csv")
    datapackage_parser = commands.add_parser(
        "datapackage", help="write DIR/datapackage.json describing every CSV table in DIR")
    datapackage_parser.add_argument("--out", default=config.PROCESSED_DIR, help="folder of the CSV tables")
    registry_parser = commands.add_parser(
        "registry", help="add a name from data/processed/registry_candidates.csv to the entity registry")
    registry_actions = registry_parser.add_subparsers(dest="action", required=True)
    add_parser = registry_actions.add_parser("add", help="append one candidate to data/codebook/entities.csv")
    add_parser.add_argument("candidate", help="its candidate_id in registry_candidates.csv")
    add_parser.add_argument("--entity-id", default=None, help="the registry id to give it (default: the candidate_id)")
    add_parser.add_argument("--type", default=None, help="PERSON, ORG, GPE, ... (default: the type_guess)")
    add_parser.add_argument("--country", default=None, help="ISO 3166 alpha-3 code (default: the country_guess)")
    add_parser.add_argument("--candidates", default=config.PROCESSED_DIR / "registry_candidates.csv",
                            help="the candidates table to read")
    add_parser.add_argument("--registry", default=config.CODEBOOK_DIR / "entities.csv",
                            help="the registry file to add to")
    args = parser.parse_args(argv)

    if args.command == "report":
        from partnership.report.run_notebooks import main as run_notebooks

        status = run_notebooks()
        if status == 0:
            from partnership.datapackage import write_datapackage

            _write_readme_findings()
            write_datapackage(config.PROCESSED_DIR)  # the notebooks wrote the tables it describes
        return status
    if args.command == "registry":
        return _registry_add(args)
    if args.command == "evaluate":
        return _evaluate(args)
    if args.command == "add":
        return _add_article(args)

    if args.command == "datapackage":
        from partnership.datapackage import write_datapackage

        try:
            print(config.relative(write_datapackage(args.out)))
        except CorpusError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        return 0
    if args.command == "site":
        from partnership.report.book import main as build_book

        for path in build_book(args.html):
            print(config.relative(path))
        return 0
    if args.command == "check":
        from partnership.corpus import read_raw

        try:
            sources, _ = read_raw(args.raw)
        except CorpusError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"ok: {len(sources)} articles in {config.relative(args.raw)}")
        return 0
    if args.command == "findings":
        from partnership.report.findings import findings_markdown
        from partnership.report.report_figures import processed_tables

        print(findings_markdown(processed_tables()), end="")
        if args.write_readme:
            _write_readme_findings()
        return 0
    try:
        before = owned_files_in(check_out_dir(args.out))
        written = build(args.raw, args.out, jobs=args.jobs, scheduler=args.scheduler)
    except (CorpusError, ClusterError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in [*written, Path(args.out) / DATAPACKAGE_FILE]:
        print(config.relative(path))
    for path in before:
        if not path.exists():
            print(f"removed {config.relative(path)}: this build no longer writes it")
    return 0


def _write_readme_findings() -> None:
    """Put the findings, the corpus's description and the evaluation figures, computed from data/processed,
    into the README."""
    from partnership.report.findings import CORPUS_END, CORPUS_START, findings_markdown, with_findings, with_section
    from partnership.report.report_figures import processed_tables
    from partnership.report.wording import corpus_description
    from partnership.tables import write_files

    readme = config.ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    tables = processed_tables()
    updated = with_findings(text, findings_markdown(tables))
    updated = with_section(updated, corpus_description(tables["documents"]), CORPUS_START, CORPUS_END)
    scores = config.PROCESSED_DIR / "evaluation.csv"
    if scores.exists() and "<!-- evaluation:start -->" in updated:  # the extractors' measured quality
        import pandas as pd

        from partnership.evaluate.evaluation import evaluation_markdown
        from partnership.evaluate.gold import read_split

        updated = with_section(updated, "\n" + evaluation_markdown(pd.read_csv(scores), read_split()),
                               "<!-- evaluation:start -->", "<!-- evaluation:end -->")
    if updated != text:
        write_files({readme: updated.encode("utf-8")})


def _registry_add(args) -> int:
    import pandas as pd

    from partnership.annotate.registry_candidates import add_to_registry

    try:
        path = Path(args.candidates)
        if not path.is_file():
            raise CorpusError(path, "missing: run `python -m partnership build` (or notebook 02) to write it")
        candidates = pd.read_csv(path, dtype=str, keep_default_na=False)
        row = add_to_registry(candidates, args.candidate, args.entity_id, args.type, args.country,
                              path=args.registry, candidates_path=path)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"added {row['entity_id']} ({row['name']}, {row['type']}, {row['country'] or 'no country'}) to "
          f"{config.relative(args.registry)}; rebuild to link its mentions")
    return 0


def _add_article(args) -> int:
    from partnership.corpus.adding import add_article

    raw = config.RAW_DIR if args.raw is None else Path(args.raw)
    # The folder as the user typed it: a temporary folder's absolute path would differ on every run.
    shown = config.relative(raw) if args.raw is None else args.raw
    try:
        added = add_article(args.path, raw)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    row = added.row
    if row.get("published"):
        dated = f"published {row['published']} ({row['date_precision']}, from {added.date_source})"
    elif Path(args.path).suffix.lower() in (".html", ".htm"):
        dated = f"undated: published and date_precision are empty ({row['date_note'].rstrip('.')})"
    else:
        dated = "undated: add published and date_evidence to sources.csv if you can establish them"
    dropped = f"; sources.csv has no column for {', '.join(added.dropped)}" if added.dropped else ""
    print(f"added {config.relative(args.path)} as {shown}/{added.path.name}: {dated}{dropped}")
    return 0


def _evaluate(args) -> int:
    from partnership.corpus import read_raw
    from partnership.evaluate.gold import TEXTS_DIR, load_annotations

    try:
        sources, texts_by_file = read_raw(TEXTS_DIR)
        texts = {row.doc_id: texts_by_file[row.file] for row in sources.itertuples()}
        if args.check:
            layers = load_annotations(args.check, texts)
            counts = ", ".join(f"{len(table)} {name}" for name, table in layers.items())
            print(f"ok: {config.relative(args.check)}: {counts}")
            return 0
        from partnership.evaluate.evaluation import run_evaluation

        run_evaluation(args.out)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
