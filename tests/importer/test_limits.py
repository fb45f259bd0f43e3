"""Issue 14, finding 2: a file built to exhaust the importer is refused within
30 s with a message, the Zope process grows by less than 300 MB, and nothing is
created. The bombs are made at test time (bombs.py); the import runs as the form
and the REST service run it (``load.import_document`` in a Plone site).
"""

from bombs import huge_text
from bombs import laughs_docx
from bombs import long_paragraph_docx
from bombs import lying_docx
from bombs import many_lines_text
from bombs import nested_docx
from bombs import oneword_docx
from bombs import pdf_bomb
from bombs import seed_docx
from bombs import zeros_docx
from collective.thdtre.errors import ImportRefused
from collective.thdtre.importer import sandbox
from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.parse import ParseError
from importer_docs import fixture_bytes
from plone import api
from zope.i18n import translate

import pytest
import time


MB = 1024 * 1024
SECONDS = 30
GROWTH = 300 * MB

BOMBS = {
    # name: (builder, codes it may be refused with)
    "oneword-52mb.docx": (lambda: oneword_docx(52), {"docx_too_large"}),
    "oneword-20mb.docx": (lambda: oneword_docx(20), {"too_long"}),
    "zeros-500mb.docx": (lambda: zeros_docx(500), {"docx_too_large"}),
    "lying-500mb.docx": (lambda: lying_docx(500), {"damaged_docx"}),
    "laughs.docx": (laughs_docx, {"damaged_docx"}),
    "nested.docx": (nested_docx, {"damaged_docx"}),
    "huge.txt": (huge_text, {"too_much_text"}),
    "many-lines.txt": (many_lines_text, {"too_long"}),
    "bomb.pdf": (pdf_bomb, {"too_slow", "too_much_memory", "damaged_pdf"}),
}


def _status(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise LookupError(field)


class Measure:
    """Seconds and the growth of this process's peak memory over a block."""

    def __enter__(self):
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")  # the peak (VmHWM) starts again from the current RSS
        self.rss = _status("VmRSS")
        self.start = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.seconds = time.monotonic() - self.start
        self.growth = _status("VmHWM") - self.rss


@pytest.fixture(scope="session")
def _keep_integration_session(request):
    """One Plone site for the module (tests/importer's conftest keeps none)."""
    request.getfixturevalue("integration_session")


@pytest.fixture
def folder(portal):
    with api.env.adopt_roles(["Manager"]):
        yield api.content.create(
            container=portal, type="Folder", id="bombs", title="Bombs"
        )


def plans(portal) -> int:
    return len(api.content.find(context=portal, portal_type=["Plan", "News Item"]))


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_bomb_is_refused_quickly_in_bounded_memory(portal, folder, name):
    from collective.thdtre.importer.load import import_document

    build, codes = BOMBS[name]
    data = build()
    assert len(data) < 20 * MB
    before = plans(portal)
    with api.env.adopt_roles(["Manager"]), Measure() as measure:
        with pytest.raises(ImportRefused) as info:
            import_document(container=folder, filename=name, data=data)
    assert info.value.code in codes
    message = translate(info.value.args[0], context=portal.REQUEST)
    assert len(message) > 20 and "${" not in message
    assert measure.seconds < SECONDS, (name, measure.seconds)
    assert measure.growth < GROWTH, (name, measure.growth // MB)
    assert plans(portal) == before
    assert folder.objectIds() == []


def test_the_seed_docx_still_imports_through_the_child(portal, folder):
    from collective.thdtre.importer.load import import_document

    with api.env.adopt_roles(["Manager"]):
        result, plan = import_document(
            container=folder, filename="plan.docx", data=seed_docx()
        )
    assert plan.number == 63
    assert len(plan.objectIds()) > 5


def test_the_child_gives_what_the_parser_gives():
    data = seed_docx()
    assert sandbox.parse_document("plan.docx", data) == parse_document(
        "plan.docx", data
    )


def test_the_child_is_killed_when_its_time_is_up():
    start = time.monotonic()
    with pytest.raises(ParseError) as info:
        sandbox.parse_document("plan.docx", seed_docx(), seconds=0.05)
    assert info.value.code == "too_slow"
    assert time.monotonic() - start < 5


def test_the_child_stops_at_its_memory_limit():
    data = long_paragraph_docx(20)  # the seed's parse needs less than 64 MB
    with pytest.raises(ParseError) as info:
        sandbox.parse_document("plan.docx", data, memory=64 * MB)
    assert info.value.code == "too_much_memory"


@pytest.mark.parametrize(
    "name, code",
    [
        ("oneword-20mb.docx", "too_long"),
        ("huge.txt", "too_much_text"),
        ("many-lines.txt", "too_long"),
        ("laughs.docx", "damaged_docx"),
        ("lying-500mb.docx", "damaged_docx"),
    ],
)
def test_the_pure_parser_refuses_the_bombs_itself(name, code):
    """Callers without the child (the console script) get the same refusals."""
    with pytest.raises(ParseError) as info:
        parse_document(name, BOMBS[name][0]())
    assert info.value.code == code


def test_blank_lines_padding_a_plan_cost_nothing():
    """1.5 MB of blank lines took the parser 23 s: runs of them are cut to three."""
    seed = fixture_bytes("003_c6cfd6b9ad409e01.txt")
    start = time.monotonic()
    padded = parse_document("plan.txt", seed + b"\n" * 1_500_000)
    assert time.monotonic() - start < 2
    assert padded == parse_document("plan.txt", seed)
