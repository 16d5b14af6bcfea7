from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..profile_fields import MultiCheckboxField, accommodation_choices


class FairForm(FlaskForm):
    name = StringField(_l("Name of the fair"), validators=[DataRequired(_l("Enter the name of the fair.")),
                                                           Length(max=200)])
    held_on = DateField(_l("Date"), validators=[InputRequired(_l("Enter the date as year-month-day, such as 2026-12-03."))])
    venue = StringField(_l("Venue"), validators=[DataRequired(_l("Enter the venue.")), Length(max=200)])
    venue_accessibility = MultiCheckboxField(_l("What the venue offers"))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.venue_accessibility.choices = accommodation_choices()


class InviteForm(FlaskForm):
    employer_id = SelectField(_l("Employer"), coerce=int, validators=[InputRequired(_l("Choose an employer."))])
    booth = StringField(_l("Booth"), validators=[Optional(), Length(max=20, message=_l("At most 20 characters."))])


class PositionForm(FlaskForm):
    position_id = SelectField(_l("Position"), coerce=int, validators=[InputRequired(_l("Choose a position."))])
    openings = IntegerField(_l("Openings at the fair"), validators=[
        Optional(), NumberRange(min=1, max=999, message=_l("Enter a number of openings from 1 to 999."))])


class RegisterForm(FlaskForm):
    seeker_ref = StringField(_l("Job seeker's number"), validators=[
        DataRequired(_l("Enter the job seeker's number, such as S00017.")), Length(max=20)])
    source = RadioField(_l("Registration"), choices=[SelectChoice("advance", _l("In advance")),
                                                     SelectChoice("door", _l("At the door (checks the person in now)"))],
                        default="advance", validators=[InputRequired(_l("Choose how the person registers."))])


class OutcomeForm(FlaskForm):
    position_id = SelectField(_l("Position"), coerce=int, validators=[InputRequired(_l("Choose a position."))])
    kind = RadioField(_l("Outcome"), choices=[SelectChoice("interviewed", _l("Interviewed")),
                                              SelectChoice("offered", _l("Offered")), SelectChoice("hired", _l("Hired")),
                                              SelectChoice("declined", _l("Offer declined"))],
                      validators=[InputRequired(_l("Choose the outcome."))])


class ActionForm(FlaskForm):
    """A button (check in, remove an outcome): only the CSRF token."""


class CancelForm(FlaskForm):
    reason = TextAreaField(_l("Reason for cancelling"), validators=[
        DataRequired(_l("Give the reason for cancelling: everyone registered and the employers taking part are told it.")), Length(max=500)])
