from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange


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
