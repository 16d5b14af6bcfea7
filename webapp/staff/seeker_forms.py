"""Staff forms for seeker profiles: everything the seeker keeps, plus the certificate fields, staff-assessed
ability values and an optional login account; the results of a formal ability test; and the search form."""


from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional, ValidationError

from matcher.profile import ABILITY_KEYS
from services.hires import END_REASONS

from ..clock import today
from ..labels import ability_name
from ..profile_fields import ABILITY_LEVELS, PERSON_LEVELS, int_or_none
from ..seekers.forms import ProfileFields, options
from ..validators import CertificateNumber, NewPassword

CATEGORIES = [(1, _l("1 – vision")), (2, _l("2 – hearing")), (3, _l("3 – speech")), (4, _l("4 – physical")),
              (5, _l("5 – intellectual")), (6, _l("6 – mental")), (7, _l("7 – multiple"))]
GRADES = [(1, _l("Grade 1 (most severe)")), (2, _l("Grade 2 (severe)")), (3, _l("Grade 3")),
          (4, _l("Grade 4 (mildest)"))]


class _ItemLabel:
    """'<item>: <what>' in the reader's language, resolved when rendered."""

    def __init__(self, key: str, what):
        self.key, self.what = key, what

    def __str__(self) -> str:
        return _("%(item)s: %(what)s", item=ability_name(self.key), what=self.what)


class StaffSeekerForm(ProfileFields):
    audience = "staff"
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the name.")), Length(max=100)])
    certificate_number = StringField(_l("Disability certificate number"), validators=[
        DataRequired(_l("Enter the disability certificate number.")), CertificateNumber("category", "grade")])
    category = SelectField(_l("Disability category"), coerce=int_or_none,
                           choices=options([("", _l("Choose…")), *CATEGORIES]),
                           validators=[DataRequired(_l("Choose the disability category."))])
    grade = SelectField(_l("Disability grade"), coerce=int_or_none, choices=options([("", _l("Choose…")), *GRADES]),
                        validators=[DataRequired(_l("Choose the disability grade."))])
    username = StringField(_l("User name for logging in"), validators=[Optional(), Length(3, 120)],
                           render_kw={"autocomplete": "off"})
    password = PasswordField(_l("Password"), validators=[
        Optional(), NewPassword("username")],
        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Password again"), validators=[EqualTo("password", _l("The two passwords differ."))],
                            render_kw={"autocomplete": "new-password"})

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if (self.username.data or "").strip() and not self.password.data and not self.password.errors:
            self.password.errors.append(_l("Enter a password for the new login, or leave the user name empty."))
            ok = False
        return ok

    def _level_fields(self):
        return [f"{prefix}_{key}" for prefix in ("ability", "staff") for key in ABILITY_KEYS]

    def staff_abilities(self) -> dict[str, int | None]:
        return {key: self[f"staff_{key}"].data for key in ABILITY_KEYS}

    def certificate_fields(self) -> dict:
        return dict(name=self.name.data.strip(), certificate_number=self.certificate_number.data,
                    category=self.category.data, grade=self.grade.data)

    def fill_from(self, seeker) -> None:
        super().fill_from(seeker)
        for name in ("name", "certificate_number", "category", "grade"):
            self[name].data = getattr(seeker, name)
        for row in seeker.abilities:
            if row.source == "staff":
                self[f"staff_{row.key}"].data = row.value


for _key in ABILITY_KEYS:
    setattr(StaffSeekerForm, f"ability_{_key}", SelectField(
        _ItemLabel(_key, _l("the person's own view")), choices=options(PERSON_LEVELS), coerce=int_or_none,
        default=None))
    setattr(StaffSeekerForm, f"staff_{_key}", SelectField(
        _ItemLabel(_key, _l("your assessment")), choices=options(PERSON_LEVELS), coerce=int_or_none, default=None))


class TestResultsForm(FlaskForm):
    """The results of a formal ability test (职业能力评估), item by item; matching prefers them to any other value."""

    tested_on = DateField(_l("Date of the test"), validators=[
        InputRequired(_l("Enter the date of the test as year-month-day, such as 2026-11-20."))])
    test_name = StringField(_l("Test or assessment used"), validators=[
        DataRequired(_l("Name the test or assessment, such as the centre's vocational ability assessment.")),
        Length(max=200)])

    def validate_tested_on(self, field):
        if field.data and field.data > today():
            raise ValidationError(_l("The date of the test cannot be in the future."))

    def results(self) -> dict[str, int | None]:
        return {key: self[f"tested_{key}"].data for key in ABILITY_KEYS}

    def fill_from(self, seeker) -> None:
        rows = [row for row in seeker.abilities if row.source == "tested"]
        for row in rows:
            self[f"tested_{row.key}"].data = row.value
        self.tested_on.data = max((row.assessed_on for row in rows), default=None)


for _key in ABILITY_KEYS:
    setattr(TestResultsForm, f"tested_{_key}", SelectField(
        _ItemLabel(_key, _l("test result")), choices=options([("", _l("Not tested")), *ABILITY_LEVELS]),
        coerce=int_or_none, default=None))


class SeekerSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Name or certificate number"), validators=[Optional(), Length(max=100)])
    township = SelectField(_l("Township or street"), coerce=int_or_none, validators=[Optional()])


class EndEmploymentForm(FlaskForm):
    """The last day of an employment: the person stopped working there (the quota counts them no longer)."""

    employment_id = SelectField(_l("Employment"), coerce=int, validators=[InputRequired()])
    end_on = DateField(_l("Last day of work"), validators=[
        InputRequired(_l("Enter the last day of work as year-month-day, such as 2026-11-20."))])
    reason = SelectField(_l("Why it ended"), default="other",
                         choices=[SelectChoice(key, _l(text)) for key, text in END_REASONS.items()],
                         validators=[DataRequired(_l("Choose why the employment ended."))])

    def validate_end_on(self, field):
        if field.data and field.data > today():
            raise ValidationError(_l("The last day of work cannot be in the future."))
