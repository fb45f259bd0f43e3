"""Fidelity on the pattern fixtures: how many stated facts the parser gets right.

The fixtures in tests/fixtures/patterns/ are short documents written for this
project, one per layout pattern of the real corpus (page furniture, header
forms, numbering, datelines, slogan placement, news prose, reports, letters),
with their facts in index.json. They are scored exactly as ``make fidelity``
scores them (tests/corpus/score.py): the parser must get at least 95 % of the
stated facts right overall, and at least 85 % in every field that has at least
3 stated facts. Pure parser: no Plone site.
"""

from collective.thdtre.importer.parse import parse_document
from pathlib import Path

import importlib.util
import json
import pytest


TESTS = Path(__file__).resolve().parents[1]
PATTERNS = TESTS / "fixtures" / "patterns"
SCORE = TESTS / "corpus" / "score.py"

OVERALL = 0.95
PER_FIELD = 0.85
MIN_STATED = 3


def _score_module():
    # tests/corpus is not a package on the test path; load score.py by file.
    spec = importlib.util.spec_from_file_location("thdtre_corpus_score", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _index() -> dict:
    return json.loads((PATTERNS / "index.json").read_text(encoding="utf-8"))


def _documents():
    for entry in _index()["fixtures"]:
        path = PATTERNS / entry["file"]
        yield entry["file"], path.name, path.read_bytes(), entry["facts"]


def test_index_lists_every_fixture_with_all_fields():
    score = _score_module()
    entries = _index()["fixtures"]
    listed = [entry["file"] for entry in entries]
    assert len(listed) == len(set(listed))
    assert set(listed) == {path.name for path in PATTERNS.glob("*.txt")}
    for entry in entries:
        assert entry["pattern"], entry["file"]
        assert set(entry["facts"]) == set(score.FIELDS), entry["file"]
        assert isinstance(entry["facts"]["slogans"], list), entry["file"]
        text = (PATTERNS / entry["file"]).read_text(encoding="utf-8")
        assert 10 <= len(text.splitlines()) <= 60, entry["file"]


def test_fixture_fidelity():
    score = _score_module()
    tally = score.score(list(_documents()), parse_document)
    problems = []
    if tally.overall < OVERALL:
        problems.append(f"overall {tally.overall:.1%} < {OVERALL:.0%}")
    for field in score.FIELDS:
        ratio = tally.ratio(field)
        if tally.stated[field] >= MIN_STATED and ratio < PER_FIELD:
            problems.append(f"{field} {ratio:.0%} < {PER_FIELD:.0%}")
    if problems:
        misses = "\n".join(
            f"    {name} {field}: want {want!r} got {have!r}"
            for name, field, want, have in tally.misses
        )
        pytest.fail(
            "\n".join(problems)
            + "\n\n"
            + tally.table("pattern fixtures")
            + "\n  misses:\n"
            + misses,
            pytrace=False,
        )
