"""The national-size site's news items, and the Collections Plone lists the
same items with (the baselines of ``make bench-scale``), and the build without
CMFEditions versions. Used by scalesite.py."""

from DateTime import DateTime
from datetime import date
from datetime import timedelta
from plone import api
from scalesite import province_name
from scalesite import YEARS

import contextlib
import json
import transaction


def news(builder, total: int, province_plans: dict) -> None:
    container = builder.portal.get("tin-tuc") or api.content.create(
        container=builder.portal, type="Folder", id="tin-tuc", title="Tin tức"
    )
    builder.set_state(container, "published")
    folders = []
    for province in range(1, builder.provinces + 1):
        folder = builder.create(
            container,
            state="published",
            type="Folder",
            id=f"t{province:02d}",
            title=f"Tin tức {province_name(province)}",
        )
        folders.append(folder)
    transaction.commit()
    for index in range(total):
        province = index % builder.provinces + 1
        year = YEARS[index % len(YEARS)]
        day = date(year, 5, 1) + timedelta(days=index % 60)
        item = builder.create(
            folders[province - 1],
            state="published",
            type="News Item",
            id=f"tin-{index:05d}",
            title=f"Tỉnh số {province:02d} hưởng ứng Tháng hành động vì trẻ em "
            f"năm {year} (tin {index})",
            description="Các hoạt động thăm hỏi, tặng quà trẻ em có hoàn cảnh "
            "khó khăn được tổ chức trên địa bàn.",
        )
        item.setEffectiveDate(DateTime(day.isoformat()))
        item.reindexObject(idxs=["effective"])


def listings(builder) -> dict:
    """Plone's own listings of the same items: Collections, built like an editor's."""
    folder = builder.create(
        builder.portal,
        state="published",
        type="Folder",
        id="bench-listings",
        title="Listings",
    )
    any_of = "plone.app.querystring.operation.selection.any"
    queries = {  # criteria, sort, batch size
        "plans": ([("portal_type", ["Plan"])], "created", 50),
        "slogans": ([("portal_type", ["Slogan"])], "created", 1000),
        "front": ([("portal_type", ["News Item", "Plan"])], "effective", 20),
    }
    for name, (criteria, sort_on, size) in queries.items():
        query = [{"i": i, "o": any_of, "v": v} for i, v in criteria]
        query.append({"i": "review_state", "o": any_of, "v": ["published"]})
        builder.create(
            folder,
            state="published",
            type="Collection",
            id=name,
            title=name,
            query=query,
            sort_on=sort_on,
            sort_reversed=True,
            item_count=size,
        )
    transaction.commit()


@contextlib.contextmanager
def without_versions(portal, saved=None):
    """No CMFEditions version of what is added inside; the versionable types
    are put back afterwards. ``saved`` (a file) keeps the list across an
    interrupted build, so that its continuation puts back the right one."""
    repository = api.portal.get_tool("portal_repository")
    types = list(repository.getVersionableContentTypes())
    if saved is not None:
        if saved.exists():
            types = json.loads(saved.read_text())
        else:
            saved.write_text(json.dumps(types))
    repository.setVersionableContentTypes([])
    transaction.commit()
    try:
        yield
    finally:
        transaction.abort()
        repository.setVersionableContentTypes(types)
        transaction.commit()
        if saved is not None:
            saved.unlink(missing_ok=True)
