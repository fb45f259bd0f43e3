"""The results summary and a plan's reports as .csv and .xlsx, with Vietnamese
headers and Vietnamese number format (thousands separated by ``.``).

Text that a spreadsheet would run as a formula leaves as inert text
(``cells.neutralise``); figures stay numbers."""

from collective.thdtre.exporter.cells import neutralise
from io import BytesIO
from io import StringIO
from openpyxl import Workbook
from openpyxl.styles import Font

import csv


STATUS_VI = {
    "approved_on_time": "Đã duyệt, đúng hạn",
    "approved_late": "Đã duyệt, muộn",
    "submitted": "Đã gửi, chờ duyệt",
    "draft": "Đang soạn",
    "missing": "Chưa báo cáo",
}
SUMMARY_HEADERS = ["Đơn vị", "Kế hoạch", "Cấp", "Tình trạng", "Số ngày muộn"]


def vn_number(value) -> str:
    """``1.250.000``."""
    return f"{int(value or 0):,}".replace(",", ".")


def summary_table(summary: dict) -> tuple[list[str], list[list]]:
    """Headers and rows (numbers as ints) of the dashboard's table, with totals."""
    metrics = summary["metrics"]
    headers = SUMMARY_HEADERS + [m["title"] for m in metrics]
    rows = []
    for row in summary["rows"]:
        rows.append(
            [
                row["unit"],
                row["plan"]["document_number"] or row["plan"]["title"],
                row["level"],
                STATUS_VI[row["status"]],
                row["days_late"],
            ]
            + [
                row["metrics"].get(m["id"], 0) if row["metrics"] else None
                for m in metrics
            ]
        )
    rows.append(
        ["Tổng cộng (báo cáo đã duyệt)", "", "", "", ""]
        + [summary["totals"].get(m["id"], 0) for m in metrics]
    )
    return headers, rows


def to_csv(headers, rows, *, numeric_from: int) -> bytes:
    """UTF-8 with BOM (Excel opens it right), numbers as ``1.250.000``."""
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow(
            [
                vn_number(v)
                if i >= numeric_from and isinstance(v, int)
                else ("" if v is None else neutralise(v))
                for i, v in enumerate(row)
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """One sheet per ``(title, headers, rows)``; numbers keep their value."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append([neutralise(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([neutralise(v) for v in row])
        for column in sheet.iter_cols():
            for cell in column:
                if isinstance(cell.value, int) and cell.row > 1:
                    cell.number_format = "#,##0"
                elif isinstance(cell.value, str):
                    # openpyxl reads any text starting with "=" as a formula.
                    cell.data_type = "s"
        for index, header in enumerate(headers, start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(
                12, min(len(header) + 4, 45)
            )
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
