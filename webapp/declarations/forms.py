from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DecimalField, FieldList, Form, FormField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from ..profile_fields import choices
from ..validators import CertificateNumber

MONTH_NAMES = [_l("January"), _l("February"), _l("March"), _l("April"), _l("May"), _l("June"), _l("July"),
               _l("August"), _l("September"), _l("October"), _l("November"), _l("December")]



class WholeNumberField(IntegerField):
    """An integer field whose "not a number" message says what to type."""

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            try:
                self.data = int(valuelist[0].strip())
            except ValueError:
                self.data = None
                raise ValueError(_l("Enter a whole number, such as 12.")) from None
        else:
            self.data = None


class MoneyField(DecimalField):
    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            text = valuelist[0].strip().replace(",", "").replace("，", "")
            try:
                self.data = Decimal(text)
                if not self.data.is_finite():
                    raise InvalidOperation
            except (InvalidOperation, ValueError):
                self.data = None
                raise ValueError(_l("Enter an amount in yuan, such as 4500 or 4500.50.")) from None
        else:
            self.data = None


class EmployeeForm(Form):
    """One disabled employee of the declared year (a row of the declaration)."""

    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the employee's name.")), Length(max=100)])
    certificate_number = StringField(
        _l("Disability certificate number"),
        validators=[DataRequired(_l("Enter the 20-character disability certificate number.")), CertificateNumber()],
        render_kw={"autocomplete": "off", "spellcheck": "false"})
    months_employed = WholeNumberField(
        _l("Months employed in the year"),
        validators=[InputRequired(_l("Enter how many months the person worked for you in the year.")),
                    NumberRange(1, 12, _l("Enter a number of months from 1 to 12."))])
    contract_months = WholeNumberField(
        _l("Contract length in months"),
        validators=[InputRequired(_l("Enter the contract length in months, or 0 for a permanent contract.")),
                    NumberRange(0, 600, _l("Enter a contract length from 0 (permanent) to 600 months."))])
    monthly_wage = MoneyField(
        _l("Monthly wage (yuan)"),
        validators=[InputRequired(_l("Enter the monthly wage in yuan.")),
                    NumberRange(0, 10_000_000, _l("Enter a wage of 0 or more."))])
    social_insurance_months = WholeNumberField(
        _l("Months of social insurance paid"),
        validators=[InputRequired(_l("Enter the months of social insurance you paid for the person in the year.")),
                    NumberRange(0, 12, _l("Enter a number of months from 0 to 12."))])

    def validate_social_insurance_months(self, field):
        employed = self.months_employed.data
        if field.data is not None and isinstance(employed, int) and field.data > employed:
            raise ValidationError(_l("Social insurance cannot cover more months than the person was employed."))


class DeclarationForm(FlaskForm):
    total_wages = MoneyField(
        _l("Total wages paid in the year (yuan)"),
        validators=[InputRequired(_l("Enter the total wages you paid in the year.")),
                    NumberRange(0, 10**11, _l("Enter an amount of 0 or more."))])
    employees = FieldList(FormField(EmployeeForm), min_entries=0, max_entries=500)

    def validate(self, extra_validators=None):
        # An employee row left entirely empty lists nobody: drop it rather than ask for its fields.
        self.employees.entries = [e for e in self.employees.entries
                                  if any(str(v if v is not None else "").strip() for k, v in e.data.items())]
        self.employees.last_index = max((int(e.name.rsplit("-", 1)[1]) for e in self.employees.entries), default=-1)
        valid = super().validate(extra_validators)
        seen = set()
        for entry in self.employees.entries:
            field = entry.form.certificate_number
            if field.data and not field.errors:
                if field.data in seen:
                    field.errors = [*field.errors, _l("This certificate number is already listed in another row.")]
                    valid = False
                seen.add(field.data)
        return valid

    def staff_fields(self):
        return [self[f"staff_{month}"] for month in range(1, 13)]


# The twelve monthly staff figures: staff_1 (January) ... staff_12 (December).
for _month in range(1, 13):
    setattr(DeclarationForm, f"staff_{_month}", WholeNumberField(
        MONTH_NAMES[_month - 1],
        validators=[InputRequired(_l("Enter the number of staff on the payroll in this month.")),
                    NumberRange(0, 10_000_000, _l("Enter a number of staff of 0 or more."))]))


class ReturnForm(FlaskForm):
    reason = TextAreaField(_l("Reason for returning the declaration"),
                           validators=[DataRequired(_l("Say what the employer must correct.")), Length(max=2000)])


class ResolveForm(FlaskForm):
    resolution = SelectField(_l("How to settle it"), choices=choices([
        ("use_bureau", _l("Use the months in the bureau's data")),
        ("accept_declared", _l("Accept the declared months (proof seen)")),
        ("not_counted", _l("Do not count this employee")),
    ]), validators=[DataRequired()])


class InsuranceUploadForm(FlaskForm):
    file = FileField(_l("Social-insurance data file (CSV or XLSX)"))


class LocalWageForm(FlaskForm):
    jurisdiction = SelectField(_l("Rule set"), validators=[DataRequired()])
    year = WholeNumberField(_l("Year"),
                        validators=[InputRequired(_l("Enter the year.")),
                                    NumberRange(2000, 2100, _l("Enter a year from 2000 to 2100."))])
    average_yearly = MoneyField(_l("Local social average wage (yuan per year)"),
                                  validators=[InputRequired(_l("Enter the local average wage.")),
                                              NumberRange(1, 10**8, _l("Enter an amount above 0."))])
    minimum_monthly = MoneyField(_l("Minimum wage (yuan per month)"),
                                   validators=[InputRequired(_l("Enter the minimum wage.")),
                                               NumberRange(1, 10**7, _l("Enter an amount above 0."))])
