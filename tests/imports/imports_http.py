"""Helpers of the import tests over HTTP: documents, requests and what the site holds.

The documents are the seed texts and Word and PDF versions built from them with the
parser tests' ``importer_docs`` (conftest.py puts it on the path; no binary fixtures).
"""

from importer_docs import docx_from_seed
from importer_docs import fixture_bytes
from importer_docs import fixture_text
from importer_docs import pdf_from_text
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.globalrequest import getRequest

import base64
import functools
import requests
import transaction


SEED_000 = "000_90b970af89c5eac0.txt"
SEED_001 = "001_4d843b09b5669485.txt"
SEED_003 = "003_c6cfd6b9ad409e01.txt"
SEED_004 = "004_d0bdd134290c0cdd.txt"
TABLE_PLAN = "plan_table_appendix.md"
UNITS_PLAN = "plan_numbering_units.txt"
FOLDER = "imports"
TYPES = ("Plan", "Slogan", "Activity", "News Item")

# The 12 slogans of seed 003's appendix, in their order.
SLOGANS_003 = [
    "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em.",
    "Ưu tiên nguồn lực cho trẻ em để đáp ứng yêu cầu phát triển đất nước phồn vinh, "
    "hạnh phúc.",
    "Bảo đảm vai trò chủ đạo của ngân sách nhà nước để thực hiện chính sách đối với "
    "trẻ em.",
    "Bảo đảm quyền trẻ em phải là trung tâm của chính sách, chiến lược phát triển "
    "đất nước.",
    "Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em.",
    "Tăng cường chăm sóc, giáo dục và bảo vệ trẻ em vì sự phát triển đất nước phồn "
    "vinh, hạnh phúc.",
    "Tổng đài 111 - tiếp nhận thông tin mọi lúc, bảo vệ trẻ em mọi nơi.",
    "Phòng ngừa và chấm dứt lao động trẻ em vì sự phát triển bền vững.",
    "Chăm sóc sức khỏe tâm thần để trẻ em phát triển toàn diện.",
    "Phòng, chống tai nạn, thương tích để bảo đảm quyền được sống của trẻ em.",
    "Gia đình, cộng đồng giám sát, trông giữ trẻ em để phòng, chống đuối nước.",
    "Lắng nghe trẻ em để chăm sóc, giáo dục và bảo vệ trẻ em.",
]
# The numbered items of seed 003's contents section (III. NỘI DUNG), by their start.
ACTIVITIES_003 = [
    "Tuyên truyền, phổ biến pháp luật, chính sách, chương trình",
    "Vận động sự đóng góp tự nguyện",
    "Tổ chức tặng quà nhân ngày Tết thiếu nhi 1/6",
    "Tổ chức tuyên dương, khen thưởng",
]


@functools.cache
def docx_003() -> bytes:
    """Seed 003 as a Word file laid out like the signed plan."""
    return docx_from_seed(
        fixture_text(SEED_003),
        parent="UBND TỈNH BẮC GIANG",
        body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    )


@functools.cache
def pdf_003() -> bytes:
    """Seed 003 as a PDF with a text layer."""
    return pdf_from_text(fixture_text(SEED_003))


def document(kind: str) -> tuple[str, bytes]:
    """``(filename, data)`` of a document the tests import."""
    if kind == "docx":
        return "kh-63-khcn.docx", docx_003()
    if kind == "pdf":
        return "kh-63-khcn.pdf", pdf_003()
    return kind, fixture_bytes(kind)


def body(filename: str | None, data: bytes, *, dry_run: bool = False) -> dict:
    """The JSON of ``POST @thdtre-import``."""
    payload = {
        "data": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
        "dry_run": dry_run,
    }
    if filename is not None:
        payload["filename"] = filename
    return payload


def session(*, language: str | None = None) -> requests.Session:
    """A REST session as the site owner, asking for ``language`` when given."""
    http = requests.Session()
    http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    http.headers["Accept"] = "application/json"
    if language:
        http.headers["Accept-Language"] = language
    return http


def post_import(folder, payload, *, language: str | None = "en", auth=None):
    """``POST <folder>/@thdtre-import`` over HTTP; ``payload`` is JSON, or the raw
    body when it is bytes."""
    url = f"{folder.absolute_url()}/@thdtre-import"
    with session(language=language) as http:
        if auth is not None:
            http.auth = auth
        if isinstance(payload, bytes):
            headers = {"Content-Type": "application/json"}
            return http.post(url, data=payload, headers=headers)
        return http.post(url, json=payload)


def sync(portal) -> None:
    """See what the WSGI server's thread committed."""
    transaction.begin()
    portal._p_jar.sync()
    # plone.registry caches values on the request, and the test's request lives on.
    request = getRequest()
    if request is not None:
        request.other.pop("_plone_registry_cache", None)


def counts(portal) -> dict:
    """How many items of each imported type the site holds, and the folder's ids."""
    sync(portal)
    catalog = api.portal.get_tool("portal_catalog")
    found = {
        name: len(catalog.unrestrictedSearchResults(portal_type=name)) for name in TYPES
    }
    found["folder"] = sorted(portal[FOLDER].objectIds())
    return found


def make_plan(container, *, number: int, symbol: str, title: str, **fields):
    """An existing plan the imported document names, committed."""
    fields.setdefault("year", 2024)
    with api.env.adopt_roles(["Manager"]):
        plan = api.content.create(
            container=container,
            type="Plan",
            title=title,
            number=number,
            symbol=symbol,
            **fields,
        )
    transaction.commit()
    return plan


def imported(portal, response):
    """The object a 201 answer created."""
    assert response.status_code == 201, response.text
    sync(portal)
    path = response.json()["@id"][len(portal.absolute_url()) + 1 :]
    return portal.unrestrictedTraverse(path)
