"""The limits every import runs under, in one place.

A document is read and parsed in a child process (``sandbox``), so that a file
built to exhaust the server (a zip bomb, a Word file of a million one-word
paragraphs, a PDF whose streams inflate to gigabytes) costs the Zope process
nothing but the wait, and the wait is bounded. The readers check the sizes and
counts below as early as they can (a .docx from its zip directory, before
anything is inflated); the child's address space and CPU time are capped by the
kernel, and the parent kills it when ``MAX_SECONDS`` have passed.

Pure Python, nothing of Plone: the console script and the tests use it too.
"""

import resource


# The upload itself (the control panel's "import_max_mb" may lower it).
MAX_BYTES = 20 * 1024 * 1024
# A .docx: all its parts inflated, one XML part inflated, how many parts.
MAX_INFLATED = 100 * 1024 * 1024
MAX_XML_PART = 25 * 1024 * 1024
MAX_PARTS = 2000
# XML elements in one part of a .docx (a plan of 200 pages has about 300,000).
MAX_XML_ELEMENTS = 2_000_000
# The text read from any format: characters, and paragraphs (non-empty lines).
# A 200-page plan has about 600,000 characters and 10,000 lines.
MAX_CHARS = 2_000_000
MAX_PARAGRAPHS = 20_000
# The child process: wall-clock seconds before it is killed, CPU seconds, and
# address space (virtual memory, which is more than it ever holds at once).
MAX_SECONDS = 20
MAX_CPU_SECONDS = 20
MAX_MEMORY = 1536 * 1024 * 1024


def restrict(*, memory: int = MAX_MEMORY, cpu_seconds: int = MAX_CPU_SECONDS) -> None:
    """Cap this process's address space and CPU time (the child calls it first).

    Only the soft limits are lowered: the OCR tools the child starts set their
    own address-space limit with ``prlimit``, which a lower hard limit forbids.
    """
    for kind, value in (
        (resource.RLIMIT_AS, memory),
        (resource.RLIMIT_CPU, cpu_seconds),
    ):
        _soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(kind, (value, hard))
