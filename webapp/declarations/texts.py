"""Words for the codes the declaration operations return, in the reader's language."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

NOT_COUNTED = {
    "short_contract": _l("not counted: the contract is shorter than one year"),
    "below_minimum_wage": _l("not counted: the wage is below the local minimum wage"),
    "no_insurance": _l("not counted: no month of social insurance paid"),
}

MISMATCH = {
    "unknown_certificate": _l("The certificate number is not in the district's registry."),
    "no_insurance_data": _l("The bureau's data shows no social insurance paid by this employer in the year."),
    "insurance_months": _l("The bureau's data shows fewer months of social insurance than declared."),
}

RESOLUTION = {
    "use_bureau": _l("Use the months in the bureau's data"),
    "accept_declared": _l("Accept the declared months (proof seen)"),
    "not_counted": _l("Do not count this employee"),
}

IMPORT_COLUMNS = {"id_number": _l("ID number"), "credit_code": _l("Credit code"), "year": _l("Year"),
                  "months": _l("Months paid")}


def import_problem(problem: dict) -> str:
    code, column, value = problem["code"], problem.get("column"), problem.get("value", "")
    column_name = str(IMPORT_COLUMNS.get(column, column or ""))
    if code == "unreadable":
        return _("The file cannot be read: send a CSV file in UTF-8 or an XLSX workbook.")
    if code == "empty":
        return _("The file is empty.")
    if code == "missing_column":
        return _("The header row has no column %(column)s.", column=column_name)
    messages = {
        "id_number": _("%(value)s is not a valid citizen ID or certificate number.", value=value or "''"),
        "credit_code": _("%(value)s is not a valid unified social credit code.", value=value or "''"),
        "year": _("%(value)s is not a year from 2000 to 2100.", value=value or "''"),
        "months": _("%(value)s is not a list of months from 1 to 12, such as 1-12 or 1-6,9.", value=value or "''"),
    }
    return messages.get(code, code)


def where(problem: dict) -> str:
    if problem.get("line") is None:
        return problem["file"]
    column = problem.get("column")
    if column:
        return _("%(file)s, line %(line)s, column %(column)s", file=problem["file"], line=problem["line"],
                 column=str(IMPORT_COLUMNS.get(column, column)))
    return _("%(file)s, line %(line)s", file=problem["file"], line=problem["line"])
