"""Document numbers cannot be forged, doubled or pushed ahead (issue 14, finding 3).

Numbers are unique per department and year among approved and published plans,
range-checked, hand-set only by approvers, and the sequence follows only the numbers
that were issued. Reproduced over REST as the finding was observed on the demo site.
"""

from collective.thdtre.importer.load import import_document
from collective.thdtre.workflow.numbering import next_number
from conftest import api_url
from conftest import DEPT_A
from conftest import make_plan
from conftest import session
from conftest import state_of
from conftest import sync
from conftest import transition_as
from datetime import date
from plone import api

import pytest
import transaction


DENIED = (401, 403, 404)


def approved(title, year, **fields):
    plan = make_plan(state="pending", title=title, year=year, **fields)
    transition_as("approver-a", plan, "approve")
    return plan


class TestHandSetNumbers:
    def test_editor_cannot_patch_a_number(self, site):
        issued = approved("KH số 18 năm 2031", 2031, number=18)
        draft = make_plan(title="Dự thảo 2031", year=2031)
        transaction.commit()

        response = session("editor-a").patch(api_url(draft), json={"number": 18})

        assert response.status_code == 400, response.text
        assert "approver" in response.text
        sync(site)
        assert draft.number is None
        assert issued.number == 18

    def test_editor_cannot_post_a_plan_with_a_number(self, site):
        folder = draft_folder(site)
        transaction.commit()
        response = session("editor-a").post(
            api_url(folder),
            json={"@type": "Plan", "title": "Kế hoạch tự đánh số", "number": 7},
        )
        assert response.status_code == 400, response.text
        sync(site)
        assert not api.content.find(Title="Kế hoạch tự đánh số", unrestricted=True)

    def test_site_administrator_sets_a_free_number(self, site):
        plan = make_plan(state="pending", title="Chờ duyệt 2032", year=2032)
        transaction.commit()
        response = session("siteadmin").patch(api_url(plan), json={"number": 40})
        assert response.status_code == 204, response.text
        assert session("approver-a").post(api_url(plan, "/@workflow/approve")).ok
        sync(site)
        assert plan.document_number == "40/KH-STP"

    def test_an_issued_number_cannot_be_set_again(self, site):
        approved("KH số 18 năm 2033", 2033, number=18)
        plan = make_plan(state="pending", title="Chờ duyệt 2033", year=2033)
        transaction.commit()

        response = session("siteadmin").patch(api_url(plan), json={"number": 18})

        assert response.status_code == 400, response.text
        assert "18/KH-STP" in response.text
        sync(site)
        assert plan.number is None

    @pytest.mark.parametrize("number", [0, 100000, 10**30])
    def test_numbers_out_of_range_are_refused(self, site, number):
        plan = make_plan(state="pending", title=f"Ngoài khoảng {number}", year=2034)
        transaction.commit()
        response = session("siteadmin").patch(api_url(plan), json={"number": number})
        assert response.status_code == 400, response.text
        assert "99999" in response.text
        sync(site)
        assert plan.number is None


class TestApproval:
    def test_second_approval_of_an_issued_number_is_refused(self, site):
        approved("KH số 18 năm 2035", 2035, number=18)
        # Given before the first was issued, e.g. by an administrator.
        twin = make_plan(state="pending", title="Bản trùng 2035", year=2035, number=18)
        transaction.commit()

        response = session("approver-a").post(api_url(twin, "/@workflow/approve"))

        assert response.status_code == 400, response.text
        assert "18/KH-STP" in response.text
        sync(site)
        assert state_of(twin) == "pending"

    def test_a_translation_is_approved_with_the_same_number(self, site):
        # plone.app.multilingual's translation group: the same document.
        original = approved("Bản gốc 2041", 2041, number=9)
        setattr(original, "_plone.tg", "tg-2041")
        english = make_plan(state="pending", title="Original 2041", year=2041)
        setattr(english, "_plone.tg", "tg-2041")
        english.number = 9
        transition_as("approver-a", english, "approve")
        assert state_of(english) == "approved"

    def test_hand_set_number_gets_an_issue_date(self, site):
        plan = approved("Số tay 2036", 2036, number=5)
        assert plan.issue_date == date.today()
        assert plan.document_number == "5/KH-STP"

    def test_a_draft_number_does_not_move_the_sequence(self, site):
        first = approved("Đầu dãy 2037", 2037)
        draft = make_plan(title="Số lớn 2037", year=2037, number=5000)
        second = approved("Tiếp theo 2037", 2037)
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(obj=draft)
        third = approved("Sau nữa 2037", 2037)
        assert [first.number, second.number, third.number] == [1, 2, 3]

    def test_the_sequence_follows_issued_numbers_only(self, site):
        make_plan(title="Nháp số lớn 2038", year=2038, number=5000)
        make_plan(state="pending", title="Chờ số lớn 2038", year=2038, number=4000)
        assert next_number(department=DEPT_A, year=2038) == 1


class TestImport:
    TEXT = (
        "UBND TỈNH BẮC GIANG\nSỞ TƯ PHÁP\nSố: 18/KH-STP\n"
        "Bắc Giang, ngày 20 tháng 4 năm 2039\nKẾ HOẠCH\n"
        "Tổ chức Tháng hành động vì trẻ em năm 2039\n"
    ).encode()

    def test_editor_import_proposes_but_does_not_set_the_number(self, site):
        approved("KH số 18 năm 2039", 2039, number=18)
        folder = draft_folder(site)
        with api.env.adopt_user(username="editor-a"):
            result, plan = import_document(
                container=folder, filename="kh.txt", data=self.TEXT
            )
        assert plan.number is None
        assert any("18" in w and "approver" in w for w in result["warnings"])
        transaction.commit()

    def test_manager_import_of_an_issued_number_is_refused(self, site):
        approved("KH số 18 năm 2040", 2040, number=18)
        folder = draft_folder(site)
        text = self.TEXT.replace(b"2039", b"2040")
        with api.env.adopt_user(username="siteadmin"):
            with pytest.raises(Exception, match="18/KH-STP"):
                import_document(container=folder, filename="kh.txt", data=text)


def draft_folder(site):
    from collective.thdtre.departments.api import department_folder

    return department_folder(id=DEPT_A)
