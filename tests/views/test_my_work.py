"""@@thdtre-my-work: each person's drafts, what waits for their approval, what was
sent back to them with its comment, and their departments' reports due; the
front page's box; Anonymous goes to the login form."""

from datetime import date
from datetime import timedelta
from home_world import APPROVER_STP
from home_world import build_work
from home_world import build_world
from home_world import KHCN_DRAFT
from home_world import PENDING
from home_world import SENT_BACK
from home_world import SENT_BACK_COMMENT
from views_world import browser
from views_world import by_class
from views_world import EDITOR_KHCN
from views_world import EDITOR_STP
from views_world import MEMBER
from views_world import parse
from views_world import text
from zExceptions import Unauthorized

import pytest


@pytest.fixture(scope="class")
def world(functional_portal_class):
    world = build_world(functional_portal_class)
    return {**world, **build_work(functional_portal_class)}


@pytest.fixture
def my_work(world, functional_app_class):
    def open_page(user):
        made = browser(functional_app_class, user)
        made.open(f"{world['portal'].absolute_url()}/@@thdtre-my-work")
        return parse(made)

    return open_page


def titles(page, section) -> list[str]:
    found = by_class(page, f"thdtre-work-{section}")
    return [text(a) for a in found[0].xpath(".//li/a")] if found else []


class TestMyWork:
    def test_anonymous_is_refused(self, world, functional_app_class):
        made = browser(functional_app_class)
        with pytest.raises(Unauthorized):
            made.open(f"{world['portal'].absolute_url()}/@@thdtre-my-work")

    def test_anonymous_is_sent_to_the_login_form(self, world, functional_app_class):
        made = browser(functional_app_class)
        made.handleErrors = True
        made.open(f"{world['portal'].absolute_url()}/@@thdtre-my-work")
        assert "login" in made.url
        assert "thdtre-my-work" in made.url  # came_from: back after logging in

    def test_editor_sees_drafts_and_what_was_sent_back(self, my_work):
        page = my_work(EDITOR_STP)
        assert titles(page, "drafts") == ["Dự thảo STP"]
        assert titles(page, "sent_back") == [SENT_BACK]
        (entry,) = by_class(page, "thdtre-work-sent_back")[0].xpath(".//li")
        assert SENT_BACK_COMMENT in text(entry)
        assert "Sở Tư pháp" in text(entry)
        assert date.today().strftime("%d/%m/%Y") in text(entry)
        assert titles(page, "waiting") == []

    def test_another_departments_drafts_are_not_shown(self, my_work):
        page = my_work(EDITOR_STP)
        assert KHCN_DRAFT not in text(page)
        assert titles(my_work(EDITOR_KHCN), "drafts") == [KHCN_DRAFT]
        assert SENT_BACK not in text(my_work(EDITOR_KHCN))

    def test_approver_sees_what_waits_for_approval(self, world, my_work):
        page = my_work(APPROVER_STP)
        assert titles(page, "waiting") == [PENDING]
        (entry,) = by_class(page, "thdtre-work-waiting")[0].xpath(".//li")
        assert "Pending approval" in text(entry)
        link = entry.xpath(".//a/@href")[0]
        assert link == world["pending"].absolute_url()
        # The editor who submitted it has nothing to approve.
        assert titles(my_work(EDITOR_STP), "waiting") == []
        assert titles(my_work(EDITOR_KHCN), "waiting") == []

    def test_reports_due_of_my_departments(self, my_work):
        # KHCN has not reported on the province plan, due in 10 days; STP has.
        page = my_work(EDITOR_KHCN)
        due = titles(page, "reports_due")
        assert due == ["Kế hoạch của Sở Khoa học và Công nghệ"]
        deadline = (date.today() + timedelta(days=10)).strftime("%d/%m/%Y")
        entry = text(by_class(page, "thdtre-work-reports_due")[0])
        assert deadline in entry
        assert "Due in 10 days" in entry
        assert titles(my_work(EDITOR_STP), "reports_due") == []

    def test_a_member_without_department_has_nothing(self, my_work):
        page = my_work(MEMBER)
        for section in ("drafts", "waiting", "sent_back", "reports_due"):
            assert titles(page, section) == []
        assert "You have no drafts." in text(page)

    def test_title_and_breadcrumbs(self, world, my_work):
        page = my_work(EDITOR_STP)
        assert text(page.xpath("//title")[0]) == "My work — Plone site"
        crumbs = page.xpath('//nav[@id="portal-breadcrumbs"]//li')
        assert [text(li) for li in crumbs][-1] == "My work"

    def test_logged_in_people_with_work_see_the_box(self, world, functional_app_class):
        made = browser(functional_app_class, APPROVER_STP)
        made.open(f"{world['portal'].absolute_url()}/@@thdtre-home")
        (box,) = by_class(parse(made), "thdtre-my-work-box")
        assert "1 waiting for my approval" in text(box)
        made = browser(functional_app_class, EDITOR_STP)
        made.open(f"{world['portal'].absolute_url()}/@@thdtre-home")
        (box,) = by_class(parse(made), "thdtre-my-work-box")
        assert "1 sent back to me" in text(box)
        assert "1 drafts of mine" in text(box)

    def test_nothing_to_do_no_box(self, world, functional_app_class):
        made = browser(functional_app_class, MEMBER)
        made.open(f"{world['portal'].absolute_url()}/@@thdtre-home")
        assert not by_class(parse(made), "thdtre-my-work-box")

    def test_personal_menu_links_my_work_for_logged_in_people(
        self, world, functional_app_class
    ):
        url = f"{world['portal'].absolute_url()}/@@thdtre-my-work"
        made = browser(functional_app_class, MEMBER)
        made.open(world["portal"].absolute_url())
        assert url in parse(made).xpath("//a/@href")
        made = browser(functional_app_class)
        made.open(world["portal"].absolute_url())
        assert url not in parse(made).xpath("//a/@href")
