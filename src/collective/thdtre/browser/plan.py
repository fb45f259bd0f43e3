"""The Plan laid out as the official document (Decree 30/2020/NĐ-CP)."""

from collective.thdtre import dates
from collective.thdtre.content.slogan import slogan_order
from collective.thdtre.vocabularies.vocabularies import PROGRESS
from collective.thdtre.workflow import state_title
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate
from zope.security import checkPermission

import re


# "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH" is printed on two lines, one per prefix.
SIGNING_PREFIXES = re.compile(r"\s+(?=(?:TM|KT|TL|TUQ)\.\s)")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
NATIONAL_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_SUBMOTTO = "Độc lập - Tự do - Hạnh phúc"


class PlanView(BrowserView):
    """Default view of a Plan."""

    national_motto = NATIONAL_MOTTO
    national_submotto = NATIONAL_SUBMOTTO

    def number_line(self):
        """``Số: 63/KH-KHCN``; a draft keeps the blank: ``Số:    /KH-STP``."""
        number = self.context.number
        symbol = self.context.symbol or ""
        return f"Số: {number}/{symbol}" if number is not None else f"Số:      /{symbol}"

    def place_and_date(self):
        return dates.place_and_date(
            self.context.issue_place, self.context.issue_date, year=self.context.year
        )

    def is_draft(self):
        return self.context.number is None or self.context.issue_date is None

    def period(self):
        return dates.period(self.context.period_start, self.context.period_end)

    def short_date(self, value):
        return dates.short_date(value)

    def long_date(self, value):
        return dates.long_date(value) if value else ""

    def _children(self, portal_type):
        return self.context.listFolderContents(
            contentFilter={"portal_type": portal_type}
        )

    def slogans(self):
        return sorted(self._children("Slogan"), key=slogan_order)

    def activities(self):
        if not hasattr(self, "_activities"):
            self._activities = self._children("Activity")
        return self._activities

    def implemented_plans(self):
        """The plans this plan implements, that the visitor may see."""
        plans = []
        for relation in self.context.implements or []:
            target = relation.to_object if not relation.isBroken() else None
            if target is not None and checkPermission("zope2.View", target):
                plans.append(target)
        return plans

    def implementing_plans(self):
        """Plans that implement this one and the visitor may see, with their state."""
        rows = []
        for relation in api.relation.get(
            target=self.context, relationship="implements"
        ):
            source = relation.from_object
            if source is None or not checkPermission("zope2.View", source):
                continue
            rows.append(
                {
                    "url": source.absolute_url(),
                    "title": source.title,
                    "number": source.document_number,
                    "issuer": source.issuing_body or "",
                    "state": state_title(api.content.get_state(obj=source, default="")),
                }
            )
        return sorted(rows, key=lambda r: (r["issuer"], r["number"]))

    def signing_lines(self):
        """The signing authority, one line per prefix (TM., KT., TL., TUQ.)."""
        return [
            line
            for line in SIGNING_PREFIXES.split(self.context.signing_authority or "")
            if line
        ]

    def headings(self):
        """Roman-numbered headings of the sections this plan has, in order."""
        if hasattr(self, "_headings"):
            return self._headings
        plan = self.context
        present = [
            ("purpose", "MỤC ĐÍCH, YÊU CẦU", plan.purpose or plan.requirements),
            ("theme", "CHỦ ĐỀ, THỜI GIAN", plan.theme or self.period()),
            ("activities", "NỘI DUNG HOẠT ĐỘNG", self.activities()),
            ("budget", "KINH PHÍ THỰC HIỆN", self.rich("budget")),
            ("implementation", "TỔ CHỨC THỰC HIỆN", self.rich("implementation")),
        ]
        numbered = [(key, title) for key, title, shown in present if shown]
        self._headings = {
            key: f"{ROMAN[i]}. {title}" for i, (key, title) in enumerate(numbered)
        }
        return self._headings

    def progress_title(self, progress):
        return translate(
            dict(PROGRESS).get(progress, progress or ""), context=self.request
        )

    def paragraphs(self, text):
        """Plain text split into paragraphs (blank lines or line breaks)."""
        return [p.strip() for p in (text or "").splitlines() if p.strip()]

    def rich(self, name):
        value = getattr(self.context, name, None)
        return value.output_relative_to(self.context) if value else ""
