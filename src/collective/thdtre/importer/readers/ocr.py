"""Scanned PDFs: Debian's Tesseract (Vietnamese model) reads the page images.

Run only for a PDF without a text layer (``pdf.read_pdf`` decides). Each page is
turned into a grey image by poppler's ``pdftoppm`` and read by ``tesseract``, both
as subprocesses, so that every page is bounded: in time (``PAGE_SECONDS``, the
process is killed after it), in memory (an address-space limit through util-linux'
``prlimit`` and a fixed largest image, whatever size the PDF says its page is)
and in count (``MAX_PAGES``). ``scripts/ensure_ocr.sh`` installs the tools.
"""

from collective.thdtre.importer.readers.base import ParseError
from concurrent.futures import ThreadPoolExecutor

import functools
import os
import shutil
import subprocess
import tempfile
import time


LANGUAGE = "vie"
MAX_PAGES = 10
PAGE_SECONDS = 15
# Asking Tesseract for its languages (once a process): not a page's time limit,
# which a test or an operator may set very short.
CHECK_SECONDS = 15
# The longest side of a page image: A4 at 300 dpi, Tesseract's best resolution.
MAX_PIXELS = 3508
MEMORY_BYTES = 1024 * 1024 * 1024


@functools.cache
def available() -> bool:
    """True when ``pdftoppm`` and ``tesseract`` with the Vietnamese model are here."""
    if not (shutil.which("pdftoppm") and shutil.which("tesseract")):
        return False
    try:
        languages = subprocess.run(
            ["tesseract", "--list-langs"],
            capture_output=True,
            text=True,
            timeout=CHECK_SECONDS,
            check=False,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in languages


def read_scan(
    data: bytes,
    *,
    pages: int,
    max_pages: int | None = None,
    page_seconds: float | None = None,
) -> list[str]:
    """The text of each page of the scanned PDF ``data``, in page order."""
    max_pages = MAX_PAGES if max_pages is None else max_pages
    page_seconds = PAGE_SECONDS if page_seconds is None else page_seconds
    if pages > max_pages:
        raise ParseError("too_many_pages", pages=pages, limit=max_pages)
    with tempfile.TemporaryDirectory(prefix="thdtre-ocr-") as folder:
        source = os.path.join(folder, "scan.pdf")
        with open(source, "wb") as stream:
            stream.write(data)
        read = functools.partial(
            read_page, source=source, folder=folder, seconds=page_seconds
        )
        # One page a core: Tesseract runs single-threaded (OMP_THREAD_LIMIT=1),
        # which on a small machine is faster than its own threads on one page.
        workers = max(1, min(pages, os.cpu_count() or 1))
        pool = ThreadPoolExecutor(max_workers=workers)
        try:
            return list(pool.map(read, range(1, pages + 1)))
        finally:
            # A page that failed fails the document: start no other page.
            pool.shutdown(wait=True, cancel_futures=True)


def read_page(page: int, *, source: str, folder: str, seconds: float) -> str:
    """Page ``page`` (from 1) of the PDF at ``source``, rendered and recognised."""
    deadline = time.monotonic() + seconds
    prefix = os.path.join(folder, f"page-{page}")
    run(
        [
            "pdftoppm", "-f", str(page), "-l", str(page), "-singlefile",
            "-gray", "-scale-to", str(MAX_PIXELS), source, prefix,
        ],
        page=page, seconds=seconds, deadline=deadline,
    )  # fmt: skip
    image = prefix + ".pgm"  # uncompressed: PNG's compression costs seconds
    if not os.path.exists(image):
        raise ParseError("damaged_pdf")
    text = run(
        ["tesseract", image, "stdout", "-l", LANGUAGE, "--psm", "3"],
        page=page, seconds=seconds, deadline=deadline,
    )  # fmt: skip
    os.remove(image)
    return text


def run(command: list[str], *, page: int, seconds: float, deadline: float) -> str:
    """Run one tool under the page's time and memory limits; its standard output."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise ParseError("ocr_timeout", page=page, seconds=seconds)
    limit = shutil.which("prlimit")
    if limit:
        command = [limit, f"--as={MEMORY_BYTES}", "--", *command]
    environment = dict(os.environ, OMP_THREAD_LIMIT="1", LC_ALL="C.UTF-8")
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            timeout=left,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed it
        raise ParseError("ocr_timeout", page=page, seconds=seconds) from None
    except OSError:
        raise ParseError("ocr_missing") from None
    if done.returncode != 0:
        # poppler and Tesseract fail on a page they cannot decode or that runs
        # out of its memory: to the editor, a damaged PDF.
        raise ParseError("damaged_pdf")
    return done.stdout.decode("utf-8", "replace")
