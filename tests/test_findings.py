"""The key findings: computed from the tables, cited, and the README cannot drift from them."""

import re
import subprocess
import sys

import pandas as pd

from partnership import config
from partnership.report.findings import cite, findings_markdown, readme_section, voices
from partnership.report.report_figures import processed_tables


def test_readme_findings_equal_what_the_tables_give():
    readme = (config.ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_section(readme) == findings_markdown(processed_tables())


def test_every_number_in_the_readme_findings_is_in_the_computed_text():
    readme = readme_section((config.ROOT / "README.md").read_text(encoding="utf-8"))
    computed = findings_markdown(processed_tables())
    numbers = re.findall(r"\d[\d,.%-]*", readme)
    assert numbers and all(n in computed for n in numbers)


def test_every_citation_points_to_a_sentence():
    sentences = pd.read_csv(config.PROCESSED_DIR / "sentences.csv", dtype=str)
    known = {(d[:3], int(s)) for d, s in zip(sentences["doc_id"], sentences["sent_id"])}
    cited = re.findall(r"\b(\d{3}) s(\d+)\b", findings_markdown(processed_tables()))
    assert cited and all((d, int(s)) in known for d, s in cited)


def test_cite_orders_and_deduplicates():
    rows = pd.DataFrame({"doc_id": ["003_x", "000_y", "003_x"], "sent_id": ["17", "4", "17"]})
    assert cite(rows) == "000 s4; 003 s17"


def test_voices_heading_follows_the_data():
    claims = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": ["1", "2", "3"],
                           "stance": ["accuse", "deny", "praise"], "speaker_country": ["RUS", "USA", "PRK"]})
    text = voices(claims)
    assert text.startswith("**Who accuses and who denies.**")  # a Russian accusation breaks the pattern
    assert "the 1 denials come from speakers of USA (a s2)" in text


def test_cli_prints_the_findings():
    result = subprocess.run([sys.executable, "-m", "partnership", "findings"], capture_output=True, text=True,
                            check=True)
    assert result.stdout == findings_markdown(processed_tables())
