"""The national-size site of ``make bench-scale``, built in a Zope process.

63 provinces, each with five departments (department folders under ``ke-hoach``
with their groups, as an administrator makes them), plans of eight years in
each, a province plan implemented by N plans that each hold a report, slogans
and activities in the province plans, and news items in a folder per province.

Content is made by ``plone.api.content.create`` (ids, add events, catalog) and
committed in batches. States are set as a site migration (collective.exportimport)
sets them: the workflow status and its role mappings, then one reindex. Running
each plan through submit, approve and publish would triple the build time and
give the same catalog.

This is a read benchmark: CMFEditions keeps no first version of what the build
adds (``without_versions``; the list of versionable types is put back at the
end). Versions live in the history storage (``portal_historiesstorage``), which
none of the timed pages reads; the content, its workflow state, permissions,
relations and the catalog are what a real site holds. Keeping them made the
build ten times slower (0.3-0.4 s an object).
"""

from DateTime import DateTime
from datetime import date
from datetime import timedelta
from plone import api

import time
import transaction


YEARS = tuple(range(2017, 2025))
THEMES = {
    year: f"Chủ đề Tháng hành động vì trẻ em năm {year}: trẻ em được bảo vệ, "
    f"chăm sóc và phát triển toàn diện (số {year - 2016})"
    for year in YEARS
}
# (abbreviation, the body's name as the documents write it: some upper-case as in
# the header, some as in running text)
BODIES = (
    ("UBND", "ỦY BAN NHÂN DÂN TỈNH {p}"),
    ("LDTBXH", "Sở Lao động - Thương binh và Xã hội tỉnh {p}"),
    ("YT", "SỞ Y TẾ TỈNH {p}"),
    ("GDDT", "Sở Giáo dục và Đào tạo tỉnh {p}"),
    ("VHTTDL", "Sở Văn hóa, Thể thao và Du lịch tỉnh {p}"),
)
PROVINCES = 63
COMMIT_EVERY = 500
SLOGANS_PER_PROVINCE_PLAN = 5
ACTIVITIES_PER_PROVINCE_PLAN = 3


def province_name(index: int) -> str:
    return f"Tỉnh Số {index:02d}"


def department_id(province: int, code: str) -> str:
    return f"t{province:02d}-{code.lower()}"


class Builder:
    """Makes the content and commits every ``COMMIT_EVERY`` objects."""

    def __init__(self, portal, log=print, provinces=PROVINCES):
        self.portal = portal
        self.began = time.perf_counter()
        self.log = lambda m: log(f"[{time.perf_counter() - self.began:5.0f} s] {m}")
        self.provinces = provinces
        self.made = 0
        self.wftool = api.portal.get_tool("portal_workflow")

    def made_one(self):
        self.made += 1
        if self.made % COMMIT_EVERY == 0:
            transaction.commit()
            if self.made % (COMMIT_EVERY * 4) == 0:
                rate = self.made / (time.perf_counter() - self.began)
                self.log(f"  {self.made} objects ({rate:.1f} objects/s)")

    def set_state(self, obj, state: str):
        """The state as a migration sets it: status, role mappings, reindex."""
        chain = self.wftool.getChainFor(obj)
        if not chain:
            return
        workflow = self.wftool.getWorkflowById(chain[0])
        if workflow.initial_state == state:
            return
        self.wftool.setStatusOf(
            chain[0],
            obj,
            {
                "action": None,
                "actor": "admin",
                "comments": "",
                "review_state": state,
                "time": DateTime(),
            },
        )
        workflow.updateRoleMappingsFor(obj)
        obj.reindexObject()  # merged with the add in the indexing queue

    def create(self, container, state=None, **fields):
        if fields["id"] in container:  # made by an interrupted build
            self.made_one()
            return container[fields["id"]]
        obj = api.content.create(container=container, safe_id=False, **fields)
        if state:
            self.set_state(obj, state)
        self.made_one()
        return obj


def departments(builder):
    from collective.thdtre.departments.api import create_department
    from collective.thdtre.departments.api import department_folder
    from collective.thdtre.departments.api import get_department

    folders = {}
    for province in range(1, builder.provinces + 1):
        name = province_name(province)
        for code, body in BODIES:
            ident = department_id(province, code)
            if get_department(id=ident) is not None:
                folders[(province, code)] = (department_folder(id=ident), body, name)
                continue
            create_department(
                id=ident,
                title=body.format(p=name).replace("TỈNH", "tỉnh"),
                abbreviation=f"{code}{province:02d}",
                parent_body=f"UBND TỈNH {name.upper()}",
            )
            folders[(province, code)] = (department_folder(id=ident), body, name)
        transaction.commit()
        if province % 10 == 0:
            builder.log(f"  departments of {province} provinces")
    return folders


