"""Social-insurance data files from the human-resources and social-security bureau (CSV or XLSX).

Columns (a header row first; English or Chinese names, any order, other columns ignored):

| column | 中文 | holds |
|---|---|---|
| `id_number` | 证件号码 | the person's 18-character citizen ID, or the 20-character disability certificate number |
| `credit_code` | 统一社会信用代码 | the paying employer's unified social credit code |
| `year` | 年度 | the year the months belong to |
| `months` | 缴费月份 | the months paid: `1-12`, `1-6,9`, `3` |

A file is checked whole before anything is stored: one bad row and nothing of it is imported; each problem
is reported with the file name, the line (the header is line 1) and the column. Numbers are ASCII digits only
(`²⁰²⁵` is a digit to `str.isdigit()`, not a year). The same file (by its SHA-256) is never imported twice,
and a month already known is not stored twice. In the inbox, a file that is rejected or fails is moved aside
into `rejected/` and staff are told; the other files are imported all the same.
"""

import calendar
import csv
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

from models import Employer, Employment, InsuranceImport, InsurancePayment, Seeker
from models.identifiers import IdentifierError, compact, validate_credit_code

from . import audit
from .errors import DomainError
from .hires import end_employment
from .i18n import N_
from .notifications import notify_staff

log = logging.getLogger("ablematch.insurance")

#: a month or a range of months of one year, in ASCII digits: 3, 1-12
MONTHS = re.compile(r"([0-9]{1,2})(?:\s*-\s*([0-9]{1,2}))?")
YEAR = re.compile(r"[0-9]{4}")
#: where the inbox puts the files it could not import
REJECTED = "rejected"

COLUMNS = {
    "id_number": ("id_number", "证件号码", "身份证号码", "残疾人证号"),
    "credit_code": ("credit_code", "统一社会信用代码"),
    "year": ("year", "年度"),
    "months": ("months", "缴费月份"),
}


@dataclass
class Problem:
    file: str
    line: int | None
    column: str | None
    #: missing_column, unreadable, empty, id_number, credit_code, year, months
    code: str
    value: str = ""

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "code": self.code, "value": self.value}


@dataclass
class Parsed:
    filename: str
    payments: set = field(default_factory=set)  # {(citizen_id, credit_code, year, month)}
    problems: list = field(default_factory=list)
    rows: int = 0


