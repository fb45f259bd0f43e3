"""Documents for the parser tests: the seed texts, and Word, PDF and
Windows-1258 versions built from them in the test (no binary fixtures)."""

from pathlib import Path

import io
import re
import textwrap
import unicodedata


FIXTURES = Path(__file__).parent.parent / "fixtures"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# -- Windows-1258 -----------------------------------------------------------------

TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: vowels precomposed, tone marks combining."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return bytes(out)


# -- Word ---------------------------------------------------------------------------


def add_marked_paragraph(document, text: str):
    """A paragraph whose ``**bold**`` and ``*italic*`` parts become runs."""
    paragraph = document.add_paragraph()
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if part.startswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*"):
            paragraph.add_run(part[1:-1]).italic = True
        elif part:
            paragraph.add_run(part)
    return paragraph


def set_cell(cell, lines: list[str]):
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def docx_from_seed(text: str, *, parent: str, body: str) -> bytes:
    """A .docx laid out like a signed plan: header and signature in tables."""
    import docx

    lines = text.strip().split("\n")
    number = next(line for line in lines if line.startswith("Số:"))
    place = next(line for line in lines if ", ngày " in line)
    recipients_at = lines.index("Nơi nhận:")
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    set_cell(header.cell(0, 0), [parent, body, "", number])
    set_cell(
        header.cell(0, 1),
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "",
            place,
        ],
    )
    start = lines.index("KẾ HOẠCH")
    paragraphs = "\n".join(lines[start:recipients_at]).split("\n\n")
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            if line.strip():
                add_marked_paragraph(document, line)
    tail = "\n".join(lines[recipients_at:])
    appendix_at = tail.find("Phụ lục")
    block, appendix = tail[:appendix_at], tail[appendix_at:]
    block_lines = [line for line in block.split("\n") if line.strip()]
    name = block_lines[-1]
    signature_at = next(i for i, line in enumerate(block_lines) if "**" in line)
    recipients = block_lines[:signature_at]
    signature = "\n".join(block_lines[signature_at:-1]).replace("**", "").split("\n")
    table = document.add_table(rows=1, cols=2)
    set_cell(table.cell(0, 0), recipients)
    set_cell(table.cell(0, 1), [*signature, "", "(Đã ký)", "", name])
    document.add_page_break()
    for line in appendix.split("\n"):
        if line.strip():
            document.add_paragraph(line)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


# -- PDF ----------------------------------------------------------------------------


def pdf_from_text(text: str, *, width: int = 95, per_page: int = 60) -> bytes:
    """A PDF whose text layer is ``text``, wrapped like a printed page.

    The standard Helvetica has no Vietnamese glyphs, so every character gets a
    one-byte code of its own and a ToUnicode CMap says which character it is:
    enough for a text layer (what the importer reads), not for printing.
    """
    lines = []
    for paragraph in text.split("\n"):
        lines += textwrap.wrap(paragraph, width) or [""]
    chars = sorted(set("".join(lines)) - set(map(chr, range(32, 127))))
    if len(chars) > 120:
        raise ValueError("too many distinct characters for a one-byte font")
    codes = {chr(c): c for c in range(32, 127)}
    codes.update({char: 128 + i for i, char in enumerate(chars)})
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    contents = []
    for page in pages:
        ops = ["BT /F1 9 Tf 12 TL 50 800 Td"]
        for line in page:
            encoded = bytes(codes[c] for c in line).hex()
            ops.append(f"<{encoded}> Tj T*")
        ops.append("ET")
        contents.append("\n".join(ops).encode("ascii"))
    return build_pdf(contents, to_unicode(codes))


def to_unicode(codes: dict) -> bytes:
    pairs = sorted((code, char) for char, code in codes.items())
    out = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <00> <FF> endcodespacerange",
    ]
    for i in range(0, len(pairs), 100):
        chunk = pairs[i : i + 100]
        out.append(f"{len(chunk)} beginbfchar")
        out += [f"<{code:02X}> <{ord(char):04X}>" for code, char in chunk]
        out.append("endbfchar")
    out.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    return "\n".join(out).encode("ascii")


def build_pdf(contents: list[bytes], cmap: bytes | None = None) -> bytes:
    """A minimal PDF: one page per content stream, font F1 = Helvetica."""
    count = len(contents)
    # objects: 1 catalog, 2 pages, 3 font, 4 cmap, then page/content pairs
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(count))
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
    font += b" /ToUnicode 4 0 R >>" if cmap else b" >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        font,
        _stream(cmap or b""),
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 3 0 R >> >>"
            + f" /Contents {6 + 2 * i} 0 R >>".encode()
        )
        objects.append(_stream(content))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"
