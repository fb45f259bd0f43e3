"""Generated requests: query strings with Zope's converters, JSON and other
bodies, odd headers, for every page and REST endpoint of the add-on.

A seeded ``random.Random``: the same cases on every run, so a failure found
once is found again; the seed or the count change to explore further.
"""

from urllib.parse import quote

import json
import random


CONVERTERS = (
    "", "", "", ":list", ":int", ":float", ":long", ":boolean", ":record",
    ":records", ":tokens", ":lines", ":string", ":text", ":required",
    ":ignore_empty", ":default", ":utf8:ustring", ":date", ":date_international",
    ":list:int", ":int:list",
)  # fmt: skip
WORDS = (
    "", " ", "0", "1", "-1", "6", "13", "2024", "10000", "99999999999999999999",
    "1e5", "1.5", "nan", "True", "None", "(", ")", "and", "or", "not", "*", "?",
    '"', "'", "a(b", "\x00", "%00", "Tổ chức", "KH-KHCN", "UBND TỈNH", "😀",
    "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd",
    "2024-06-01", "2024-13-45", "01/6/2024", "so-khcn", "draft", "published",
    "=HYPERLINK(1)", "\u202e", "\ud800", "a" * 5000,
)  # fmt: skip
NAMES = (
    "year", "month", "unit", "issuer", "theme", "SearchableText", "b_start",
    "b_size", "uid", "key", "path", "format", "sort_on", "sort_order",
    "ajax_load", "came_from", "form.submitted", "_authenticator", "lang",
    "language", "expand", "fullobjects", "include_items", "metadata_fields",
    "dry_run", "url", "filename", "id", "title", "abbreviation", "parent_body",
    "form.buttons.save", "form.buttons.import", "form.widgets.file",
    "form.widgets.url", "portal_type", "review_state", "-C", "x", "",
)  # fmt: skip
ACCEPTS = ("text/html", "*/*", "application/json", "text/plain", "x/y;q=a", "")
LANGUAGES = ("vi", "en", "vi-VN,vi;q=0.9", "*", "xx", "", "a" * 300)
CONTENT_TYPES = (
    "application/json", "application/json; charset=utf-8", "text/plain",
    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
    "application/xml", "", "application/json; charset=latin-1",
)  # fmt: skip
FIELDS = (
    "title", "description", "number", "symbol", "parent_body", "issuing_body",
    "department", "issue_place", "issue_date", "year", "theme", "period_start",
    "period_end", "scope", "legal_basis", "implements", "purpose",
    "requirements", "text", "budget", "document_text", "implementation",
    "signing_authority", "signer_title", "signer_name", "recipients",
    "report_deadline", "report_recipient", "public_summary", "original_file",
    "lead_unit", "coordinating_units", "start", "end", "location",
    "target_group", "budget_vnd", "progress", "position", "source",
    "reporting_unit", "submitted_date", "children_supported", "gifts",
    "extra_metrics", "id", "UID", "@type", "review_state", "language",
    "effective", "expires", "subjects", "creators", "exclude_from_nav",
)  # fmt: skip
TYPES = ("Plan", "Activity", "Slogan", "Report", "File", "Image", "News Item", "x")
TRANSITIONS = ("submit", "approve", "publish", "retract", "reject", "x", "")


class Generator:
    def __init__(self, seed: int):
        self.rnd = random.Random(seed)

    def pick(self, items):
        return items[self.rnd.randrange(len(items))]

    def word(self) -> str:
        rnd = self.rnd
        roll = rnd.random()
        if roll < 0.75:
            return self.pick(WORDS)
        if roll < 0.9:
            return str(rnd.randint(-(10**30), 10**30))
        return "".join(chr(rnd.randint(1, 0x2FFF)) for _ in range(rnd.randint(1, 40)))

    def query(self, names=NAMES) -> str:
        parts = []
        for _ in range(self.rnd.randint(0, 5)):
            name = self.pick(names)
            if self.rnd.random() < 0.2:
                name = f"{name}.{self.pick(('a', 'year', 'x'))}"
                converter = self.pick((":record", ":records", ":record:list"))
            else:
                converter = self.pick(CONVERTERS)
            value = quote(self.word(), safe="", errors="surrogatepass")
            parts.append(f"{quote(name + converter)}={value}")
        if self.rnd.random() < 0.05:
            parts.append(self.pick(("%zz", "&&", "=", "a=%", "%ff%fe")))
        return "&".join(parts)

    def json_value(self, depth: int = 0):
        rnd = self.rnd
        kind = rnd.randrange(9 if depth < 2 else 6)
        if kind == 0:
            return self.word()
        if kind == 1:
            return rnd.choice((0, -1, 1, 2024, 10**30, -(10**30), 99999))
        if kind == 2:
            return rnd.choice((1.5, -0.0, 1e308))
        if kind == 3:
            return rnd.choice((True, False, None))
        if kind == 4:
            return rnd.choice(("2024-06-01", "2024-06-01T10:00:00", "13/13/2024"))
        if kind == 5:
            return "x" * rnd.choice((1_001, 2_000_001))
        if kind == 6:
            return [self.json_value(depth + 1) for _ in range(rnd.randint(0, 3))]
        if kind == 7:
            return {
                self.pick(("data", "token", "content-type", "encoding", "a")): (
                    self.json_value(depth + 1)
                )
                for _ in range(rnd.randint(0, 3))
            }
        return {"@type": self.pick(TYPES), "title": self.word()}

    def content_body(self, portal_type=None) -> dict:
        body = {name: self.json_value() for name in self.sample(FIELDS, 0, 4)}
        if portal_type:
            body["@type"] = portal_type
        return body

    def sample(self, items, low, high) -> list:
        return self.rnd.sample(items, self.rnd.randint(low, high))

    def body(self, data) -> tuple[bytes, str]:
        """``data`` as JSON, or (sometimes) something that is not."""
        roll = self.rnd.random()
        if roll < 0.75:
            raw = json.dumps(data, ensure_ascii=self.rnd.random() < 0.5)
            return raw.encode("utf-8", "surrogatepass"), "application/json"
        if roll < 0.85:
            return self.pick((b"{", b"[]", b"null", b'"x"', b"1", b"\xff\xfe")), (
                "application/json"
            )
        raw = json.dumps(data).encode("utf-8", "surrogatepass")
        return raw, self.pick(CONTENT_TYPES)

    def headers(self, *, rest: bool) -> dict:
        headers = {}
        if rest:
            headers["Accept"] = "application/json"
        elif self.rnd.random() < 0.3:
            headers["Accept"] = self.pick(ACCEPTS)
        for name, values in (
            ("Accept-Language", LANGUAGES),
            ("User-Agent", ("Mozilla/5.0 Chrome/124.0", "Googlebot", "", "x" * 500)),
            ("X-Thdtre-Visitor", ("a", "", "x" * 500, "\u00e9")),
            ("If-Modified-Since", ("x", "Mon, 01 Jan 2024 00:00:00 GMT")),
            ("Cookie", ("a=b", "__ac=x", "I18N_LANGUAGE=xx", "=;=")),
            ("X-Forwarded-For", ("1.2.3.4", "x", "::1, 2.3.4.5")),
            ("Range", ("bytes=0-10", "bytes=x", "bytes=10-0")),
        ):
            if self.rnd.random() < 0.15:
                headers[name] = self.pick(values)
        return headers
