from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, DateTimeLocalField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from models import Role
from services.interviews import PLACE_OFFERS, REQUESTS

from ..clock import clock, today
from ..profile_fields import MultiCheckboxField, accommodation_choices
from ..seekers.forms import Words

TIME_FORMAT = "%Y-%m-%dT%H:%M"
TIME_MESSAGE = _l("Enter the date and time, such as 2026-12-03 14:30.")


def _future(form, field):
    if field.data is not None and field.data.replace(tzinfo=clock().tz) <= clock().now():
        raise ValidationError(_("This time has passed: choose a time in the future."))


class InterviewForm(FlaskForm):
    slot_1 = DateTimeLocalField(_l("First time proposed"), format=TIME_FORMAT,
                                validators=[InputRequired(TIME_MESSAGE), _future])
    slot_2 = DateTimeLocalField(_l("Second time (optional)"), format=TIME_FORMAT, validators=[Optional(), _future])
    slot_3 = DateTimeLocalField(_l("Third time (optional)"), format=TIME_FORMAT, validators=[Optional(), _future])
    minutes = IntegerField(_l("Length in minutes"), default=45, validators=[
        InputRequired(_l("Enter the length in minutes, such as 45.")),
        NumberRange(min=15, max=240, message=_l("Enter a length from 15 to 240 minutes."))])
    place = StringField(_l("Address"), validators=[Length(max=200, message=_l("At most 200 characters."))])
    online_link = StringField(_l("Link of the online meeting"), validators=[
        Length(max=300, message=_l("At most 300 characters."))])
    contact_name = StringField(_l("Contact person"), validators=[
        DataRequired(_l("Enter the name of the person to ask for.")), Length(max=100)])
    contact_phone = StringField(_l("Contact phone"), validators=[Length(max=30, message=_l("At most 30 characters."))])
    place_offers = MultiCheckboxField(_l("What the place offers"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.place_offers.choices = [SelectChoice(key, _(text)) for key, text in PLACE_OFFERS.items()]

    def validate_place(self, field):
        if not (field.data or "").strip() and not (self.online_link.data or "").strip():
            raise ValidationError(_("Give the address of the interview or the link of the online meeting."))

    def validate_online_link(self, field):
        link = (field.data or "").strip()
        if link and not link.startswith(("https://", "http://")):
            raise ValidationError(_("A link starts with https:// or http://."))

    def slots(self):
        tz = clock().tz
        return [(f.data.replace(tzinfo=tz), self.minutes.data) for f in (self.slot_1, self.slot_2, self.slot_3)
                if f.data is not None]


#: the seeker's side of the interview page, as the person reads it and as staff answering for them read it
SEEKER_SIDE = {
    "slot": Words(_l("The time that suits you"), _l("The time that suits the person")),
    "note": Words(_l("Which times suit you"), _l("Which times suit the person")),
    "another_heading": Words(_l("None of these times suits me"), _l("None of these times suits the person")),
    "requested": Words(_l("Support I need at the interview"), _l("Support the person needs at the interview")),
    "requested_hint": Words(_l("The employer sees what you ask for here, and nothing else of your health."),
                            _l("The employer sees what is asked for here, and nothing else of the person's health.")),
}


def seeker_side(name: str):
    """A text of the seeker's side of the interview page, worded for the reader."""
    return getattr(SEEKER_SIDE[name], "staff" if getattr(current_user, "role", None) == Role.STAFF else "own")


class PickForm(FlaskForm):
    slot = RadioField(SEEKER_SIDE["slot"].own, coerce=int,
                      validators=[InputRequired(_l("Choose one of the times."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.slot.label.text = seeker_side("slot")


class AnotherTimeForm(FlaskForm):
    note = TextAreaField(SEEKER_SIDE["note"].own, validators=[
        DataRequired(_l("Write which days and times suit you.")),
        Length(max=1000, message=_l("At most 1000 characters."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.note.label.text = seeker_side("note")

    def heading(self):
        return seeker_side("another_heading")


class SupportForm(FlaskForm):
    requested = MultiCheckboxField(SEEKER_SIDE["requested"].own)
    support_note = TextAreaField(_l("Anything else the employer should know"), validators=[
        Length(max=1000, message=_l("At most 1000 characters."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requested.choices = [SelectChoice(key, _(text)) for key, text in REQUESTS.items()]
        self.requested.label.text = seeker_side("requested")

    def hint(self):
        return seeker_side("requested_hint")

    def validate_requested(self, field):
        if not field.data and not (self.support_note.data or "").strip():
            raise ValidationError(_("Choose at least one kind of support, or write what you need."))


class OfferForm(FlaskForm):
    start_on = DateField(_l("Start date"), validators=[
        InputRequired(_l("Enter the start date as year-month-day, such as 2026-12-14."))])
    monthly_pay = IntegerField(_l("Monthly pay (yuan)"), validators=[
        InputRequired(_l("Enter the monthly pay in yuan, such as 3500.")),
        NumberRange(min=1, max=1_000_000, message=_l("Enter the monthly pay in yuan, from 1 to 1,000,000."))])
    hours_per_week = IntegerField(_l("Hours a week"), validators=[
        InputRequired(_l("Enter the hours a week, such as 40.")),
        NumberRange(min=1, max=60, message=_l("Enter the hours a week, from 1 to 60."))])
    contract_months = IntegerField(_l("Contract length in months (0 = permanent)"), default=12, validators=[
        InputRequired(_l("Enter the contract length in months, such as 12, or 0 for permanent.")),
        NumberRange(min=0, max=120, message=_l("Enter the contract length in months, from 0 (permanent) to 120."))])
    accommodations = MultiCheckboxField(_l("Accommodations you will provide"))
    note = TextAreaField(_l("Anything else about the offer"), validators=[
        Length(max=2000, message=_l("At most 2000 characters."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.accommodations.choices = accommodation_choices()

    def validate_start_on(self, field):
        if field.data and field.data < today():
            raise ValidationError(_("The start date cannot be before today."))


class AnswerForm(FlaskForm):
    answer = RadioField(_l("Your answer"), choices=[SelectChoice("accept", _l("I accept the offer")),
                                                    SelectChoice("decline", _l("I decline the offer"))],
                        validators=[InputRequired(_l("Choose whether you accept or decline the offer."))])
    reason = TextAreaField(_l("Reason (optional)"), validators=[
        Length(max=1000, message=_l("At most 1000 characters."))])


class StaffAnswerForm(AnswerForm):
    answer = RadioField(_l("The person's answer"), choices=[SelectChoice("accept", _l("The person accepts")),
                                                            SelectChoice("decline", _l("The person declines"))],
                        validators=[InputRequired(_l("Choose whether the person accepts or declines the offer."))])
    reason = TextAreaField(_l("Reason, as the person gave it"), validators=[
        DataRequired(_l("Give the reason (for example, what the person said on the phone).")),
        Length(max=1000, message=_l("At most 1000 characters."))])


class ActionForm(FlaskForm):
    """A button (attend an interview): only the CSRF token."""
