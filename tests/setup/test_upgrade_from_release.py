"""A site of the last release, upgraded by the current code, loses nothing.

The released ``src/`` (commit ``f1fe9b4``, profile 1005) builds the demo site
with plans, reports, activities and slogans in every workflow state, issued
numbers, a local role and counted views in a FileStorage with blobs; then the
current code opens that storage, runs the add-on's upgrade steps, whatever they
are now, and finds every item with its fields, state, number and roles, the
department sequences, the groups, the same catalog answers and the counters,
and its pages render. Both sites run in their own process (``zconsole``).
"""

from pathlib import Path
from xml.etree import ElementTree

import json
import os
import pytest
import shutil
import subprocess
import sys


RELEASE = "f1fe9b4"
RELEASED_VERSION = ["1005"]
REPO = Path(__file__).resolve().parents[2]
HELPERS = Path(__file__).resolve().parent
ZCONSOLE = Path(sys.executable).parent / "zconsole"
EMPTY = (None, "", [], {})
METADATA = REPO / "src/collective/thdtre/profiles/default/metadata.xml"
ZOPE_CONF = """\
%define INSTANCE {home}
instancehome $INSTANCE
clienthome $INSTANCE/var
<zodb_db main>
   <filestorage>
     path $INSTANCE/var/Data.fs
     blob-dir $INSTANCE/var/blobstorage
   </filestorage>
   mount-point /
</zodb_db>
"""


def _released_src(home: Path) -> Path:
    if shutil.which("git") is None or shutil.which("tar") is None:
        pytest.skip("git and tar are needed to check out the released code")
    known = subprocess.run(
        ["git", "-C", str(REPO), "cat-file", "-e", f"{RELEASE}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if known.returncode:
        pytest.skip(f"commit {RELEASE} (the last release) is not in this clone")
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", RELEASE, "src"],
        capture_output=True,
        check=True,
    )
    old = home / "released"
    old.mkdir()
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
    return old / "src"


def _zconsole(home: Path, script: str, pythonpath: list[Path]):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("THDTRE_", "ZSERVER"))
    }
    environment.update(
        PYTHONPATH=os.pathsep.join(str(p) for p in pythonpath),
        THDTRE_RELEASE_DIR=str(home),
        THDTRE_RELEASE_SRC=str(pythonpath[0]),
    )
    done = subprocess.run(
        [str(ZCONSOLE), "run", str(home / "zope.conf"), str(HELPERS / script)],
        cwd=home,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, (
        f"{script}:\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """``(before, after)``: the released site's snapshot and the upgraded one's."""
    home = tmp_path_factory.mktemp("release")
    released = _released_src(home)
    (home / "var").mkdir()
    (home / "zope.conf").write_text(ZOPE_CONF.format(home=home))
    _zconsole(home, "release_build.py", [released, HELPERS])
    _zconsole(home, "release_upgrade.py", [HELPERS])
    before = json.loads((home / "before.json").read_text())
    after = json.loads((home / "after.json").read_text())
    return before, after, home


def current_version() -> str:
    return ElementTree.parse(METADATA).getroot().findtext("version").strip()


def test_each_site_ran_its_own_code(sites):
    before, after, home = sites

    assert before["code"].startswith(str(home / "released" / "src"))
    assert after["code"].startswith(str(REPO / "src"))
    assert before["version"] == RELEASED_VERSION


def test_the_profile_is_at_the_current_version_with_nothing_pending(sites):
    _before, after, _home = sites

    assert after["from"] == RELEASED_VERSION
    assert after["version"] == [current_version()]
    assert after["pending"] == []


def test_the_released_site_has_every_type_in_every_state(sites):
    before, _after, _home = sites
    seen = {(i["portal_type"], i["state"]) for i in before["content"].values()}

    for state in ("draft", "pending", "approved", "published"):
        assert ("Plan", state) in seen
    for state in ("draft", "pending", "approved"):
        assert ("Report", state) in seen
    assert {"Activity", "Slogan", "News Item"} <= {t for t, _s in seen}


def test_every_item_is_still_there_with_its_fields_and_state(sites):
    before, after, _home = sites
    lost, changed = [], []

    for path, item in before["content"].items():
        upgraded = after["content"].get(path)
        if upgraded is None:
            lost.append(path)
            continue
        for key in ("portal_type", "uid", "state", "local_roles"):
            if upgraded[key] != item[key]:
                changed.append((path, key, item[key], upgraded[key]))
        for name, value in item["fields"].items():
            # A step may fill what was empty (a report gets its plan's
            # department); what had a value keeps it.
            if value not in EMPTY and upgraded["fields"].get(name) != value:
                changed.append((path, name, value, upgraded["fields"].get(name)))
    assert lost == []
    assert changed == []
    assert len(after["content"]) == len(before["content"])


def test_numbers_sequences_groups_and_settings_are_kept(sites):
    before, after, _home = sites

    assert before["sequences"], "the released site issued no number"
    assert after["sequences"] == before["sequences"]
    assert after["groups"] == before["groups"]
    assert after["registry"]["departments"] == before["registry"]["departments"]


def test_the_catalog_answers_the_same_queries(sites):
    """The same items by type and state; the other queries find all they found
    (more only where a step filled an empty field, e.g. a report's department)."""
    before, after, _home = sites
    answers = {json.dumps(a["query"], sort_keys=True): a for a in after["catalog"]}

    for answer in before["catalog"]:
        found = answers[json.dumps(answer["query"], sort_keys=True)]["paths"]
        if {"portal_type", "review_state"} & set(answer["query"]):
            assert found == answer["paths"], answer["query"]
        else:
            assert set(answer["paths"]) <= set(found), answer["query"]


def test_the_counters_are_kept(sites):
    before, after, _home = sites

    assert any(before["counters"]["views"].values())
    assert after["counters"] == before["counters"]


def test_the_pages_render(sites):
    _before, after, _home = sites
    broken = [p for p in after["pages"] if p["status"] != 200 or not p["found"]]

    assert len(after["pages"]) > 10
    assert broken == []
