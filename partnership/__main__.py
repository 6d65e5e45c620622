"""Command line: ``python -m partnership build [--raw DIR] [--out DIR] [--jobs N]`` and ``... findings``."""

import argparse
import sys

from partnership import config
from partnership.build import build
from partnership.errors import CorpusError


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m partnership", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="read a raw folder and write the processed tables")
    build_parser.add_argument("--raw", default=config.RAW_DIR, help="folder of .txt articles and sources.csv")
    build_parser.add_argument("--out", default=config.PROCESSED_DIR, help="folder for the CSV tables")
    build_parser.add_argument("--jobs", type=int, default=None,
                              help="processes to annotate with (default: one per 500 articles, at most one per CPU)")
    commands.add_parser("findings", help="print the key findings, computed from data/processed")
    site_parser = commands.add_parser("site", help="render the notebooks and an index page into build/html")
    site_parser.add_argument("--html", default=config.ROOT / "build" / "html", help="folder of the rendered pages")
    check_parser = commands.add_parser("check", help="read and check a raw folder; one line of error if it is broken")
    check_parser.add_argument("--raw", default=config.RAW_DIR, help="folder of .txt articles and sources.csv")
    args = parser.parse_args(argv)

    if args.command == "site":
        from partnership.site import build_site

        for path in build_site(args.html):
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
        from partnership.findings import findings_markdown
        from partnership.report_figures import processed_tables

        print(findings_markdown(processed_tables()), end="")
        return 0
    try:
        written = build(args.raw, args.out, jobs=args.jobs)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(config.relative(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
