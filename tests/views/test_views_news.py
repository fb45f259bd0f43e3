"""The news item page like the 777 article: its date (dd/mm/yyyy) and plan at
the top, a view counter for visitors only, the byline, the related plan for
those who may see it, plain share links (Zalo, Facebook, copy link) that load
nothing of those sites, other news in pages."""

from collective.thdtre.counting import counter_store
from DateTime import DateTime
from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from urllib.parse import quote
from views_world import browser
from views_world import by_class
from views_world import GOOGLEBOT
from views_world import make_plan
from views_world import MEMBER
from views_world import parse
from views_world import PASSWORD
from views_world import publish
from views_world import setup_world
from views_world import STP
from views_world import text
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest
import transaction


WEB_EDITOR = "web-editor"
TITLE = "Sở Khoa học và Công nghệ triển khai Tháng hành động vì trẻ em năm 2024"
OTHERS = 12


def _news(folder, news_id, title, effective, *, state="published", **fields):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        item = api.content.create(
            container=folder, type="News Item", id=news_id, title=title, **fields
        )
    if state == "published":
        publish(item)
    item.setEffectiveDate(DateTime(effective))
    item.reindexObject()
    return item


def _related(plan):
    return RelationValue(getUtility(IIntIds).getId(plan))


@pytest.fixture(scope="class")
def world(functional_portal_class):
    """News of the published plan 63/KH-KHCN, one about a draft plan, twelve
    older news items and an unpublished one, on a Vietnamese site."""
    portal = functional_portal_class
    api.portal.set_registry_record("plone.default_language", "vi")
    api.portal.set_registry_record("plone.available_languages", ["vi"])
    setup_world()
    plan = make_plan(
        state="published",
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
        number=63,
        symbol="KH-KHCN",
        issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        issue_date=date(2024, 4, 17),
        year=2024,
    )
    draft = make_plan(department=STP, title="Dự thảo kế hoạch", year=2024)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        folder = api.content.create(
            container=portal, type="Folder", id="tin-tuc", title="Tin tức"
        )
        api.user.create(
            username=WEB_EDITOR, email="web-editor@example.org", password=PASSWORD
        )
        api.user.grant_roles(username=WEB_EDITOR, obj=folder, roles=["Editor"])
    publish(folder)
    item = _news(
        folder,
        "tin-chinh",
        TITLE,
        "2024/04/20 09:30 GMT+7",
        description="Ngày 17/4/2024, Sở Khoa học và Công nghệ ban hành Kế hoạch số "
        "63/KH-KHCN.",
        text=RichTextValue("<p>Nội dung tin.</p>", "text/html", "text/x-html-safe"),
        related_plan=_related(plan),
    )
    item.setCreators(["K.C"])
    item.reindexObject()
    about_draft = _news(
        folder,
        "tin-du-thao",
        "Lấy ý kiến dự thảo kế hoạch",
        "2024/05/01 08:00 GMT+7",
        related_plan=_related(draft),
    )
    for n in range(1, OTHERS + 1):
        _news(folder, f"tin-{n:02d}", f"Tin số {n:02d}", f"2024/03/{n:02d} 08:00 GMT+7")
    _news(folder, "tin-nhap", "Tin chưa đăng", "2024/06/01 08:00 GMT+7", state="")
    transaction.commit()
    return {"item": item, "about_draft": about_draft, "plan": plan}


def shown_views(page) -> int:
    (count,) = by_class(page, "thdtre-views")
    return int(text(count).replace(".", ""))


def stored_views(item) -> int:
    return counter_store().views(key=item.UID())


class TestViewCounter:
    def test_a_visitor_is_counted_once_within_the_debounce(
        self, world, functional_app_class
    ):
        item = world["item"]
        visitor = browser(functional_app_class)
        visitor.open(item.absolute_url())
        page = parse(visitor)
        # A page shows the count from before its own view (as behind the proxy).
        assert text(by_class(page, "thdtre-view-count")[0]) == "Lượt xem: 0"
        visitor.reload()  # with the cookie now: within the debounce, not a view
        assert shown_views(parse(visitor)) == 1
        visitor.reload()
        assert shown_views(parse(visitor)) == 1
        # Another person: another machine (the same browser without the cookie
        # from the same address is a repeat within 30 s, issue 14).
        second = browser(functional_app_class)
        second.testapp.extra_environ["REMOTE_ADDR"] = "198.51.100.2"
        second.open(item.absolute_url())
        assert shown_views(parse(second)) == 1
        second.reload()
        assert shown_views(parse(second)) == 2
        assert stored_views(item) == 2

    def test_a_member_who_may_not_edit_is_counted(self, world, functional_app_class):
        member = browser(functional_app_class, MEMBER)
        member.open(world["item"].absolute_url())
        member.reload()
        assert shown_views(parse(member)) == 1
        assert stored_views(world["item"]) == 1

    @pytest.mark.parametrize("user", [WEB_EDITOR, "admin"])
    def test_an_editor_is_not_counted(self, world, functional_app_class, user):
        item = world["item"]
        assert api.user.has_permission(
            "Modify portal content", username=WEB_EDITOR, obj=item
        )
        browser(functional_app_class).open(item.absolute_url())
        editor = browser(functional_app_class, user)
        editor.open(item.absolute_url())
        assert shown_views(parse(editor)) == 1
        assert stored_views(item) == 1

    @pytest.mark.parametrize("agent", [GOOGLEBOT, ""])
    def test_a_bot_is_not_counted(self, world, functional_app_class, agent):
        item = world["item"]
        bot = browser(functional_app_class, agent=agent)
        bot.open(item.absolute_url())
        assert shown_views(parse(bot)) == 0
        assert stored_views(item) == 0