def plan_fields(number, year, code, issuer, province_name_, index):
    issued = date(year, 4, 1) + timedelta(days=(number * 7 + index) % 50)
    return {
        "type": "Plan",
        "id": f"kh-{year}-{number:03d}",
        "title": f"Kế hoạch tổ chức Tháng hành động vì trẻ em năm {year} "
        f"của {issuer} (số {number})",
        "number": number,
        "symbol": f"KH-{code}",
        "issuing_body": issuer,
        "parent_body": f"UBND {province_name_.upper()}",
        "issue_place": province_name_,
        "issue_date": issued,
        "year": year,
        "theme": THEMES[year],
        "period_start": date(year, 6, 1),
        "period_end": date(year, 6, 30),
    }


def plans(builder, folders, total: int) -> dict:
    """``total`` plans spread over departments and years; returns the province
    plans (the UBND's, per province and year) and the departments' published
    plans, in the order they were made."""
    per_department_year = max(1, -(-total // (len(folders) * len(YEARS))))
    made, province_plans, others = 0, {}, []
    for number in range(1, per_department_year + 1):
        for (province, code), (folder, body, name) in folders.items():
            issuer = body.format(p=name)
            for year in YEARS:
                if made >= total:
                    return {"province": province_plans, "others": others}
                fields = plan_fields(number, year, code, issuer, name, made)
                # One plan in ten is still a draft or waits for approval.
                state = ("draft", "pending")[made % 2] if made % 10 == 9 else None
                if state == "draft":
                    fields.pop("number")
                plan = builder.create(folder, state=state or "published", **fields)
                made += 1
                if code == "UBND" and number == 1:
                    province_plans[(province, year)] = plan
                elif code != "UBND" and state is None:
                    others.append(plan)
    return {"province": province_plans, "others": others}


def province_plan_parts(builder, province_plans: dict):
    # Slogans in the last two years' province plans, activities in the last's.
    for (province, year), plan in province_plans.items():
        if year < YEARS[-2]:
            continue
        for index in range(1, SLOGANS_PER_PROVINCE_PLAN + 1):
            builder.create(
                plan,
                state="published",
                type="Slogan",
                id=f"khau-hieu-{index}",
                title=f"Khẩu hiệu {index} năm {year}: vì trẻ em tỉnh số "
                f"{province:02d}!",
                position=index,
            )
        for index in range(1, ACTIVITIES_PER_PROVINCE_PLAN + 1):
            if year != YEARS[-1]:
                break
            builder.create(
                plan,
                state="published",
                type="Activity",
                id=f"hoat-dong-{index}",
                title=f"Hoạt động {index}: thăm hỏi, tặng quà trẻ em",
                lead_unit="Sở Lao động - Thương binh và Xã hội",
                start=date(year, 6, index),
                end=date(year, 6, 20 + index),
            )


def implementing(builder, target, sources: list) -> None:
    """``sources`` implement ``target``; three in five have an approved report."""
    from z3c.relationfield import RelationValue
    from zope.component import getUtility
    from zope.event import notify
    from zope.intid.interfaces import IIntIds
    from zope.lifecycleevent import ObjectModifiedEvent

    target_id = getUtility(IIntIds).getId(target)
    for index, plan in enumerate(sources):
        plan.implements = [RelationValue(target_id)]
        notify(ObjectModifiedEvent(plan))  # the relation catalog, as an edit does
        plan.reindexObject()
        if index % 5 < 4:
            approved = index % 5 < 3
            builder.create(
                plan,
                state="approved" if approved else "pending",
                type="Report",
                id="bao-cao",
                title=f"Báo cáo kết quả của {plan.issuing_body}",
                reporting_unit=plan.issuing_body,
                submitted_date=date(2024, 7, 1 + index % 20),
                children_supported=100 + index,
                gifts=10 + index % 7,
                events_held=1 + index % 3,
            )
        else:
            builder.made_one()


def build(portal, *, saved=None, **sizes) -> dict:
    """``content`` without CMFEditions versions (see the module's doc)."""
    from scalenews import without_versions

    with without_versions(portal, saved):
        return content(portal, **sizes)


def content(
    portal,
    *,
    plans_total: int,
    news_total: int,
    implementing_total: int,
    provinces: int = PROVINCES,
    log=print,
) -> dict:
    """Everything above, committed; returns the paths the bench times."""
    from collective.thdtre.interfaces import IThdtreSettings
    from scalenews import listings
    from scalenews import news

    api.portal.set_registry_record("four_eyes", False, interface=IThdtreSettings)
    builder = Builder(portal, log, provinces)
    log = builder.log
    folders = departments(builder)
    log(f"{len(folders)} departments")
    made = plans(builder, folders, plans_total)
    transaction.commit()
    log(f"{plans_total} plans")
    province_plan_parts(builder, made["province"])
    target = made["province"][(1, YEARS[-1])]
    sources = made["others"][:implementing_total]
    implementing(builder, target, sources)
    transaction.commit()
    log(f"{len(sources)} plans implementing {target.absolute_url(1)}")
    news(builder, news_total, made["province"])
    transaction.commit()
    log(f"{news_total} news items")
    listings(builder)
    return {
        "province_plan": "/".join(target.getPhysicalPath()),
        "implementing": len(sources),
        "filter_issuer": sources[0].issuing_body if sources else "",
    }
