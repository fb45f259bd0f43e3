"""Files built to exhaust an importer, made at test time (none is committed).

Each is small on the wire and huge once inflated or parsed: the Word file of a
million one-word paragraphs, zip members that inflate to 500 MB (honestly
declared, and declared as 1 KB), billion laughs and deep nesting in XML, a huge
text file, a PDF whose pages share a stream that inflates to 70 MB.
"""

from importer_docs import docx_from_seed
from importer_docs import fixture_text

import functools
import io
import struct
import zipfile
import zlib


MB = 1024 * 1024
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = b"<w:p><w:r><w:t>ch\xe1\xbb\xaf</w:t></w:r></w:p>"  # "chữ"


@functools.cache
def seed_docx() -> bytes:
    return docx_from_seed(
        fixture_text("003_c6cfd6b9ad409e01.txt"),
        parent="UBND TỈNH BẮC GIANG",
        body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    )


def replace_part(data: bytes, name: str, write) -> bytes:
    """The .docx ``data`` with part ``name`` written by ``write(stream)``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            if item.filename == name:
                continue
            target.writestr(item, source.read(item.filename))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with target.open(info, "w", force_zip64=False) as stream:
            write(stream)
    return out.getvalue()


def seed_body() -> bytes:
    """The seed's document.xml without its closing ``</w:body></w:document>``."""
    with zipfile.ZipFile(io.BytesIO(seed_docx())) as package:
        xml = package.read("word/document.xml")
    end = xml.rindex(b"<w:sectPr")
    return xml[:end]


def oneword_docx(megabytes: int) -> bytes:
    """The seed plan followed by one-word paragraphs up to ``megabytes`` of XML."""
    block = PARAGRAPH * (MB // len(PARAGRAPH))

    def write(stream):
        stream.write(seed_body())
        for _ in range(megabytes):
            stream.write(block)
        stream.write(b"</w:body></w:document>")

    return replace_part(seed_docx(), "word/document.xml", write)


def zeros_docx(megabytes: int) -> bytes:
    """The seed with a picture of ``megabytes`` zeros (honestly declared)."""
    chunk = bytes(MB)

    def write(stream):
        for _ in range(megabytes):
            stream.write(chunk)

    return replace_part(seed_docx(), "word/media/image1.png", write)


def lying_docx(megabytes: int) -> bytes:
    """The seed whose document.xml inflates to ``megabytes`` but says 1 KB in the
    zip's directory and local header: only a check while inflating catches it."""
    body = seed_body()
    chunk = b" " * MB

    def write(stream):
        stream.write(body)
        for _ in range(megabytes):
            stream.write(chunk)
        stream.write(b"</w:body></w:document>")

    data = bytearray(replace_part(seed_docx(), "word/document.xml", write))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
        member = package.getinfo("word/document.xml")
    struct.pack_into("<I", data, member.header_offset + 22, 1024)
    directory = struct.unpack_from("<I", data, len(data) - 22 + 16)[0]
    at = directory
    while data[at : at + 4] == b"PK\x01\x02":
        size, extra, comment = struct.unpack_from("<HHH", data, at + 28)
        if data[at + 46 : at + 46 + size] == b"word/document.xml":
            struct.pack_into("<I", data, at + 24, 1024)
        at += 46 + size + extra + comment
    return bytes(data)


def laughs_docx() -> bytes:
    """The seed whose document.xml declares billion-laughs entities and uses them."""
    entities = ['<!ENTITY l0 "chữ chữ chữ chữ chữ">']
    entities += [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    doctype = f"<!DOCTYPE w:document [{''.join(entities)}]>".encode()
    body = seed_body()
    head = body[: body.index(b"?>") + 2] + doctype if b"?>" in body else doctype
    rest = body[body.index(b"?>") + 2 :] if b"?>" in body else body

    def write(stream):
        stream.write(head + rest)
        stream.write(b"<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>" * 10)
        stream.write(b"</w:body></w:document>")

    return replace_part(seed_docx(), "word/document.xml", write)


def nested_docx(depth: int = 100_000) -> bytes:
    """The seed with one table cell nested ``depth`` deep in document.xml."""
    body = seed_body()

    def write(stream):
        stream.write(body)
        stream.write(b"<w:tbl><w:tr><w:tc>" * depth)
        stream.write(b"</w:tc></w:tr></w:tbl>" * depth)
        stream.write(b"</w:body></w:document>")

    return replace_part(seed_docx(), "word/document.xml", write)


def huge_text(megabytes: int = 19) -> bytes:
    """The seed plan followed by one-word lines: ``megabytes`` of .txt."""
    seed = fixture_text("003_c6cfd6b9ad409e01.txt").encode("utf-8")
    line = "chữ\n".encode()
    return seed + line * ((megabytes * MB - len(seed)) // len(line))


def pdf_bomb(pages: int = 200, megabytes: int = 70) -> bytes:
    """A PDF of ``pages`` pages that all draw one FlateDecode stream of
    ``megabytes`` (a few text operators, then spaces)."""
    compressor = zlib.compressobj(9)
    text = b"BT /F1 9 Tf 50 800 Td (Ke hoach to chuc Thang hanh dong) Tj ET\n"
    stream = compressor.compress(text)
    chunk = b" " * MB
    for _ in range(megabytes):
        stream += compressor.compress(chunk)
    stream += compressor.flush()
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode()
        + stream
        + b"\nendstream",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources"
        b" << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
        b" >> >> /Contents 3 0 R >>"
    ] * pages
    out = bytearray(b"%PDF-1.4\n")
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


def long_paragraph_docx(megabytes: int) -> bytes:
    """The seed plan followed by one paragraph of ``megabytes`` of words."""
    words = "chữ ".encode() * (1024 * 1024 // 5)

    def write(stream):
        stream.write(seed_body())
        stream.write(b"<w:p><w:r><w:t>")
        for _ in range(megabytes):
            stream.write(words)
        stream.write(b"</w:t></w:r></w:p></w:body></w:document>")

    return replace_part(seed_docx(), "word/document.xml", write)


def many_lines_text(lines: int = 30_000) -> bytes:
    """The seed plan followed by ``lines`` one-word lines: small, but far more
    paragraphs than a plan has."""
    seed = fixture_text("003_c6cfd6b9ad409e01.txt").encode("utf-8")
    return seed + "chữ\n".encode() * lines
