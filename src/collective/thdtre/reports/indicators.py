"""The per-year results indicators as rows: read, check and store the JSON record.

The registry record ``metrics`` keeps the format ``reports/metrics.py`` reads:
``{"2025": [{"id": "children_supported", "title": "Trẻ em được hỗ trợ",
"unit": "trẻ em", "target": 1000}, ...]}``; ``unit`` and ``target`` are optional
additions that the dashboard shows. The control panel edits it as rows.
"""

from collective.thdtre import _
from collective.thdtre.errors import ThdtreError
from collective.thdtre.interfaces import IThdtreSettings
from plone import api
from plone.i18n.normalizer import idnormalizer

import json
import re


MAX_ROWS = 300
MAX_PER_YEAR = 50
MAX_TITLE, MAX_UNIT, MAX_TARGET = 200, 50, 10**15
ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
YEARS = range(2000, 2101)


class IndicatorError(ThdtreError):
    """A row of the indicators form that cannot be stored."""


def _raw() -> dict:
    raw = api.portal.get_registry_record(
        "metrics", interface=IThdtreSettings, default="{}"
    )
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _target(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if 0 <= value <= MAX_TARGET else None


def normalized(configured: dict) -> dict:
    """Keep what ``metrics_for`` can use, with ``unit`` and ``target`` keys."""
    result = {}
    for year, entries in configured.items():
        if not str(year).isdigit() or not isinstance(entries, list):
            continue
        rows = []
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get("id"):
                continue
            rows.append(
                {
                    "id": str(entry["id"]),
                    "title": str(entry.get("title") or entry["id"]),
                    "unit": str(entry.get("unit") or ""),
                    "target": _target(entry.get("target")),
                }
            )
        if rows:
            result[str(int(year))] = rows
    return dict(sorted(result.items()))


def get_indicators() -> dict:
    """``{year: [{"id", "title", "unit", "target"}]}`` as configured."""
    return normalized(_raw())


def indicator_rows() -> list[dict]:
    """The configured indicators as one list of rows, year by year."""
    return [
        dict(row, year=year) for year, rows in get_indicators().items() for row in rows
    ]


def _parse_target(number: int, text: str):
    text = text.replace(".", "").replace(" ", "")
    if not text:
        return None
    if not text.isdigit() or int(text) > MAX_TARGET:
        raise IndicatorError(
            _(
                "Row ${row}: the target must be a whole number of 0 or more, "
                "e.g. 1.000.",
                mapping={"row": number},
            )
        )
    return int(text)


def parse_rows(rows: list[dict]) -> dict:
    """Check the form's rows (``year``, ``id``, ``title``, ``unit``, ``target``,
    text each) and return the record's value; ``IndicatorError`` says what is wrong."""
    if len(rows) > MAX_ROWS:
        raise IndicatorError(
            _("Give at most ${max} indicators.", mapping={"max": MAX_ROWS})
        )
    result: dict[str, list] = {}
    for number, row in enumerate(rows, start=1):
        values = {k: (row.get(k) or "").strip() for k in ("year", "id", "title")}
        values.update({k: (row.get(k) or "").strip() for k in ("unit", "target")})
        if not any(values.values()):
            continue
        year = values["year"]
        if not year.isdigit() or int(year) not in YEARS:
            raise IndicatorError(
                _("Row ${row}: give the year, e.g. 2025.", mapping={"row": number})
            )
        if not values["title"] or len(values["title"]) > MAX_TITLE:
            raise IndicatorError(
                _(
                    "Row ${row}: give the indicator's name, at most ${max} characters.",
                    mapping={"row": number, "max": MAX_TITLE},
                )
            )
        if len(values["unit"]) > MAX_UNIT:
            raise IndicatorError(
                _(
                    "Row ${row}: the unit is too long, at most ${max} characters.",
                    mapping={"row": number, "max": MAX_UNIT},
                )
            )
        indicator_id = values["id"] or idnormalizer.normalize(
            values["title"], max_length=60
        ).replace("-", "_")
        if not ID_RE.match(indicator_id):
            raise IndicatorError(
                _(
                    "Row ${row}: the code must be lowercase letters, digits or _, "
                    "starting with a letter, e.g. trees_planted.",
                    mapping={"row": number},
                )
            )
        year_rows = result.setdefault(str(int(year)), [])
        if any(r["id"] == indicator_id for r in year_rows):
            raise IndicatorError(
                _(
                    "Row ${row}: the code ${code} is used twice in ${year}.",
                    mapping={"row": number, "code": indicator_id, "year": year},
                )
            )
        if len(year_rows) >= MAX_PER_YEAR:
            raise IndicatorError(
                _(
                    "Row ${row}: a year has at most ${max} indicators.",
                    mapping={"row": number, "max": MAX_PER_YEAR},
                )
            )
        year_rows.append(
            {
                "id": indicator_id,
                "title": values["title"],
                "unit": values["unit"],
                "target": _parse_target(number, values["target"]),
            }
        )
    return dict(sorted(result.items()))


def set_indicators(value: dict) -> None:
    """Store the indicators (as ``parse_rows`` returns them)."""
    api.portal.set_registry_record(
        "metrics",
        json.dumps(normalized(value), ensure_ascii=False),
        interface=IThdtreSettings,
    )


def indicator_details(year) -> dict:
    """``{id: {"unit", "target"}}`` of the year's configured indicators."""
    rows = get_indicators().get(str(year), []) if year else []
    return {r["id"]: {"unit": r["unit"], "target": r["target"]} for r in rows}
