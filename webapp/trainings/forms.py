from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..labels import CATEGORIES
from ..profile_fields import MultiCheckboxField, accommodation_choices


class ActionForm(FlaskForm):
    """A button that changes a sign-up (sign up, withdraw, accept, decline, attendance): only the CSRF token."""


class ReorderForm(FlaskForm):
    sign_up_id = SelectField(_l("Person on the waiting list"), coerce=int,
                             validators=[InputRequired(_l("Choose the person to move."))])
    position = IntegerField(_l("New place in line"),
                            validators=[InputRequired(_l("Enter the new place in line as a number, such as 1.")),
                                        NumberRange(min=1, message=_l("The place in line starts at 1."))])
    reason = TextAreaField(_l("Reason"), validators=[
        DataRequired(_l("Give the reason for the change: it is recorded.")), Length(max=500)])


class SessionForm(FlaskForm):
    """A new session of a course (staff)."""

    course_id = SelectField(_l("Course"), coerce=int, validators=[InputRequired(_l("Choose a course."))])
    starts_on = DateField(_l("First day"), validators=[
        InputRequired(_l("Enter the first day as year-month-day, such as 2027-03-08."))])
    ends_on = DateField(_l("Last day"), validators=[
        InputRequired(_l("Enter the last day as year-month-day, such as 2027-03-19."))])
    place = StringField(_l("Place"), validators=[DataRequired(_l("Enter the place.")), Length(max=200)])
    capacity = IntegerField(_l("Places"), validators=[
        Optional(), NumberRange(min=1, max=1000, message=_l("Enter a number of places from 1 to 1000, or leave it empty."))])
    accessibility = MultiCheckboxField(_l("Accessibility of the place"))
    categories = MultiCheckboxField(_l("Only for these disability categories"), coerce=int)
    teacher = StringField(_l("Teacher"), validators=[Optional(), Length(max=100)])
    offer_hours = IntegerField(_l("Hours to accept a freed place"), default=48, validators=[
        InputRequired(_l("Enter the hours as a whole number, such as 48.")),
        NumberRange(min=1, max=336, message=_l("Enter between 1 and 336 hours (two weeks)."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.accessibility.choices = accommodation_choices()
        self.categories.choices = [SelectChoice(code, label) for code, label in CATEGORIES.items()]

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The last day cannot be before the first day."))


class EnrolForm(FlaskForm):
    """Staff sign up a job seeker they are helping."""

    seeker_ref = StringField(_l("Job seeker's number"), validators=[
        DataRequired(_l("Enter the job seeker's number, such as S00017.")), Length(max=20)])


class CancelForm(FlaskForm):
    reason = TextAreaField(_l("Reason for cancelling"), validators=[
        DataRequired(_l("Give the reason for cancelling: everyone signed up is told it.")), Length(max=500)])
