"""What the HTTP fuzz calls: every page and REST endpoint of the add-on, and the
standard content endpoints on its four types, each a function that makes a
generated request. Each has a weight: cheap ones run more often."""

from http_cases import Generator
from http_cases import TRANSITIONS
from http_cases import TYPES
from http_client import Case


PAGES = {
    "site": (
        "@@thdtre-plans", "@@thdtre-calendar", "@@thdtre-slogans",
        "@@thdtre-count", "thdtre-count", "@@thdtre-views", "@@thdtre-visits",
        "@@thdtre-settings", "@@thdtre-add-department",
        "@@thdtre-trust-roots-panel", "@@thdtre-trust-roots",
        "@@thdtre-home", "@@thdtre-my-work", "@@thdtre-update-department",
        "@@thdtre-retire-department", "@@thdtre-indicators",
    ),
    "folder": (
        "@@thdtre-import", "@@thdtre-plans", "@@thdtre-calendar", "@@thdtre-home",
    ),
    "published": (
        "", "view", "@@thdtre-publish-as-news", "@@thdtre-dashboard",
        "@@thdtre-reports.csv", "@@thdtre-reports.xlsx", "@@history",
        "@@download/original_file", "@@download/original_file/ke-hoach.pdf",
        "@@export-docx", "@@export-pdf", "@@thdtre-count",
        "@@thdtre-implement", "@@thdtre-copy-next-year", "@@thdtre-send-reminders",
    ),
    "draft": (
        "", "@@thdtre-dashboard", "@@export-docx", "@@history", "@@thdtre-add-rows",
        "@@thdtre-implement", "@@thdtre-copy-next-year",
    ),
    "parts": ("", "@@history", "view"),
    "news": ("", "newsitem_view", "@@thdtre-views"),
}  # fmt: skip
PARTS = ("slogan", "activity", "report")
# Seconds' worth of work: a few cases each, not thousands.
SLOW = {"@@export-pdf", "@@export-docx", "@@thdtre-reports.xlsx"}


def _page_path(gen: Generator, world: dict) -> tuple[str, str]:
    where = gen.pick(tuple(PAGES))
    name = gen.pick(PAGES[where])
    if where == "parts":
        base = f"{gen.pick((world['published'], world['draft']))}/{gen.pick(PARTS)}"
    else:
        base = world[where]
    return f"{base}/{name}".rstrip("/"), name


def page(gen: Generator, world: dict, user) -> Case:
    path, name = _page_path(gen, world)
    while name in SLOW and gen.rnd.random() < 0.9:
        path, name = _page_path(gen, world)
    method = "GET" if gen.rnd.random() < 0.8 else gen.pick(("POST", "HEAD"))
    headers = gen.headers(rest=False)
    body = b""
    if method == "POST":
        body = gen.query().encode("utf-8", "surrogatepass")
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    return Case(user, method, path, gen.query(), headers, body)


def _rest(gen, user, method, path, data=None) -> Case:
    headers = gen.headers(rest=True)
    body = b""
    if data is not None:
        body, content_type = gen.body(data)
        if content_type:
            headers["Content-Type"] = content_type
    query = gen.query() if gen.rnd.random() < 0.3 else ""
    return Case(user, method, path, query, headers, body)


def departments(gen: Generator, world: dict, user) -> Case:
    # Zope cannot publish a path that is not UTF-8 (before any add-on code runs).
    word = gen.word()[:20].encode("utf-8", "replace").decode("utf-8")
    name = gen.pick(("", "/so-khcn", "/so-khac", f"/{word}", "/a/b"))
    path = f"{world['site']}/@thdtre-departments{name}".replace("//", "/")
    method = gen.pick(("GET", "POST", "PATCH", "DELETE"))
    fields = ("id", "title", "abbreviation", "parent_body", "x")
    data = {f: gen.json_value() for f in gen.sample(fields, 0, 4)}
    if gen.rnd.random() < 0.3:
        data = gen.json_value()
    # The world's department stays: a DELETE of it would refuse anyway (it owns
    # plans), but a PATCH that works would rename it for the next cases.
    if name == "/so-khcn" and method == "PATCH":
        data = {"title": gen.json_value()} if gen.rnd.random() < 0.5 else [1]
    return _rest(gen, user, method, path, None if method == "GET" else data)


def importer(gen: Generator, world: dict, user) -> Case:
    path = f"{gen.pick((world['folder'], world['site']))}/@thdtre-import"
    fields = ("filename", "data", "encoding", "url", "dry_run")
    data = {f: gen.json_value() for f in gen.sample(fields, 0, 4)}
    data.setdefault("dry_run", True)  # a real import would fill the folder
    if gen.rnd.random() < 0.3:
        data = gen.json_value()
    if isinstance(data, dict) and isinstance(data.get("url"), str):
        data["url"] = "http://127.0.0.1:9/" + data["url"][:50]  # nothing listens
    return _rest(gen, user, gen.pick(("POST", "POST", "GET")), path, data)


def plan_services(gen: Generator, world: dict, user) -> Case:
    plan = gen.pick((world["published"], world["draft"]))
    name = gen.pick(("@thdtre-report-summary", "@thdtre-signature"))
    data = gen.json_value() if gen.rnd.random() < 0.2 else None
    return _rest(gen, user, "GET", f"{plan}/{name}", data)


def workflow(gen: Generator, world: dict, user) -> Case:
    target = gen.pick((world["draft"], f"{world['draft']}/{gen.pick(PARTS)}"))
    path = f"{target}/@workflow/{gen.pick(TRANSITIONS)}".rstrip("/")
    data = None
    if gen.rnd.random() < 0.6:
        data = {
            k: gen.json_value()
            for k in gen.sample(("comment", "effective", "include_children"), 0, 2)
        }
    return _rest(gen, user, gen.pick(("POST", "POST", "GET")), path, data)


def content(gen: Generator, world: dict, user) -> Case:
    plan = gen.pick((world["published"], world["draft"]))
    target = gen.pick((plan, f"{plan}/{gen.pick(PARTS)}"))
    method = gen.pick(("GET", "GET", "PATCH", "POST"))
    if method == "GET":
        return _rest(gen, user, "GET", target)
    if method == "POST":
        container = gen.pick((world["draft"], world["folder"]))
        return _rest(gen, user, "POST", container, gen.content_body(gen.pick(TYPES)))
    # Change the draft only: the published plan's page and PDF stay cached.
    target = target.replace(world["published"], world["draft"])
    return _rest(gen, user, "PATCH", target, gen.content_body())


# A page costs ten to twenty REST answers: fewer of them, so that the suite
# stays within its two minutes.
TARGETS = (
    (page, 3),
    (departments, 4),
    (importer, 2),
    (plan_services, 3),
    (workflow, 3),
    (content, 6),
)
