"""Read and parse a document in a child process, under the limits of ``limits``.

The Zope process is threaded and holds the ZODB cache: a parse that runs away
(a zip bomb, a million paragraphs, a PDF whose streams inflate to gigabytes)
must cost it neither memory nor a worker for long. So ``parse_document`` starts
``python -m collective.thdtre.importer.sandbox`` (a new interpreter, not a fork
of the threaded process), sends the file on its standard input and reads the
parse as JSON from its standard output. The child caps its own address space and
CPU time before it reads anything; the parent kills it, and whatever it started
(OCR tools), when ``MAX_SECONDS`` have passed. Every way the child can fail is a
``ParseError`` with a code the user's message is made from.

Pure Python, nothing of Plone: the parser is the same ``parse.parse_document``.
"""

from collective.thdtre.importer.limits import MAX_BYTES
from collective.thdtre.importer.limits import MAX_CPU_SECONDS
from collective.thdtre.importer.limits import MAX_MEMORY
from collective.thdtre.importer.limits import MAX_SECONDS
from collective.thdtre.importer.limits import restrict
from collective.thdtre.importer.readers.base import ParseError

import argparse
import json
import logging
import os
import signal
import subprocess
import sys


logger = logging.getLogger("collective.thdtre.importer")

# The child's exit status when Python ran out of its address space.
NO_MEMORY = 3


def parse_document(
    filename: str,
    data: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    seconds: float = MAX_SECONDS,
    memory: int = MAX_MEMORY,
    cpu_seconds: int = MAX_CPU_SECONDS,
) -> dict:
    """``parse.parse_document`` run in a child process; ``ParseError`` on refusal."""
    if len(data) > max_bytes:  # no child for what the reader would refuse first
        from collective.thdtre.importer.readers.base import megabytes

        raise ParseError("too_large", limit_mb=megabytes(max_bytes))
    command = [
        sys.executable, "-P", "-m", __name__, "--filename", filename or "",
        "--max-bytes", str(max_bytes), "--memory", str(memory),
        "--cpu-seconds", str(cpu_seconds),
    ]  # fmt: skip
    child = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
        cwd="/",
        start_new_session=True,  # its own process group: killed with its OCR tools
    )
    try:
        out, err = child.communicate(data, timeout=seconds)
    except subprocess.TimeoutExpired:
        _kill(child)
        raise ParseError("too_slow", seconds=_whole(seconds)) from None
    except BaseException:
        _kill(child)
        raise
    finally:
        _kill_group(child)
    return _answer(child.returncode, out, err, seconds)


def _answer(returncode: int, out: bytes, err: bytes, seconds: float) -> dict:
    if returncode == 0:
        try:
            answer = json.loads(out)
        except ValueError:
            answer = None
        if isinstance(answer, dict) and "parsed" in answer:
            return answer["parsed"]
        if isinstance(answer, dict) and "error" in answer:
            error = answer["error"]
            raise ParseError(error["code"], **error.get("mapping", {}))
    if returncode == NO_MEMORY or returncode == -signal.SIGKILL:
        raise ParseError("too_much_memory")
    if returncode in (-signal.SIGXCPU, -signal.SIGTERM):
        raise ParseError("too_slow", seconds=_whole(seconds))
    logger.error(
        "The import's child process failed (status %s): %s",
        returncode,
        err.decode("utf-8", "replace")[-2000:],
    )
    raise ParseError("unreadable")


def _environment() -> dict:
    """The parent's environment, and its module path (buildout puts it in scripts)."""
    environment = dict(os.environ)
    paths = [path for path in sys.path if path and os.path.isdir(path)]
    environment["PYTHONPATH"] = os.pathsep.join(paths)
    environment["OMP_THREAD_LIMIT"] = "1"
    return environment


def _kill(child: subprocess.Popen) -> None:
    _kill_group(child)
    child.kill()
    child.communicate()


def _kill_group(child: subprocess.Popen) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _whole(seconds: float) -> int | float:
    return int(seconds) if float(seconds).is_integer() else seconds


def main(argv=None) -> int:
    """The child: limits first, then the file from stdin, the parse to stdout."""
    arguments = argparse.ArgumentParser(prog="collective.thdtre.importer.sandbox")
    arguments.add_argument("--filename", default="")
    arguments.add_argument("--max-bytes", type=int, default=MAX_BYTES)
    arguments.add_argument("--memory", type=int, default=MAX_MEMORY)
    arguments.add_argument("--cpu-seconds", type=int, default=MAX_CPU_SECONDS)
    args = arguments.parse_args(argv)
    restrict(memory=args.memory, cpu_seconds=args.cpu_seconds)
    try:
        from collective.thdtre.importer.parse import parse_document as parse

        data = sys.stdin.buffer.read(args.max_bytes + 1)
        answer = {"parsed": parse(args.filename, data, max_bytes=args.max_bytes)}
    except ParseError as error:
        answer = {"error": {"code": error.code, "mapping": error.mapping}}
    except MemoryError:
        return NO_MEMORY
    try:
        out = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    except MemoryError:
        return NO_MEMORY
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
