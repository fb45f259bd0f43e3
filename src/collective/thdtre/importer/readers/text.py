"""Plain text (.txt, .md): the encoding found, the bytes decoded.

Bounded by the upload size, and by ``limits.MAX_CHARS`` before anything is
decoded (no encoding takes more than four bytes a character): decoding and
checking are linear and run in C.
"""

from collective.thdtre.importer.readers.base import ParseError

import re


TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown")


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16/32 with a BOM, else Windows-1258."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec))
            except UnicodeDecodeError:
                raise ParseError("bad_encoding") from None
    codec = _bomless_utf16(data)
    if codec:
        try:
            return _check_text(data.decode(codec))
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise ParseError("binary")
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        return _check_text(data.decode("cp1258"))
    except UnicodeDecodeError:
        raise ParseError("bad_encoding") from None


def _bomless_utf16(data: bytes) -> str | None:
    # Notepad's "Unicode" without a BOM: every other byte of ASCII text is NUL.
    sample = data[:4000]
    half = len(sample) // 2
    if half < 8:
        return None
    odd = sample[1::2].count(0) / half
    even = sample[0::2].count(0) / half
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


# Unicode's control characters (category Cc) but the line and page breaks and tab.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _check_text(text: str) -> str:
    if "\x00" in text:
        raise ParseError("binary")
    # A regular expression, not a loop over the characters: seconds on a big file.
    controls = len(CONTROLS.findall(text))
    if text and controls / len(text) > 0.01:
        raise ParseError("binary")
    return text
