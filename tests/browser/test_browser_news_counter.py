"""The news view counter: a visitor's view counts, an editor's own view does not."""

from collective.thdtre.counting import counter_store
from DateTime import DateTime
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest
import transaction
import uuid


pytestmark = pytest.mark.browser

# A page without the visitor cookie counts once per 30 s per address and browser:
# each visitor here has a browser of its own, so that earlier tests' cookieless
# pages from this address do not hide its first view.
BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.{}"
)
TITLE = "Sở Khoa học và Công nghệ triển khai Tháng hành động vì trẻ em năm 2024"
LEAD = (
    "Ngày 17/4/2024, Sở Khoa học và Công nghệ ban hành Kế hoạch số 63/KH-KHCN "
    "tổ chức Tháng hành động vì trẻ em năm 2024."
)
BODY = (
    "<p>Tháng hành động vì trẻ em năm 2024 được tổ chức từ ngày 01/6 đến ngày 30/6 "
    "với chủ đề “Hành động thiết thực, ưu tiên nguồn lực cho trẻ em”.</p>"
    "<p>Sở đề nghị các phòng, đơn vị thực hiện nghiêm túc kế hoạch.</p>"
)


def _publish(obj, effective: str):
    """Publish with whatever workflow the site gives the type (if any)."""
    if api.content.get_state(obj=obj, default=None) not in (None, "published"):
        api.content.transition(obj=obj, to_state="published")
    obj.setEffectiveDate(DateTime(effective))
    obj.reindexObject()


@pytest.fixture
def news(site, make_plan, add_user):
    """A published News Item about plan 63/KH-KHCN, with an earlier one."""
    plan = make_plan(publish=True)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        folder = api.content.create(
            container=site, type="Folder", id="tin-tuc", title="Tin tức"
        )
        _publish(folder, "2024/01/01 08:00 GMT+7")
        older = api.content.create(
            container=folder,
            type="News Item",
            id="tin-cu",
            title="Phát động Tháng hành động vì trẻ em năm 2023",
        )
        _publish(older, "2023/05/20 08:00 GMT+7")
        item = api.content.create(
            container=folder,
            type="News Item",
            id="tin-thang-hanh-dong",
            title=TITLE,
            description=LEAD,
            text=RichTextValue(BODY, "text/html", "text/x-html-safe"),
            related_plan=RelationValue(getUtility(IIntIds).getId(plan)),
        )
        item.setCreators(["K.C"])  # the byline, as the 777 article signs it
        _publish(item, "2024/04/18 09:30 GMT+7")
    transaction.commit()
    add_user("web-editor", roles=("Member", "Editor"))
    return item


def _shown_count(page) -> int:
    count = page.locator(".thdtre-view-count .thdtre-views").inner_text()
    return int(count.replace(".", ""))


def test_visitors_raise_the_counter_and_editors_do_not(
    news, new_page, log_in, url_of, screenshot, server_error
):
    store = counter_store()
    before = store.views(key=news.UID())
    url = url_of(news)

    run = uuid.uuid4().int % 10**6
    visitor = new_page(user_agent=BROWSER.format(f"{run}1"))
    response = visitor.goto(url)
    assert response.status == 200, server_error(response)
    label = visitor.locator(".thdtre-view-count").inner_text()
    assert label.split()[0] in ("Views:", "Lượt"), label
    # A page shows the count from before its own view (as behind the proxy).
    assert _shown_count(visitor) == before
    # A reload by the same visitor (same cookie) within the debounce is not a view.
    visitor.reload()
    assert _shown_count(visitor) == before + 1

    # Another person (another browser, here another user agent) is a new visitor.
    # A second cookieless page of the same address and browser within the
    # debounce would not count (a client that drops cookies counts once).
    second = new_page(user_agent=BROWSER.format(f"{run}2"))
    second.goto(url)
    assert _shown_count(second) == before + 1
    second.reload()
    assert _shown_count(second) == before + 2
    assert visitor.locator("h1").inner_text().strip() == TITLE
    assert LEAD in visitor.locator("#content").inner_text()
    assert "63/KH-KHCN" in second.locator(".thdtre-related-plan").inner_text()
    assert second.locator(".thdtre-byline").inner_text() == "K.C"
    others = second.locator(".thdtre-other-news li").all_inner_texts()
    assert others == ["Phát động Tháng hành động vì trẻ em năm 2023 20/5/2023"]
    screenshot(second, "news")

    # An editor (Modify portal content here) reads the item: not counted.
    editor = new_page()
    log_in(editor, "web-editor")
    assert api.user.has_permission(
        "Modify portal content", username="web-editor", obj=news
    )
    editor.goto(url)
    assert _shown_count(editor) == before + 2
    # The site owner (Manager, creator) neither.
    owner = new_page()
    log_in(owner, SITE_OWNER_NAME, "secret")
    owner.goto(url)
    assert _shown_count(owner) == before + 2

    assert store.views(key=news.UID()) == before + 2
