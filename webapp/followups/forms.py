from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from services.followups import METHODS, PROBLEMS, SUPPORTS

from ..clock import today
from ..profile_fields import MultiCheckboxField, int_or_none

#: rows of supports on one check-in form
SUPPORT_ROWS = 3
DATE_MESSAGE = _l("Enter the date as year-month-day, such as 2026-12-03.")
SATISFACTION = [SelectChoice("", _l("Not asked")), SelectChoice(1, _l("1 – very unhappy")),
                SelectChoice(2, _l("2 – unhappy")), SelectChoice(3, _l("3 – neither")), SelectChoice(4, _l("4 – happy")),
                SelectChoice(5, _l("5 – very happy"))]


def _not_future(form, field):
    if field.data and field.data > today():
        raise ValidationError(_("This date cannot be after today."))


class CheckInForm(FlaskForm):
    done_on = DateField(_l("Day of the check-in"), validators=[InputRequired(DATE_MESSAGE), _not_future])
    method = RadioField(_l("How it was done"), validators=[InputRequired(_l("Choose how the check-in was done."))])
    still_employed = RadioField(_l("Is the person still employed there?"),
                                choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
                                validators=[InputRequired(_l("Say whether the person is still employed."))])
    satisfaction_person = SelectField(_l("Satisfaction of the person"), choices=SATISFACTION, coerce=int_or_none,
                                      validators=[Optional()])
    satisfaction_employer = SelectField(_l("Satisfaction of the employer"), choices=SATISFACTION,
                                        coerce=int_or_none, validators=[Optional()])
    problems = MultiCheckboxField(_l("Problems"))
    notes = TextAreaField(_l("Notes (staff only; never shown to the employer)"),
                          validators=[Length(max=4000, message=_l("At most 4000 characters."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.method.choices = [SelectChoice(key, _(text)) for key, text in METHODS.items()]
        self.problems.choices = [SelectChoice(key, _(text)) for key, text in PROBLEMS.items()]
        kinds = [SelectChoice("", _("No support")), *(SelectChoice(k, _(t)) for k, t in SUPPORTS.items())]
        for n in range(1, SUPPORT_ROWS + 1):
            self[f"support_kind_{n}"].choices = kinds

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        for n in range(1, SUPPORT_ROWS + 1):
            kind, due = self[f"support_kind_{n}"], self[f"support_due_{n}"]
            if kind.data and due.data is None and not due.errors:
                due.errors = [_("Enter the due date of this support.")]
                valid = False
            elif kind.data and self.done_on.data and due.data and due.data < self.done_on.data:
                due.errors = [_("The due date cannot be before the check-in.")]
                valid = False
        return valid

    def supports(self) -> list[tuple[str, object, str]]:
        return [(self[f"support_kind_{n}"].data, self[f"support_due_{n}"].data,
                 self[f"support_employer_{n}"].data or "")
                for n in range(1, SUPPORT_ROWS + 1) if self[f"support_kind_{n}"].data]


for _n in range(1, SUPPORT_ROWS + 1):
    setattr(CheckInForm, f"support_kind_{_n}", SelectField(_l("Support %(n)s", n=_n), validators=[Optional()]))
    setattr(CheckInForm, f"support_due_{_n}", DateField(_l("Due by (support %(n)s)", n=_n), validators=[Optional()]))
    setattr(CheckInForm, f"support_employer_{_n}", TextAreaField(
        _l("What the employer is asked to do (support %(n)s; shown to the employer)", n=_n),
        validators=[Length(max=500, message=_l("At most 500 characters."))]))


class LeftForm(FlaskForm):
    end_on = DateField(_l("Last day of work"), validators=[InputRequired(DATE_MESSAGE), _not_future])
    note = TextAreaField(_l("What happened (optional)"), validators=[
        Length(max=250, message=_l("At most 250 characters."))])
