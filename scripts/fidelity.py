#!/usr/bin/env python3
"""make fidelity: how many stated facts the importer gets right.

Parses the pattern fixtures (tests/fixtures/patterns/, our own words) and, when
THDTRE_CORPUS names a folder of collected real texts, the corpus of
tests/corpus/index.json, and prints facts right per field and overall for each,
and the slowest parse. Pure parser: no Plone site is started.

    .venv/bin/python scripts/fidelity.py [--round tuning|unseen] [--misses]
    .venv/bin/python scripts/fidelity.py --check-folder DIR
"""

from pathlib import Path

import argparse
import json
import os
import sys


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from collective.thdtre.importer.parse import parse_document  # noqa: E402
from corpus.score import check_folder  # noqa: E402
from corpus.score import corpus_documents  # noqa: E402
from corpus.score import score  # noqa: E402
from corpus.text_fidelity import measure  # noqa: E402


INDEX = ROOT / "tests" / "corpus" / "index.json"
PATTERNS = ROOT / "tests" / "fixtures" / "patterns"


def pattern_documents():
    index = json.loads((PATTERNS / "index.json").read_text(encoding="utf-8"))
    for entry in index["fixtures"]:
        path = PATTERNS / entry["file"]
        yield entry["file"], path.name, path.read_bytes(), entry["facts"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--round", choices=["tuning", "unseen"], default=None)
    parser.add_argument("--misses", action="store_true", help="list wrong facts")
    parser.add_argument("--check-folder", type=Path, help="check a collected folder")
    args = parser.parse_args(argv)
    if args.check_folder:
        problems = check_folder(INDEX, args.check_folder)
        print("\n".join(problems) or f"{args.check_folder}: every text present")
        return 1 if problems else 0
    runs = []
    if (PATTERNS / "index.json").exists():
        runs.append(("pattern fixtures", list(pattern_documents())))
    corpus = os.environ.get("THDTRE_CORPUS")
    if corpus and Path(corpus).is_dir():
        documents = list(corpus_documents(INDEX, Path(corpus), round=args.round))
        runs.append(
            (f"corpus {args.round or 'all'} ({len(documents)} texts)", documents)
        )
    else:
        print("THDTRE_CORPUS is not set to a folder: the corpus is not scored.")
    for title, documents in runs:
        tally = score(documents, parse_document)
        print(tally.table(title))
        if args.misses:
            for name, field, want, have in tally.misses:
                print(f"    {name} {field}: want {want!r} got {have!r}")
        print()
    text_fidelity(corpus)
    return 0


SEEDS = ROOT / "tests" / "fixtures"
TEXT_MINIMUM = 0.98


def text_fidelity(corpus) -> None:
    """Issue 12: words of the original kept, in order, by the page and the .docx."""
    documents = [(p.name, p) for p in sorted(SEEDS.glob("00[0-3]_*.txt"))]
    documents += [(f"patterns/{p.name}", p) for p in sorted(PATTERNS.glob("*.txt"))]
    if corpus and Path(corpus).is_dir():
        index = json.loads(INDEX.read_text(encoding="utf-8"))["texts"]
        files = {p.stem: p for p in Path(corpus).rglob("*.txt")}
        for entry in index:
            path = files.get(entry["id"])
            if entry.get("kind") != "plan" or path is None:
                continue
            round_ = "unseen" if entry.get("round") == "unseen" else "corpus"
            documents.append((f"{round_}/{path.name}", path))
    print("Text fidelity (page, .docx and PDF against the original, words in order)")
    print(f"  {'document':58} {'page':>6} {'docx':>6} {'pdf':>6}")
    low = 0
    for name, path in documents:
        try:
            ratios = measure(path.name, path.read_bytes(), pdf=True)
        except Exception as error:  # noqa: BLE001 - a document the parser refuses
            print(f"  {name:58} not imported: {getattr(error, 'code', error)}")
            continue
        if ratios is None:
            continue  # a news article, a report or a letter: not a plan
        mark = "" if min(ratios.values()) >= TEXT_MINIMUM else "  < 0.98"
        low += bool(mark)
        figures = " ".join(f"{ratios[k]:6.4f}" for k in ("page", "docx", "pdf"))
        print(f"  {name:58} {figures}{mark}")
    print(f"  below {TEXT_MINIMUM}: {low}")


if __name__ == "__main__":
    sys.exit(main())
