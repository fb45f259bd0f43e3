"""The add-on as other people's sites get it: from its wheel, into plain Plone.

Builds the wheel and the sdist, checks that they hold every file of ``src/``
and that their metadata passes ``twine check``, installs the wheel (not
editable) into a fresh virtualenv with plain Plone from the pins, and drives
two existing sites (one with plone.app.multilingual) through install, content,
uninstall and reinstall, with zconsole for the steps and a real Zope (runwsgi)
for what visitors and editors request. About two minutes.
"""

from pathlib import Path

import json
import os
import pytest
import re
import requests
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile


ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SITES = ("Existing", "Multi")
PLONE = ["Products.CMFPlone", "plone.classicui", "plone.app.multilingual"]

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs the git checkout (the wheel is compared with git ls-files src)",
)


def run(*args, **kwargs):
    kwargs.setdefault("check", True)
    kwargs.setdefault("cwd", ROOT)
    return subprocess.run(args, capture_output=True, text=True, **kwargs)  # noqa: S603


def uv() -> str:
    return str(Path(sys.executable).with_name("uv"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class World:
    """The built distributions, the plain-Plone virtualenv and its Zope instance."""

    def __init__(self, base: Path):
        self.base = base
        self.dist = base / "dist"
        self.venv = base / "venv"
        self.instance = base / "instance"
        self.out = base / "out"
        self.out.mkdir()

    @property
    def wheel(self) -> Path:
        return next(self.dist.glob("*.whl"))

    @property
    def sdist(self) -> Path:
        return next(self.dist.glob("*.tar.gz"))

    def build(self):
        run(
            uv(),
            "build",
            "--build-constraint",
            "constraints.txt",
            "-o",
            str(self.dist),
            ".",
        )

    def install(self):
        run(uv(), "venv", "-q", "-p", sys.executable, str(self.venv))
        run(
            uv(),
            "pip",
            "install",
            "-q",
            "-p",
            str(self.venv / "bin" / "python"),
            "-c",
            "constraints.txt",
            *PLONE,
            str(self.wheel),
        )
        run(
            str(self.venv / "bin" / "mkwsgiinstance"),
            "-d",
            str(self.instance),
            "-u",
            "admin:admin",
        )

    def step(self, name: str) -> dict:
        env = dict(
            os.environ,
            THDTRE_STEP=name,
            THDTRE_OUT=str(self.out),
            THDTRE_HERE=str(HERE),
        )
        result = run(
            str(self.venv / "bin" / "zconsole"),
            "run",
            str(self.instance / "etc" / "zope.conf"),
            str(HERE / "wheelsite.py"),
            env=env,
            check=False,
            cwd=self.base,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return json.loads((self.out / f"{name}.json").read_text())

    def dump(self, label: str, site: str) -> dict:
        return json.loads((self.out / f"{label}-{site}.json").read_text())


class Zope:
    """runwsgi on a free port of 127.0.0.1, stopped by its PID."""

    def __init__(self, world: World):
        self.world = world
        self.port = free_port()
        self.process = None

    def __enter__(self):
        etc = self.world.instance / "etc"
        ini = etc / "zope-test.ini"
        text = (etc / "zope.ini").read_text()
        assert "host = 127.0.0.1" in text
        ini.write_text(text.replace("port = 8080", f"port = {self.port}"))
        self.log = open(self.world.base / "zope.log", "a")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [str(self.world.venv / "bin" / "runwsgi"), str(ini)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=self.world.base,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                requests.get(self.url("/"), timeout=5)
                return self
            except requests.ConnectionError:
                assert self.process.poll() is None, "Zope stopped while starting"
                time.sleep(0.5)
        raise AssertionError("Zope did not start in 90 s")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str, *, auth=None, **kwargs):
        auth = ("admin", "admin") if auth == "admin" else auth
        return requests.get(
            self.url(path), auth=auth, timeout=60, allow_redirects=False, **kwargs
        )


def answers(zope: Zope, plans: dict) -> dict:
    """What visitors, editors and REST clients get, per site: comparable answers."""
    seen = {}
    for site, plan in plans.items():
        root = plan.rsplit("/ke-hoach/", 1)[0]
        pages = {
            "anon plan": (plan, None),
            "anon draft": (root + "/ke-hoach/so-tu-phap/du-thao", None),
            "anon archive": (root + "/@@thdtre-plans", None),
            "anon slogans": (root + "/@@thdtre-slogans", None),
            "anon calendar": (root + "/@@thdtre-calendar?year=2024&month=6", None),
            "anon activity": (plan + "/le-phat-dong", None),
            "admin dashboard": (plan + "/@@thdtre-dashboard", "admin"),
            "admin docx": (plan + "/@@export-docx", "admin"),
            "admin settings": (f"/{site}/@@thdtre-settings", "admin"),
        }
        for name in ("", "/le-phat-dong", "/khau-hieu-1", "/bao-cao"):
            pages[f"admin history {name or 'plan'}"] = (
                plan + name + "/@@history",
                "admin",
            )
        for key, (path, auth) in pages.items():
            response = zope.get(path, auth=auth)
            text = (
                response.text
                if "html" in response.headers.get("content-type", "")
                else ""
            )
            seen[f"{site} {key}"] = {
                "status": response.status_code,
                "shows number": "1/KH-STP" in text,
                "shows plan": "năm 2024" in text,
            }
        rest = zope.get(
            f"/{site}/++api++/@search",
            auth="admin",
            params={
                "portal_type": "Plan",
                "metadata_fields": ["document_number", "department", "year"],
                "sort_on": "path",
            },
            headers={"Accept": "application/json"},
        )
        seen[f"{site} rest search"] = {
            "status": rest.status_code,
            "items": [
                [
                    i["@id"].split(f"/{site}", 1)[1],
                    i.get("document_number"),
                    i.get("department"),
                    i.get("year"),
                ]
                for i in rest.json().get("items", [])
            ]
            if rest.status_code == 200
            else None,
        }
        departments = zope.get(
            f"/{site}/++api++/@thdtre-departments",
            auth="admin",
            headers={"Accept": "application/json"},
        )
        seen[f"{site} rest departments"] = {
            "status": departments.status_code,
            "ids": sorted(d["id"] for d in departments.json().get("items", []))
            if departments.status_code == 200
            else None,
        }
    return seen


def multilingual_answers(zope: Zope, seen: dict) -> dict:
    """Pages of the English and Vietnamese halves of the Multi site."""
    english = seen["Multi"]["translation"]
    result = {}
    for key, path, auth in (
        ("en archive", "/Multi/en/@@thdtre-plans", None),
        ("vi archive", "/Multi/vi/@@thdtre-plans", None),
        ("en slogans", "/Multi/en/@@thdtre-slogans", None),
        ("vi slogans", "/Multi/vi/@@thdtre-slogans", None),
        ("en plan", english, None),
        ("en history", english + "/@@history", "admin"),
    ):
        response = zope.get(path, auth=auth)
        result[key] = {
            "status": response.status_code,
            "english title": "Action Month for Children 2024" in response.text,
            "vietnamese title": "Tổ chức Tháng hành động vì trẻ em năm 2024"
            in response.text,
            "slogan": "Trẻ em hôm nay, thế giới ngày mai" in response.text,
            "number": "1/KH-STP" in response.text,
        }
    return result


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    world = World(tmp_path_factory.mktemp("wheel"))
    world.build()
    world.install()
    world.seen = {"existing": world.step("existing"), "install": world.step("install")}
    plans = {site: world.seen["install"][site]["plan"] for site in SITES}
    world.seen["multilingual"] = world.step("multilingual")
    with Zope(world) as zope:
        world.seen["answers installed"] = answers(zope, plans)
        world.seen["answers multilingual"] = multilingual_answers(
            zope, world.seen["multilingual"]
        )
    world.seen["uninstall"] = world.step("uninstall")
    with Zope(world) as zope:
        world.seen["answers uninstalled"] = answers(zope, plans)
    world.seen["reinstall"] = world.step("reinstall")
    with Zope(world) as zope:
        world.seen["answers reinstalled"] = answers(zope, plans)
    # For whoever reads a failure: everything observed, next to the dumps.
    (world.out / "seen.json").write_text(json.dumps(world.seen, indent=1))
    return world


# What installing may add or change: the add-on's own entries, as README's
# "What installing changes" lists them. Anything else is a change to the site.
TYPES = ("Plan", "Activity", "Slogan", "Report", "Appendix")
OWN_KEYS = re.compile(
    "|".join(
        (
            r"registry:collective\.thdtre\.",
            r"registry:plone\.icon\.contenttype/(plan|activity|slogan|report)$",
            r"registry:plone\.bundles/collective-thdtre\.",
            r"permission:collective\.thdtre: ",
            rf"type:({'|'.join(TYPES)})$",
            rf"workflow-chain:({'|'.join(TYPES)})$",
            rf"versioning:({'|'.join(TYPES)})$",
            rf"(content|localroles):/portal_types/({'|'.join(TYPES)})$",
            r"(content|localroles):/portal_workflow/thdtre_workflow(/|$)",
            r"(content|localroles|action):/portal_actions/(object_buttons|portal_tabs|user)/thdtre_",
            r"action:/object_buttons/thdtre_",
            r"action:/(portal_tabs|user)/thdtre_",
            r"configlet:thdtre-settings$",
            r"group:thdtre-publishers$",
            r"profile:collective\.thdtre:default$",
        )
    )
)


def catalog_names() -> set:
    text = (ROOT / "src/collective/thdtre/profiles/default/catalog.xml").read_text()
    indexes = re.findall(r'<index\b[^>]*\bname="([^"]+)"', text)
    return set(indexes) | set(re.findall(r'<column value="([^"]+)"', text))


OWN_MEMBERS = {
    "roles:": lambda: {"Thdtre Editor", "Thdtre Approver", "Thdtre Publisher"},
    "browser-layers:": lambda: {"collective.thdtre.interfaces.IBrowserLayer"},
    "workflows:": lambda: {"thdtre_workflow"},
    "catalog-indexes:": catalog_names,
    "catalog-columns:": catalog_names,
    "local-utilities:": lambda: {
        *(f"plone.dexterity.interfaces.IDexterityFTI:{t}" for t in TYPES),
        *(f"zope.component.interfaces.IFactory:{t}" for t in TYPES),
        "plone.browserlayer.interfaces.ILocalBrowserLayerType:collective.thdtre",
    },
}
# The front page is offered as a display view of the site and of folders.
FRONT_PAGE_TYPES = ("type:Plone Site", "type:Folder")
NEWS_BEHAVIORS = {
    "collective.thdtre.related_plan",
    "collective.thdtre.original_document",
}


def foreign_changes(before: dict, after: dict) -> list:
    """Differences between two dumps that are not the add-on's own entries."""
    foreign = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new or OWN_KEYS.match(key):
            continue
        if key in OWN_MEMBERS and old is not None and new is not None:
            added = set(json.loads(new)) - set(json.loads(old))
            removed = set(json.loads(old)) - set(json.loads(new))
            if not removed and added <= OWN_MEMBERS[key]():
                continue
        if key == "type:News Item" and old is not None and new is not None:
            old_fti, new_fti = json.loads(old), json.loads(new)
            behaviors = set(new_fti["behaviors"]) - set(old_fti["behaviors"])
            old_fti["behaviors"] = new_fti["behaviors"] = []
            if old_fti == new_fti and behaviors == NEWS_BEHAVIORS:
                continue
        if key in FRONT_PAGE_TYPES and old is not None and new is not None:
            old_fti, new_fti = json.loads(old), json.loads(new)
            added = new_fti.pop("view_methods")
            if old_fti.pop("view_methods") + ["thdtre-home"] == added:
                if old_fti == new_fti:
                    continue
        foreign.append(f"{key}: {old} -> {new}"[:400])
    return foreign


def source_files() -> set:
    """The files of src/ a build sees: tracked, or new and not ignored."""
    listed = run("git", "ls-files", "--cached", "--others", "--exclude-standard", "src")
    return {p for p in listed.stdout.split() if (ROOT / p).is_file()}


def test_the_wheel_holds_every_file_of_src(world):
    tracked = source_files()
    with zipfile.ZipFile(world.wheel) as wheel:
        names = {f"src/{n}" for n in wheel.namelist() if ".dist-info/" not in n}
    assert tracked - names == set()
    assert names - tracked == set()
    for kind in (".py", ".pt", ".zcml", ".xml", ".po", ".mo", ".json", ".css", ".js"):
        assert any(n.endswith(kind) for n in names), kind


def test_the_sdist_holds_every_file_of_src(world):
    import tarfile

    tracked = source_files()
    with tarfile.open(world.sdist) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    assert tracked - names == set()
    assert {"setup.py", "README.md", "CHANGES.md", "LICENSE"} <= names


def test_the_metadata_passes_twine_check(world):
    twine = Path(sys.executable).with_name("twine")
    result = run(str(twine), "check", "--strict", str(world.wheel), str(world.sdist))
    assert "PASSED" in result.stdout
    with zipfile.ZipFile(world.wheel) as wheel:
        meta = next(n for n in wheel.namelist() if n.endswith("METADATA"))
        metadata = wheel.read(meta).decode()
    assert "License-Expression: GPL-2.0-only" in metadata
    assert "Classifier: Framework :: Plone :: 6.2" in metadata
    assert "Classifier: Programming Language :: Python :: 3.11" in metadata
    assert "Project-URL: Source" in metadata
    version = re.search(r"^Version: (.+)$", metadata, re.M).group(1)
    init = (ROOT / "src/collective/thdtre/__init__.py").read_text()
    assert f'__version__ = "{version}"' in init


def test_the_wheel_is_installed_not_the_checkout(world):
    python = world.venv / "bin" / "python"
    where = run(
        str(python), "-c", "import collective.thdtre as m; print(m.__file__)"
    ).stdout
    assert str(world.venv) in where
    assert str(ROOT) not in where


@pytest.mark.parametrize("site", SITES)
def test_install_changes_only_what_the_addon_owns(world, site):
    assert world.seen["install"][site]["installed"] is True
    before = world.dump("existing", site)
    after = world.dump("installed", site)
    assert foreign_changes(before, after) == []


@pytest.mark.parametrize("site", SITES)
def test_install_widens_nothing_for_anonymous_and_forces_no_rest_or_caching(
    world, site
):
    after = world.dump("installed", site)
    assert "pas-plugin:jwt_auth" not in after
    assert "profile:plone.restapi:default" not in after
    assert "profile:plone.app.caching:default" not in after
    assert "configlet:plone.app.caching" not in after
    before = world.dump("existing", site)
    for key, value in after.items():
        if key.startswith("permission:") and key in before:
            anonymous_before = "Anonymous" in json.loads(before[key])["roles"]
            anonymous_after = "Anonymous" in json.loads(value)["roles"]
            assert anonymous_after == anonymous_before, key


@pytest.mark.parametrize("site", SITES)
def test_the_four_types_and_the_main_views_answer(world, site):
    seen = world.seen["answers installed"]
    assert world.seen["install"][site]["document_number"] == "1/KH-STP"
    assert seen[f"{site} anon plan"] == {
        "status": 200,
        "shows number": True,
        "shows plan": True,
    }
    assert seen[f"{site} anon draft"]["status"] in (302, 401)
    for key in ("anon archive", "anon activity"):
        assert seen[f"{site} {key}"]["status"] == 200, key
        assert seen[f"{site} {key}"]["shows plan"], key
    for key in (
        "anon slogans",
        "anon calendar",
        "admin dashboard",
        "admin docx",
        "admin settings",
    ):
        assert seen[f"{site} {key}"]["status"] == 200, key
    assert seen[f"{site} rest departments"] == {"status": 200, "ids": ["so-tu-phap"]}
    items = seen[f"{site} rest search"]["items"]
    expected = [
        ["/KH-STP", "so-tu-phap", 2025],
        ["1/KH-STP", "so-tu-phap", 2024],
    ]
    if site == "Multi":  # and its English translation, first by path
        expected.insert(0, ["1/KH-STP", "so-tu-phap", 2024])
    assert [i[1:] for i in items] == expected


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("part", ["plan", "/le-phat-dong", "/khau-hieu-1", "/bao-cao"])
def test_history_answers_on_every_type(world, site, part):
    seen = world.seen["answers installed"][f"{site} admin history {part}"]
    assert seen["status"] == 200


def test_multilingual_site_has_department_folders_in_each_language(world):
    seen = world.seen["multilingual"]["Multi"]
    assert seen["department folders"] == [
        "/Multi/en/ke-hoach/so-tu-phap",
        "/Multi/vi/ke-hoach/so-tu-phap",
    ]
    assert "plone.translatable" in seen["behaviors"]


def test_a_translated_plan_keeps_number_department_and_workflow_rules(world):
    seen = world.seen["multilingual"]["Multi"]
    assert seen["translation"] == "/Multi/en/ke-hoach/so-tu-phap/ke-hoach-2024"
    assert seen["document_number"] == "1/KH-STP"
    assert seen["department"] == "so-tu-phap"
    assert seen["state"] == "draft"
    assert seen["editor may modify"] is True
    assert seen["other user may modify"] is False
    assert seen["published state"] == "published"
    assert seen["published number"] == "1/KH-STP"


def test_listings_show_the_current_languages_content(world):
    seen = world.seen["answers multilingual"]
    assert seen["en archive"]["status"] == 200
    assert seen["en archive"]["english title"] is True
    assert seen["en archive"]["vietnamese title"] is False
    assert seen["vi archive"]["vietnamese title"] is True
    assert seen["vi archive"]["english title"] is False
    assert seen["vi slogans"]["slogan"] is True
    assert seen["en slogans"]["slogan"] is False
    assert seen["en plan"]["status"] == 200
    assert seen["en plan"]["number"] is True
    assert seen["en history"]["status"] == 200


OWN_CONTENT = re.compile(
    r"(content|localroles|catalog):/(vi/|en/)?ke-hoach(/|$)"
    r"|user:(bientap|lanhdao|xuatban)$|group:thdtre-"
)


@pytest.mark.parametrize("site", SITES)
def test_uninstall_leaves_only_content_and_groups(world, site):
    assert world.seen["uninstall"][site]["installed"] is False
    before = world.dump("existing", site)
    after = world.dump("uninstall", site)
    left = [
        line
        for line in foreign_changes(before, after)
        if not OWN_CONTENT.match(line.split(":", 2)[0] + ":" + line.split(":", 2)[1])
    ]
    assert left == []
    keys = set(after)
    assert not [
        k
        for k in keys - set(before)
        if OWN_KEYS.match(k) and not k.startswith("group:")
    ]
    for key, value in after.items():
        if key.startswith("catalog:"):
            assert json.loads(value)["portal_type"] not in TYPES, key
    plan = world.seen["install"][site]["plan"]
    assert f"content:{plan.split('/' + site, 1)[1]}" in keys  # content is kept
    assert "group:thdtre-so-tu-phap-editors" in keys  # and people's groups


@pytest.mark.parametrize("site", SITES)
def test_uninstalled_plan_pages_do_not_fail(world, site):
    seen = world.seen["answers uninstalled"]
    assert seen[f"{site} anon plan"]["status"] in (401, 404)
    assert seen[f"{site} anon archive"]["status"] == 404


def test_reinstall_gives_the_same_answers(world):
    assert world.seen["answers reinstalled"] == world.seen["answers installed"]


def test_reinstall_restores_every_catalog_value(world):
    before = world.dump("install", "Existing")
    after = world.dump("reinstall", "Existing")
    assert foreign_changes(before, after) == []
    assert before == after
