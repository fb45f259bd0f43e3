"""Bad files raise ParseError with a stable code and a message that says what to do."""

from collective.thdtre.importer import cli
from collective.thdtre.importer import parse
from collective.thdtre.importer.parse import MESSAGES
from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.parse import parse_plan
from collective.thdtre.importer.parse import ParseError
from collective.thdtre.importer.parse import read_text
from importer_docs import build_pdf
from importer_docs import fixture_text
from importer_docs import FIXTURES
from importer_docs import pdf_from_text

import io
import json
import pytest
import random
import zipfile


def garbage(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def zip_of(name: str, data: bytes) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr(name, data)
    return stream.getvalue()


CASES = {
    "empty": ("plan.txt", b""),
    "blank": ("plan.txt", b" \n\r\n\t "),
    "empty docx": ("plan.docx", None),
    "binary": ("plan.txt", garbage(4000)),
    "control characters": ("plan.txt", bytes(range(32)) * 20 + b"KE HOACH"),
    "bad utf-16": ("plan.txt", b"\xff\xfe" + b"\x00\xd8" * 3),
    "fake docx": ("plan.docx", b"PK\x03\x04" + garbage(300)),
    "docx not a zip": ("plan.docx", b"KE HOACH"),
    "zip without a document": ("plan.docx", zip_of("hello.txt", b"hello")),
    "fake pdf": ("plan.pdf", b"%PDF-1.4\n" + garbage(500)),
    "pdf not a pdf": ("plan.pdf", garbage(500)),
    "truncated pdf": ("plan.pdf", None),
    "scanned pdf": ("plan.pdf", build_pdf([b"0 0 m 500 700 l S"])),
    "unknown extension": ("plan.doc", b"KE HOACH"),
    "no extension": ("plan", b"KE HOACH"),
    "not a plan": ("note.txt", "Thông báo lịch họp giao ban tuần.".encode()),
}
CODES = {
    "empty": "empty",
    "blank": "empty",
    "empty docx": "empty",
    "binary": "binary",
    "control characters": "binary",
    "bad utf-16": "bad_encoding",
    "fake docx": "damaged_docx",
    "docx not a zip": "damaged_docx",
    "zip without a document": "damaged_docx",
    "fake pdf": "damaged_pdf",
    "pdf not a pdf": "damaged_pdf",
    "truncated pdf": "damaged_pdf",
    "scanned pdf": "needs_ocr",
    "unknown extension": "unknown_extension",
    "no extension": "unknown_extension",
    "not a plan": "not_a_plan",
}


def data_of(case: str) -> tuple[str, bytes]:
    filename, data = CASES[case]
    if case == "empty docx":
        import docx

        stream = io.BytesIO()
        docx.Document().save(stream)
        data = stream.getvalue()
    if case == "truncated pdf":
        data = pdf_from_text(fixture_text("003_c6cfd6b9ad409e01.txt"))[:1500]
    return filename, data


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case):
    filename, data = data_of(case)
    with pytest.raises(ParseError) as info:
        parse_document(filename, data)
    assert info.value.code == CODES[case]
    assert info.value.message == MESSAGES[CODES[case]]
    assert str(info.value) == info.value.message


def test_too_large_says_the_limit():
    with pytest.raises(ParseError) as info:
        read_text("plan.txt", b"x" * 2048, max_bytes=1024)
    assert info.value.code == "too_large"
    with pytest.raises(ParseError) as info:
        read_text("plan.pdf", b"x" * (20 * 1024 * 1024 + 1))
    assert info.value.mapping == {"limit_mb": 20}
    assert info.value.message == (
        "The file is larger than 20 MB. Upload a smaller file."
    )


def test_not_a_plan_from_parse_plan():
    with pytest.raises(ParseError) as info:
        parse_plan("Báo cáo kết quả công tác tháng 6.")
    assert info.value.code == "not_a_plan"


def test_every_code_has_a_message():
    assert sorted(MESSAGES) == sorted(
        [
            "empty",
            "not_a_plan",
            "binary",
            "damaged_docx",
            "damaged_pdf",
            "needs_ocr",
            "unknown_extension",
            "too_large",
            "bad_encoding",
            "ocr_missing",
            "ocr_timeout",
            "too_many_pages",
            "docx_too_large",
            "no_diacritics",
            # importer/limits.py's refusals
            "too_long",
            "too_much_text",
            "docx_too_complex",
            "too_slow",
            "too_much_memory",
            "unreadable",
        ]
    )
    assert parse.MSG_NEEDS_OCR == MESSAGES["needs_ocr"]
    with pytest.raises(ValueError):
        ParseError("no_such_code")


def test_console_script_prints_json(capsys):
    assert cli.main([str(FIXTURES / "003_c6cfd6b9ad409e01.txt")]) == 0
    output = capsys.readouterr().out
    assert "Triệu Ngọc Trung" in output  # ensure_ascii=False
    assert json.loads(output)["plan"]["number"] == 63


def test_console_script_fails_on_bad_file(tmp_path, capsys):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"PK\x03\x04 broken")
    assert cli.main([str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert MESSAGES["damaged_docx"] in captured.err
