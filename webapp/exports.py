"""Exports (CSV, XLSX) in the reader's language: headers and values such as statuses, yes/no, the township and
the industry's section named for the reader, with the stored code kept in a column of its own where a program
reading the file needs one; times in the district's zone, the zone named in the header and the offset in the
value.

Every export goes through `csv_file` or `xlsx_file`, which neutralise text a spreadsheet would run as a formula
(a company named `=HYPERLINK(...)`): OWASP's advice on CSV injection, a leading apostrophe. Numbers stay numbers.
"""

import csv
import io
from collections.abc import Callable, Iterable
from decimal import Decimal

from flask import send_file
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .clock import clock
from .labels import kind_label, state_label

HEADERS = {
    "credit_code": _l("Unified social credit code"),
    "employer": _l("Employer"),
    "township_code": _l("Township code"),
    "township": _l("Township"),
    "industry_code": _l("Industry section (GB/T 4754-2017)"),
    "industry": _l("Industry"),
    "employer_kind": _l("Kind of employer (code)"),
    "employer_kind_name": _l("Kind of employer"),
    "year": _l("Year"),
    "status": _l("Status (code)"),
    "status_name": _l("Status"),
    "staff": _l("Average staff"),
    "avg_wage": _l("Average yearly wage"),
    "required": _l("Required disabled employees"),
    "counted": _l("Counted disabled employees"),
    "shortfall": _l("Shortfall"),
    "exempt": _l("Exempt"),
    "tier": _l("Reduction tier"),
    "levy_due": _l("Levy due"),
    "currency": _l("Currency"),
    "assessed_at": _l("Assessed at (%(zone)s time)"),
}
#: a code column followed by its name in the reader's language
NAMED = {"status": "status_name", "employer_kind": "employer_kind_name"}


#: what makes a spreadsheet program read a cell as a formula (OWASP, "CSV Injection")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(value):
    """A text that would start a formula, as plain text (a leading apostrophe); anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def yes_no(value) -> str:
    return "" if value is None or value == "" else (_("Yes") if value else _("No"))


def table(rows: Iterable[dict], columns: Iterable[str],
          status_label: Callable[[str], str] = state_label) -> tuple[list[str], list[list]]:
    """(headers, rows of values) for `columns` of `rows`, in the reader's language."""
    names = {"status": status_label, "employer_kind": kind_label}
    shown = []
    for column in columns:
        shown.append(column)
        if column in NAMED:
            shown.append(NAMED[column])
    zone = clock().tz.key
    headers = [str(HEADERS[c]) % {"zone": zone} if c == "assessed_at" else str(HEADERS[c]) for c in shown]
    out = []
    for row in rows:
        values = []
        for column in shown:
            if column in NAMED.values():
                code = next(c for c, n in NAMED.items() if n == column)
                values.append(names[code](row[code]) if row[code] else "")
            elif column == "exempt":
                values.append(yes_no(row[column]))
            elif column == "assessed_at":
                moment = row[column]
                values.append(clock().local(moment).isoformat(sep=" ", timespec="seconds") if moment else "")
            else:
                values.append(row[column])
        out.append(values)
    return headers, out


def csv_file(headers: list[str], rows: list[list], name: str):
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutral(h) for h in headers])
    writer.writerows([neutral(v) for v in row] for row in rows)
    return send_file(io.BytesIO(buffer.getvalue().encode("utf-8-sig")), mimetype="text/csv", as_attachment=True,
                     download_name=name)


def xlsx_file(headers: list[str], rows: list[list], name: str, title: str):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([neutral(h) for h in headers])
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else neutral(v) for v in row])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return send_file(data, as_attachment=True, download_name=name,
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