def _rows(filename: str, data: bytes):
    """(line number, list of cell texts), the header first."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
            yield number, ["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                           for v in row]
        book.close()
    else:
        text = data.decode("utf-8-sig")
        for number, row in enumerate(csv.reader(io.StringIO(text)), 1):
            yield number, row


def parse_months(text: str) -> list[int]:
    """The months of "1-6,9" (commas may be Chinese); ValueError unless every month is from 1 to 12."""
    months = set()
    for part in text.replace("，", ",").replace("、", ",").split(","):
        part = part.strip()
        if not part:
            continue
        match = MONTHS.fullmatch(part)
        if match is None:
            raise ValueError(text)
        first, last = int(match[1]), int(match[2] or match[1])
        if not 1 <= first <= last <= 12:
            raise ValueError(text)
        months.update(range(first, last + 1))
    if not months:
        raise ValueError(text)
    return sorted(months)


def parse_file(filename: str, data: bytes) -> Parsed:
    parsed = Parsed(filename)
    try:
        rows = list(_rows(filename, data))
    except Exception:  # not UTF-8, not a workbook, a broken zip...
        parsed.problems.append(Problem(filename, None, None, "unreadable"))
        return parsed
    rows = [(n, r) for n, r in rows if any(str(c).strip() for c in r)]
    if not rows:
        parsed.problems.append(Problem(filename, None, None, "empty"))
        return parsed
    header_line, header = rows[0]
    names = [str(c).strip().lower() for c in header]
    where = {}
    for key, aliases in COLUMNS.items():
        index = next((i for i, name in enumerate(names) if name in aliases), None)
        if index is None:
            parsed.problems.append(Problem(filename, header_line, key, "missing_column"))
        where[key] = index
    if parsed.problems:
        return parsed
    for line, row in rows[1:]:
        parsed.rows += 1
        cell = {key: (str(row[i]).strip() if i < len(row) else "") for key, i in where.items()}
        problems = []
        citizen = compact(cell["id_number"])[:18]
        try:
            if len(compact(cell["id_number"])) not in (18, 20):
                raise stdnum_errors.InvalidLength()
            ric.validate(citizen)
        except stdnum_errors.ValidationError:
            problems.append(Problem(filename, line, "id_number", "id_number", cell["id_number"]))
        try:
            credit = validate_credit_code(cell["credit_code"])
        except IdentifierError:
            problems.append(Problem(filename, line, "credit_code", "credit_code", cell["credit_code"]))
        year = int(cell["year"]) if YEAR.fullmatch(cell["year"]) else None
        if year is None or not 2000 <= year <= 2100:
            problems.append(Problem(filename, line, "year", "year", cell["year"]))
        try:
            months = parse_months(cell["months"])
        except ValueError:
            problems.append(Problem(filename, line, "months", "months", cell["months"]))
        if problems:
            parsed.problems += problems
            continue
        parsed.payments.update((citizen, credit, year, month) for month in months)
    return parsed


def import_file(session: Session, filename: str, data: bytes, *, user_id: int | None = None) -> InsuranceImport:
    """Import a file whole or not at all; return its InsuranceImport (status imported, rejected or duplicate).

    A file already imported (same bytes) returns the earlier record with status "duplicate", unsaved.
    """
    digest = hashlib.sha256(data).hexdigest()
    earlier = session.scalar(select(InsuranceImport).where(InsuranceImport.sha256 == digest))
    if earlier is not None and earlier.status == "rejected":
        return earlier
    if earlier is not None:
        return InsuranceImport(filename=filename, sha256=digest, status="duplicate", rows=earlier.rows,
                               errors=[], user_id=user_id)
    parsed = parse_file(filename, data)
    if parsed.problems:
        record = InsuranceImport(filename=filename, sha256=digest, status="rejected", rows=parsed.rows,
                                 errors=[p.to_dict() for p in parsed.problems], user_id=user_id)
        session.add(record)
        session.flush()
        return record
    record = InsuranceImport(filename=filename, sha256=digest, status="imported", rows=parsed.rows, errors=[],
                             user_id=user_id)
    session.add(record)
    session.flush()
    years = {p[2] for p in parsed.payments}
    known = set()
    if parsed.payments:
        known = set(session.execute(
            select(InsurancePayment.citizen_id, InsurancePayment.credit_code, InsurancePayment.year,
                   InsurancePayment.month)
            .where(InsurancePayment.year.in_(years),
                   InsurancePayment.citizen_id.in_({p[0] for p in parsed.payments}))).all())
    new = sorted(parsed.payments - {tuple(k) for k in known})
    session.add_all(InsurancePayment(citizen_id=c, credit_code=e, year=y, month=m, import_id=record.id)
                    for c, e, y, m in new)
    session.flush()
    return record


class SettleError(DomainError):
    messages = {"not_rejected": N_("Only a rejected file that is not settled yet can be marked as settled.")}


def rejected_unsettled() -> Select:
    """Rejected files that staff have not dealt with yet, the oldest first."""
    return (select(InsuranceImport).where(InsuranceImport.status == "rejected", InsuranceImport.settled_at.is_(None))
            .order_by(InsuranceImport.imported_at, InsuranceImport.id))


def settle_rejected(session: Session, import_id: int, *, by_user_id: int, now: datetime) -> InsuranceImport:
    """Staff have dealt with a rejected file (asked the bureau again, imported a corrected file)."""
    record = session.get(InsuranceImport, import_id)
    if record is None or record.status != "rejected" or record.settled_at is not None:
        raise SettleError("not_rejected")
    record.settled_at, record.settled_by_id = now, by_user_id
    audit.record(session, action="update", subject_type="insurance_import", subject_id=record.id,
                 detail={"settled": record.filename}, user_id=by_user_id)
    session.flush()
    return record


def insurance_imports(session: Session, limit: int = 20) -> list[InsuranceImport]:
    """The latest stored imports (imported or rejected; a duplicate is never stored), newest first."""
    return list(session.scalars(select(InsuranceImport).order_by(InsuranceImport.id.desc()).limit(limit)))


def import_insurance_inbox(session: Session, folder: Path | None) -> dict:
    """Import every CSV or XLSX file in the inbox not imported before (by content), then flag stopped insurance.

    Each file is imported in a savepoint of its own: one that is rejected, or fails in a way no check foresaw,
    is moved into `rejected/` and named to staff, and the files after it are imported all the same.
    """
    if folder is None or not Path(folder).is_dir():
        return {"folder": str(folder) if folder else None, "imported": 0, "rejected": 0, "stopped": 0}
    imported, rejected = [], []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() not in (".csv", ".xlsx") or not path.is_file():
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if session.scalar(select(InsuranceImport.id).where(InsuranceImport.sha256 == digest)):
            continue  # imported (or rejected) before: a file is handled once
        try:
            with session.begin_nested():
                status = import_file(session, path.name, data).status
        except Exception:  # noqa: BLE001 - one file's fault must not stop the others; it is logged and set aside
            log.exception("insurance inbox: %s failed", path.name)
            status = "failed"
        if status == "imported":
            imported.append(path.name)
        else:
            rejected.append(path.name)
            (path.parent / REJECTED).mkdir(exist_ok=True)
            path.replace(path.parent / REJECTED / path.name)
    stopped = flag_stopped_insurance(session)
    end_stopped_employments(session, stopped)
    if imported or rejected or stopped:
        notify_staff(session, "insurance_import", {"imported": imported, "rejected": rejected,
                                                    "stopped": stopped})
    return {"folder": str(folder), "imported": len(imported), "rejected": len(rejected), "stopped": len(stopped)}


def end_stopped_employments(session: Session, employment_ids: list[int]) -> None:
    """Insurance stopped: each employment ends on the last day of the last month the employer paid for the
    person (services.hires: a check-in within a week, new matches offered)."""
    for employment in session.scalars(select(Employment).where(Employment.id.in_(employment_ids))):
        last = session.scalar(select(func.max(InsurancePayment.year * 100 + InsurancePayment.month)).where(
            InsurancePayment.citizen_id == employment.seeker.certificate_number[:18],
            InsurancePayment.credit_code == employment.employer.credit_code))
        year, month = divmod(last, 100)
        end_on = max(employment.start_on, date(year, month, calendar.monthrange(year, month)[1]))
        end_employment(session, employment, end_on, by_user_id=None, reason="insurance_stopped")


def flag_stopped_insurance(session: Session) -> list[int]:
    """Current employments whose person's insurance, paid by the employer before, is missing from the latest
    month the bureau reported for that employer: their ids (the inbox import ends them)."""
    latest_of_employer = dict(session.execute(
        select(InsurancePayment.credit_code, func.max(InsurancePayment.year * 100 + InsurancePayment.month))
        .group_by(InsurancePayment.credit_code)).all())
    if not latest_of_employer:
        return []
    latest_of_person = dict(((c, e), m) for c, e, m in session.execute(
        select(InsurancePayment.citizen_id, InsurancePayment.credit_code,
               func.max(InsurancePayment.year * 100 + InsurancePayment.month))
        .group_by(InsurancePayment.citizen_id, InsurancePayment.credit_code)).all())
    stopped = []
    for employment_id, certificate, credit_code in session.execute(
            select(Employment.id, Seeker.certificate_number, Employer.credit_code)
            .join(Seeker, Seeker.id == Employment.seeker_id).join(Employer, Employer.id == Employment.employer_id)
            .where(Employment.end_on.is_(None)).order_by(Employment.id)):
        person = latest_of_person.get((certificate[:18], credit_code))
        if person is not None and person < latest_of_employer[credit_code]:
            stopped.append(employment_id)
    return stopped
