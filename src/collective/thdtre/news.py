"""A draft news item that summarises a plan the way the 777/KH-UBND article does."""

from collective.thdtre import _
from collective.thdtre import dates
from collective.thdtre.errors import ThdtreError
from collective.thdtre.importer.load import create_content
from html import escape
from plone import api


NEWS_FOLDER = "tin-tuc"


def _signer(plan):
    title = (plan.signer_title or "").strip()
    name = (plan.signer_name or "").strip()
    # "PHÓ GIÁM ĐỐC" reads "Phó Giám đốc" in running text.
    title = title[:1].upper() + title[1:].lower() if title.isupper() else title
    return " ".join(p for p in (title, name) if p)


def lead(plan) -> str:
    """``Ngày 02/4/2024, Phó Chủ tịch ... đã ký ban hành Kế hoạch số 777/KH-UBND``."""
    parts = []
    if plan.issue_date:
        parts.append(f"Ngày {dates.short_date(plan.issue_date)},")
    signer = _signer(plan)
    body = plan.issuing_body or ""
    who = " ".join(p for p in (signer, body and f"({body})") if p)
    parts.append(f"{who} đã ký ban hành" if who else "Đã ban hành")
    parts.append(f"Kế hoạch số {plan.document_number}" if plan.number else "Kế hoạch")
    parts.append(f"về việc {plan.title[:1].lower()}{plan.title[1:]}.")
    text = " ".join(parts)
    return text[:1].upper() + text[1:]


def body_html(plan) -> str:
    """Theme and period, then the main activities with their lead units."""
    html = []
    if plan.theme or plan.period_start:
        sentence = "Theo đó, Tháng hành động vì trẻ em"
        if plan.year:
            sentence += f" năm {plan.year}"
        if plan.theme:
            sentence += f" có chủ đề: “{escape(plan.theme)}”"
        period = dates.period(plan.period_start, plan.period_end)
        if period:
            sentence += f"; thời gian {period[0].lower()}{period[1:]}"
        html.append(f"<p>{sentence}.</p>")
    activities = plan.listFolderContents(contentFilter={"portal_type": "Activity"})
    if activities:
        html.append("<p>Các hoạt động chính:</p><ul>")
        for activity in activities:
            unit = f" ({escape(activity.lead_unit)})" if activity.lead_unit else ""
            html.append(f"<li>{escape(activity.title)}{unit}</li>")
        html.append("</ul>")
    return "\n".join(html)


def news_folder():
    """Where news items go: the site's ``tin-tuc`` folder."""
    portal = api.portal.get()
    folder = portal.get(NEWS_FOLDER)
    if folder is None:
        raise ThdtreError(_("There is no news folder 'tin-tuc' on this site."))
    return folder


def create_news_from_plan(*, plan, container=None):
    """Create a draft News Item about ``plan`` in ``container`` (the news folder)."""
    if api.content.get_state(obj=plan) not in ("approved", "published"):
        raise ThdtreError(_("Only an approved or published plan can become news."))
    container = container if container is not None else news_folder()
    news = create_content(
        container=container,
        type="News Item",
        data={
            "title": plan.title,
            "description": lead(plan),
            "text": {"data": body_html(plan), "content-type": "text/html"},
            "related_plan": plan.UID(),
        },
    )
    return news
