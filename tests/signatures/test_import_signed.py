"""An imported signed PDF keeps its signature facts on the new plan."""

from collective.thdtre.importer.load import import_document
from collective.thdtre.signatures.facts import stored_facts
from collective.thdtre.signatures.roots import add_trust_roots
from pathlib import Path
from plone import api
from signatures_pki import Authority

import sys


# The import tests' document builders: seed 003 as a PDF with a text layer.
TESTS = Path(__file__).resolve().parents[1]
for folder in ("importer", "imports"):
    if str(TESTS / folder) not in sys.path:
        sys.path.insert(0, str(TESTS / folder))

from imports_http import pdf_003  # noqa: E402


def test_importing_a_signed_plan_keeps_who_signed_it_and_the_verdict(portal):
    ca = Authority()
    signed = ca.signed_pdf(
        signer="Nguyễn Văn An", organisation="SỞ KHOA HỌC VÀ CÔNG NGHỆ", pdf=pdf_003()
    )
    with api.env.adopt_roles(["Manager"]):
        add_trust_roots(data=ca.pem)
        folder = api.content.create(container=portal, type="Folder", id="nhap")
        _summary, plan = import_document(
            container=folder, filename="kh-63-khcn.pdf", data=signed
        )
    assert plan.portal_type == "Plan"
    kept = stored_facts(plan)
    assert kept["facts"]["status"] == "trusted"
    (signature,) = kept["facts"]["signatures"]
    assert signature["signer"] == "Nguyễn Văn An"
    assert signature["organisation"] == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert signature["signing_time"]
