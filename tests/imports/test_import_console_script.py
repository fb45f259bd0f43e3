"""``thdtre-parse FILE`` from the virtualenv prints the parse as JSON, no Plone
needed; a bad file gets its message on stderr and exit status 1."""

from imports_http import docx_003
from imports_http import fixture_bytes
from imports_http import SEED_003
from imports_http import SEED_004
from pathlib import Path

import json
import pytest
import subprocess
import sys


SCRIPT = Path(sys.executable).parent / "thdtre-parse"


def run(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SCRIPT), str(path)], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_prints_the_plan_as_json(tmp_path, kind):
    path = tmp_path / f"kh-63.{kind}"
    path.write_bytes(fixture_bytes(SEED_003) if kind == "txt" else docx_003())
    done = run(path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["kind"] == "plan"
    assert (result["plan"]["number"], result["plan"]["symbol"]) == (63, "KH-KHCN")
    assert len(result["slogans"]) == 12
    assert result["implements"] == ["26/KH-UBND"]
    assert (
        "Tổ chức Tháng hành động vì trẻ em năm 2024" in done.stdout
    )  # not \\u escapes


def test_prints_a_news_article_with_its_plan_number(tmp_path):
    path = tmp_path / "tin.txt"
    path.write_bytes(fixture_bytes(SEED_004))
    done = run(path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["kind"], result["plan_number"]) == ("news", "777/KH-UBND")


def test_a_bad_file_exits_1_with_the_message(tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04garbage")
    done = run(path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert str(path) in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_file_exits_2(tmp_path):
    done = run(tmp_path / "khong-co.txt")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
