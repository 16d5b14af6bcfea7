from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, FloatField, IntegerField, PasswordField, SelectField, StringField, TextAreaField,
                     ValidationError)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, NumberRange, Optional

from matcher.profile import ABILITY_KEYS
from models import ApplicationState
from services.industries import EMPLOYER_KINDS, section_choices

from ..i18n import current_language
from ..labels import EMPLOYER_KINDS as KIND_LABELS
from ..labels import state_label
from ..profile_fields import DEMAND_LEVELS, MultiCheckboxField, accommodation_choices, add_scale_fields, choices
from ..validators import CreditCode, NewPassword


class ListField(SelectField):
    """A select whose answer must be one of its choices, with a message that says so in plain words."""

    def __init__(self, *args, invalid=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid = invalid

    def pre_validate(self, form):
        value = self.data or ""
        if not value and self.flags.required:
            return  # the required validator says what is missing
        if value not in {str(choice[0]) for choice in self.choices}:
            raise ValidationError(str(self.invalid))


class CompanyForm(FlaskForm):
    name = StringField(_l("Company name"), validators=[DataRequired(_l("Enter the company name.")), Length(max=200)])
    headcount = IntegerField(_l("Number of staff"), validators=[
        InputRequired(_l("Enter the number of staff as a whole number.")),
        NumberRange(1, 1_000_000, _l("The number of staff must be between 1 and 1,000,000."))])
    township_id = SelectField(_l("Township or street"), coerce=int,
                              validators=[DataRequired(_l("Choose the township or street."))])
    industry = ListField(_l("Industry"), invalid=_l("Choose the industry from the list."),
                         validators=[DataRequired(_l("Choose the industry."))])
    employer_kind = ListField(_l("Kind of employer"), invalid=_l("Choose the kind of employer from the list."))
    address = StringField(_l("Address"), validators=[Optional(), Length(max=200)])
    contact_phone = StringField(_l("Contact phone"), validators=[Optional(), Length(max=30)])

    #: the first choice of the kind (register: "as the credit code tells"; the profile has none)
    kind_unset = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.industry.choices = [("", str(_l("Choose…"))), *section_choices(current_language())]
        kinds = [(kind, str(KIND_LABELS[kind])) for kind in EMPLOYER_KINDS]
        self.employer_kind.choices = [("", str(self.kind_unset))] + kinds if self.kind_unset else kinds

    def company_fields(self) -> dict:
        """The validated values, as services.employers takes them."""
        return {name: self[name].data for name in (
            "name", "headcount", "township_id", "industry", "employer_kind", "address", "contact_phone")}


class RegisterForm(CompanyForm):
    kind_unset = _l("As the credit code tells")

    credit_code = StringField(_l("Unified social credit code"), validators=[
        DataRequired(_l("Enter the unified social credit code.")), CreditCode()])
    display_name = StringField(_l("Your name"), validators=[DataRequired(_l("Enter your name.")), Length(max=100)])
    username = StringField(_l("User name"), validators=[DataRequired(_l("Enter a user name.")), Length(3, 120)],
                           render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Enter a password.")), NewPassword("username")],
        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Password again"), validators=[
        DataRequired(_l("Enter the password again.")), EqualTo("password", _l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"})


def split_skills(text: str) -> list[str]:
    """Skills typed one per line or separated by commas (Chinese or Latin), in the order given, without repeats."""
    parts = [p.strip() for p in text.replace("，", ",").replace("、", ",").replace("；", ",").replace(";", ",")
             .replace("\n", ",").split(",")]
    return list(dict.fromkeys(p for p in parts if p))


class PositionForm(FlaskForm):
    title = StringField(_l("Job title"), validators=[DataRequired(_l("Enter the job title.")), Length(max=120)])
    description = TextAreaField(_l("What the job is"), validators=[Optional(), Length(max=5000)])
    township_id = SelectField(_l("Workplace: township or street"), coerce=int,
                              validators=[DataRequired(_l("Choose where the workplace is."))])
    lat = FloatField(_l("Workplace latitude"), validators=[
        Optional(), NumberRange(-90, 90, _l("The latitude must be between -90 and 90."))])
    lon = FloatField(_l("Workplace longitude"), validators=[
        Optional(), NumberRange(-180, 180, _l("The longitude must be between -180 and 180."))])
    remote = BooleanField(_l("The work can be done from home"))
    openings = IntegerField(_l("Number of openings"), default=1, validators=[
        InputRequired(_l("Enter how many people you want to hire.")),
        NumberRange(1, 999, _l("The number of openings must be between 1 and 999."))])
    wage = IntegerField(_l("Monthly pay (yuan)"), validators=[
        Optional(), NumberRange(0, 1_000_000, _l("The pay must be between 0 and 1,000,000 yuan."))])
    hours_per_week = IntegerField(_l("Hours a week"), validators=[
        Optional(), NumberRange(1, 80, _l("The hours must be between 1 and 80 a week."))])
    counts_toward_quota = BooleanField(_l("Counts toward the employment quota (contract of at least one year, "
                                          "social insurance paid)"), default=True)
    skills = TextAreaField(_l("Skills wanted"), validators=[Optional(), Length(max=2000)])
    offers = MultiCheckboxField(_l("Accommodations you offer"))

    def __init__(self, *args, townships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.township_id.choices = choices([(0, _l("Choose…")), *townships])
        self.offers.choices = accommodation_choices()

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if (self.lat.data is None) != (self.lon.data is None):
            (self.lon if self.lon.data is None else self.lat).errors.append(
                _l("Give both latitude and longitude, or neither."))
            ok = False
        for key in ABILITY_KEYS:
            if self[f"essential_{key}"].data and not self[f"demand_{key}"].data:
                self[f"essential_{key}"].errors.append(_l("An item can be essential only when the job demands it."))
                ok = False
        return ok

    def demands(self) -> dict[str, tuple[int, bool]]:
        return {key: (self[f"demand_{key}"].data or 0, bool(self[f"essential_{key}"].data)) for key in ABILITY_KEYS}

    def position_fields(self) -> dict:
        """The validated values, as employers.operations.save_position takes them."""
        return dict(title=self.title.data.strip(), description=self.description.data or "",
                    township_id=self.township_id.data, lat=self.lat.data, lon=self.lon.data, remote=self.remote.data,
                    openings=self.openings.data, wage=self.wage.data, hours_per_week=self.hours_per_week.data,
                    counts_toward_quota=self.counts_toward_quota.data, skills=split_skills(self.skills.data or ""),
                    offers=self.offers.data or [], demands=self.demands())


add_scale_fields(PositionForm, "demand", DEMAND_LEVELS, with_essential=True)


class ApplicationFilterForm(FlaskForm):
    """The state filter over the applications received: a GET form that changes nothing (no CSRF token)."""

    class Meta:
        csrf = False

    state = SelectField(_l("State"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.state.choices = choices([("", _l("All states")), *((s.value, state_label(s)) for s in ApplicationState)])
