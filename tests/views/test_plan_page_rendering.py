"""The plan page's fast paths show what the slow ones did: the activities block
escapes every value it writes, and the document laid out once per change shows
the plan's next edit and a newly visible part at once."""

from views_world import browser
from views_world import folder_of
from views_world import KHCN
from views_world import make_plan
from views_world import setup_world

import transaction


EVIL = '<script>alert("x")</script> & <b>bold</b>'


def test_activities_block_escapes_and_document_follows_edits(
    functional_portal, functional_app
):
    setup_world()
    plan = make_plan(
        folder_of(KHCN),
        state="published",
        title="Kế hoạch hiển thị nhanh",
        number=5,
        symbol="KH-KHCN",
        year=2024,
        activities=[{"title": EVIL, "lead_unit": EVIL, "coordinating_units": [EVIL]}],
    )
    transaction.commit()
    made = browser(functional_app)
    made.open(plan.absolute_url())
    page = made.contents
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "<b>bold</b>" not in page

    made.open(plan.absolute_url())  # laid out from the cache now
    plan.title = "Kế hoạch đã sửa tên"
    plan.reindexObject()
    transaction.commit()
    made.open(plan.absolute_url())
    assert "Kế hoạch đã sửa tên" in made.contents
    assert "Kế hoạch hiển thị nhanh" not in made.contents