class TestNewsPage:
    def test_byline_and_lead(self, world, functional_app_class):
        made = browser(functional_app_class)
        made.open(world["item"].absolute_url())
        page = parse(made)
        assert text(by_class(page, "thdtre-byline")[0]) == "K.C"
        assert text(page.xpath("//h1")[0]) == TITLE
        assert "Kế hoạch số 63/KH-KHCN" in text(page.xpath('//*[@id="content"]')[0])

    @pytest.mark.parametrize("user", [None, "admin"])
    def test_related_plan_box(self, world, functional_app_class, user):
        made = browser(functional_app_class, user)
        made.open(world["item"].absolute_url())
        (box,) = by_class(parse(made), "thdtre-related-plan")
        assert box.xpath(".//a/@href") == [world["plan"].absolute_url()]
        assert "63/KH-KHCN" in text(box)
        assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text(box)

    def test_no_box_for_a_plan_the_visitor_may_not_see(
        self, world, functional_app_class
    ):
        url = world["about_draft"].absolute_url()
        visitor = browser(functional_app_class)
        visitor.open(url)
        assert not by_class(parse(visitor), "thdtre-related-plan")
        owner = browser(functional_app_class, "admin")
        owner.open(url)
        assert by_class(parse(owner), "thdtre-related-plan")

    def test_other_news_newest_first_in_pages_without_itself(
        self, world, functional_app_class
    ):
        made = browser(functional_app_class)
        made.open(world["item"].absolute_url())
        page = parse(made)
        (section,) = by_class(page, "thdtre-other-news")
        assert text(section.xpath("./h2")[0]) == "Tin khác"
        first = [text(a) for a in section.xpath("./ul/li/a")]
        # Newest first; neither this item nor the unpublished one.
        expected = ["Lấy ý kiến dự thảo kế hoạch"] + [
            f"Tin số {n:02d}" for n in range(OTHERS, 0, -1)
        ]
        assert first == expected[:10]
        assert text(section.xpath("./ul/li/span")[0]) == "01/5/2024"
        (page_two,) = [
            a
            for a in section.xpath('.//*[contains(@class, "pagination")]//a')
            if text(a) == "2"
        ]
        made.open(page_two.get("href"))
        (section,) = by_class(parse(made), "thdtre-other-news")
        assert [text(a) for a in section.xpath("./ul/li/a")] == expected[10:]


class TestDatePlanAndSharing:
    def test_date_and_plan_at_the_top(self, world, functional_app_class):
        made = browser(functional_app_class)
        made.open(world["item"].absolute_url())
        (meta,) = by_class(parse(made), "thdtre-news-meta")
        (when,) = by_class(meta, "thdtre-news-date")
        assert text(when) == "20/04/2024"
        (plan,) = by_class(meta, "thdtre-news-plan")
        assert plan.get("href") == world["plan"].absolute_url()
        assert text(plan) == "63/KH-KHCN"

    def test_no_plan_link_to_a_plan_the_visitor_may_not_see(
        self, world, functional_app_class
    ):
        made = browser(functional_app_class)
        made.open(world["about_draft"].absolute_url())
        (meta,) = by_class(parse(made), "thdtre-news-meta")
        assert text(by_class(meta, "thdtre-news-date")[0]) == "01/05/2024"
        assert not by_class(meta, "thdtre-news-plan")

    def test_share_links_are_plain_links(self, world, functional_app_class):
        url = world["item"].absolute_url()
        made = browser(functional_app_class)
        made.open(url)
        page = parse(made)
        (share,) = by_class(page, "thdtre-share")
        links = {text(a).split(" (")[0]: a.get("href") for a in share.xpath(".//a")}
        encoded = quote(url, safe="")
        assert links == {
            "Zalo": f"https://zalo.me/share?url={encoded}",
            "Facebook": f"https://www.facebook.com/sharer/sharer.php?u={encoded}",
        }
        (copy,) = by_class(share, "thdtre-copy-link")
        assert copy.get("data-url") == url
        # Nothing of Zalo's or Facebook's is loaded into the page.
        loaded = page.xpath("//script/@src | //iframe/@src | //link/@href")
        assert not [src for src in loaded if "zalo" in src or "facebook" in src]
