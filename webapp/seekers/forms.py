from typing import NamedTuple

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


class Words(NamedTuple):
    """One text of the profile form as the person reads it about themselves and as staff read it about the person."""

    own: object
    staff: object


#: the labels of the profile's fields that speak of the person: "I ..." on the person's own form, "the person ..."
#: on staff's form (the fields not listed say the same to both)
LABELS = {
    "township_id": Words(_l("Township or street where you live"), _l("Township or street where the person lives")),
    "remote_ok": Words(_l("I can work from home"), _l("Can work from home")),
    "is_looking": Words(_l("I am looking for work"), _l("Is looking for work")),
    "needs": Words(_l("Accommodations I need"), _l("Accommodations the person needs")),
    "needs_required": Words(_l("Accommodations I cannot work without"),
                            _l("Accommodations the person cannot work without")),
    "consent_share": Words(_l("Show my profile to employers"),
                           _l("The person agrees to show their profile to employers")),
}
#: the hints and explanations of the shared parts of the form (templates/seekers/_profile.html), by the same rule
HINTS = {
    "is_looking": Words(_l("Untick it while you are not looking: you are then not shown to employers."),
                        _l("Untick it while the person is not looking: they are then not shown to employers.")),
    "desired_wage": Words(_l("Before tax. Leave it empty if you have no wish."),
                          _l("Before tax. Leave it empty if the person has no wish.")),
    "messages": Words(_l("How messages reach you"), _l("How messages reach the person")),
    "messages_hint": Words(
        _l("Messages appear on your page. Tick the box below to receive them by SMS as well."),
        _l("Messages appear on the person's page when they have a login. Without a login, federation staff phone "
           "them, unless they receive SMS.")),
    "accommodations": Words(
        _l("An accommodation is something the workplace provides so that you can do the job, such as step-free "
           "access or text communication. It can also make up for an ability a job demands."),
        _l("An accommodation is something the workplace provides so that the person can do the job, such as "
           "step-free access or text communication. It can also make up for an ability a job demands.")),
    "consent_what": Words(
        _l("If you agree, employers looking for staff can see your abilities, the accommodations you need, your "
           "skills, township and wishes, without your name. They see your name and phone number only once you "
           "apply or answer an invitation."),
        _l("If the person agrees, employers looking for staff can see their abilities, the accommodations they "
           "need, their skills, township and wishes, without their name. Employers see the name and phone number "
           "only once the person applies or answers an invitation.")),
    "consent_never": Words(
        _l("Employers never see your disability category, grade or certificate number. You can change your mind "
           "at any time; the change takes effect at once."),
        _l("Employers never see the person's disability category, grade or certificate number. The person can "
           "change their mind at any time; the change takes effect at once.")),
    "consent_share": Words(
        _l("Without this, you still see your own matches and can apply, but employers cannot find or invite you."),
        _l("Without this, the person still sees their own matches and can apply, but employers cannot find or "
           "invite them.")),
}


class ProfileFields(FlaskForm):
    """What a seeker keeps about themselves; staff use the same fields and some more (staff/seeker_forms.py).
    `audience` says who fills the form in: the person ("own") or staff ("staff"), the person in the third person."""

    audience = "own"

    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=30)], render_kw={"autocomplete": "tel"})
    township_id = SelectField(LABELS["township_id"].own, coerce=int,
                              validators=[DataRequired(_l("Choose the township or street."))])
    lat = FloatField(_l("Home latitude"), validators=[
        Optional(), NumberRange(-90, 90, _l("The latitude must be between -90 and 90."))])
    lon = FloatField(_l("Home longitude"), validators=[
        Optional(), NumberRange(-180, 180, _l("The longitude must be between -180 and 180."))])
    max_commute_km = FloatField(_l("Longest journey to work (km)"), validators=[
        Optional(), NumberRange(0, 200, _l("The journey must be between 0 and 200 km."))])
    remote_ok = BooleanField(LABELS["remote_ok"].own)
    skills = TextAreaField(_l("Skills"), validators=[Optional(), Length(max=2000)])
    desired_wage = IntegerField(_l("Wished monthly pay (yuan)"), validators=[
        Optional(), NumberRange(0, 1_000_000, _l("The pay must be between 0 and 1,000,000 yuan."))])
    hours_per_week = IntegerField(_l("Wished hours a week"), validators=[
        Optional(), NumberRange(1, 80, _l("The hours must be between 1 and 80 a week."))])
    is_looking = BooleanField(LABELS["is_looking"].own)
    needs = MultiCheckboxField(LABELS["needs"].own, validate_choice=False)
    needs_required = MultiCheckboxField(LABELS["needs_required"].own, validate_choice=False)
    consent_share = BooleanField(LABELS["consent_share"].own)
    notify_by_sms = BooleanField(_l("Send messages by SMS to the phone number above as well"))
    language = SelectField(_l("Language of messages by SMS or by phone"), default="zh",
                           choices=options([("zh", "中文"), ("en", "English")]))

    def __init__(self, *args, townships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.township_id.choices = options([(0, _l("Choose…")), *townships])
        self.needs.choices = options(accommodation_choices())
        self.needs_required.choices = list(self.needs.choices)
        for name, words in LABELS.items():
            self[name].label.text = getattr(words, self.audience)

    def hint(self, name: str):
        """A hint or explanation of the shared form, worded for the form's audience."""
        return getattr(HINTS[name], self.audience)

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
