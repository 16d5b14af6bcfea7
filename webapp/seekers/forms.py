from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FloatField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from matcher.profile import ABILITY_KEYS, ACCOMMODATION_KEYS

from ..employers.forms import split_skills
from ..profile_fields import PERSON_LEVELS, MultiCheckboxField, accommodation_choices, add_scale_fields


def options(pairs) -> list[SelectChoice]:
    """SelectChoice objects (WTForms deprecates tuples) from (value, label) pairs or SelectChoice objects alike."""
    return [SelectChoice(*tuple(pair)[:2]) for pair in pairs]


LEVEL_MESSAGE = _l("Choose a level from 0 to 5.")
ACCOMMODATION_MESSAGE = _l("Choose only from the accommodations listed.")


def one_error_per_field(form) -> None:
    """A value that is not a number gets WTForms' 'not a valid number' and then the range message: keep the first."""
    for f in form:
        if f.process_errors and f.errors:
            f.errors[:] = list(f.process_errors)


class ProfileFields(FlaskForm):
    """What a seeker keeps about themselves; staff use the same fields and some more (staff/seeker_forms.py)."""

    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=30)], render_kw={"autocomplete": "tel"})
    township_id = SelectField(_l("Township or street where you live"), coerce=int,
                              validators=[DataRequired(_l("Choose the township or street."))])
    lat = FloatField(_l("Home latitude"), validators=[
        Optional(), NumberRange(-90, 90, _l("The latitude must be between -90 and 90."))])
    lon = FloatField(_l("Home longitude"), validators=[
        Optional(), NumberRange(-180, 180, _l("The longitude must be between -180 and 180."))])
    max_commute_km = FloatField(_l("Longest journey to work (km)"), validators=[
        Optional(), NumberRange(0, 200, _l("The journey must be between 0 and 200 km."))])
    remote_ok = BooleanField(_l("I can work from home"))
    skills = TextAreaField(_l("Skills"), validators=[Optional(), Length(max=2000)])
    desired_wage = IntegerField(_l("Wished monthly pay (yuan)"), validators=[
        Optional(), NumberRange(0, 1_000_000, _l("The pay must be between 0 and 1,000,000 yuan."))])
    hours_per_week = IntegerField(_l("Wished hours a week"), validators=[
        Optional(), NumberRange(1, 80, _l("The hours must be between 1 and 80 a week."))])
    is_looking = BooleanField(_l("I am looking for work"))
    needs = MultiCheckboxField(_l("Accommodations I need"), validate_choice=False)
    needs_required = MultiCheckboxField(_l("Accommodations I cannot work without"), validate_choice=False)
    consent_share = BooleanField(_l("Show my profile to employers"))
    notify_by_sms = BooleanField(_l("Send messages by SMS to the phone number above as well"))
    language = SelectField(_l("Language of messages by SMS or by phone"), default="zh",
                           choices=options([("zh", "中文"), ("en", "English")]))

    def __init__(self, *args, townships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.township_id.choices = options([(0, _l("Choose…")), *townships])
        self.needs.choices = options(accommodation_choices())
        self.needs_required.choices = list(self.needs.choices)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        one_error_per_field(self)
        for name in self._level_fields():
            if self[name].errors:  # WTForms says only "not a valid choice": name the scale
                self[name].errors[:] = [str(LEVEL_MESSAGE)]
        known = set(ACCOMMODATION_KEYS)
        for f in (self.needs, self.needs_required):
            if any(key not in known for key in f.data or []):
                f.errors = [ACCOMMODATION_MESSAGE]
                ok = False
        if not self.needs_required.errors and set(self.needs_required.data or []) - set(self.needs.data or []):
            self.needs_required.errors = [_l("An accommodation can be marked as one you cannot work without only "
                                             "when it is also ticked as needed.")]
            ok = False
        if (self.lat.data is None) != (self.lon.data is None) and not (self.lat.errors or self.lon.errors):
            (self.lon if self.lon.data is None else self.lat).errors.append(
                _l("Give both latitude and longitude, or neither."))
            ok = False
        return ok

    def _level_fields(self):
        return [f"ability_{key}" for key in ABILITY_KEYS]

    def abilities(self) -> dict[str, int | None]:
        """The person's own view per item; None where it is not assessed (no value is recorded)."""
        return {key: self[f"ability_{key}"].data for key in ABILITY_KEYS}

    def profile_fields(self) -> dict:
        return dict(phone=(self.phone.data or "").strip() or None, township_id=self.township_id.data,
                    lat=self.lat.data, lon=self.lon.data, max_commute_km=self.max_commute_km.data,
                    remote_ok=bool(self.remote_ok.data), skills=split_skills(self.skills.data or ""),
                    desired_wage=self.desired_wage.data, hours_per_week=self.hours_per_week.data,
                    is_looking=bool(self.is_looking.data), notify_by_sms=bool(self.notify_by_sms.data),
                    language=self.language.data)

    def fill_from(self, seeker) -> None:
        """Put a stored profile into the form (on GET)."""
        for name in ("phone", "township_id", "lat", "lon", "max_commute_km", "remote_ok", "desired_wage",
                     "hours_per_week", "is_looking", "consent_share", "notify_by_sms", "language"):
            self[name].data = getattr(seeker, name)
        self.skills.data = "\n".join(seeker.skills or [])
        self.needs.data = [need.key for need in seeker.needs]
        self.needs_required.data = [need.key for need in seeker.needs if need.required]
        for row in seeker.abilities:
            if row.source == "self":
                self[f"ability_{row.key}"].data = row.value


class ProfileForm(ProfileFields):
    pass


add_scale_fields(ProfileForm, "ability", PERSON_LEVELS)


class MatchFilterForm(FlaskForm):
    """The filters of the matches page: a GET form, so that a filtered list has its own address."""

    class Meta:
        csrf = False

    distance = FloatField(_l("At most this far from home (km)"), validators=[
        Optional(), NumberRange(0.5, 200, _l("The distance must be between 0.5 and 200 km."))])
    remote = BooleanField(_l("Only work I can do from home"))
    min_wage = IntegerField(_l("At least this monthly pay (yuan)"), validators=[
        Optional(), NumberRange(0, 1_000_000, _l("The pay must be between 0 and 1,000,000 yuan."))])
    max_hours = IntegerField(_l("At most these hours a week"), validators=[
        Optional(), NumberRange(1, 80, _l("The hours must be between 1 and 80 a week."))])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        one_error_per_field(self)
        return ok

    def filters(self) -> dict:
        return dict(max_distance_km=self.distance.data, remote_only=bool(self.remote.data),
                    min_wage=self.min_wage.data, max_hours=self.max_hours.data)
