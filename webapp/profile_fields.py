"""Form fields for the shared ability list (a person's abilities, a position's demands) and accommodations.

Both sides use the same 24 items and the same 0-5 scale, so both forms are built here from matcher.profile.
"""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from matcher.profile import ABILITIES, ACCOMMODATIONS, GROUPS

from .labels import ability_name, accommodation_name

#: what each item means, in plain words
ITEM_HELP = {
    "sitting": _l("Sitting for long periods."),
    "standing": _l("Standing for long periods."),
    "walking": _l("Walking around the workplace and on the way to it."),
    "climbing": _l("Climbing stairs, steps or ladders."),
    "lifting": _l("Lifting and carrying goods or materials."),
    "reaching": _l("Reaching up, forward or down with the arms."),
    "fine_motor": _l("Small precise finger movements, such as sorting parts or typing."),
    "two_hands": _l("Work that needs both hands together."),
    "vision": _l("Seeing: reading a screen, checking goods, finding one's way."),
    "hearing": _l("Hearing: phone calls, spoken instructions, alarms."),
    "speech": _l("Speaking so that others understand."),
    "reading": _l("Reading texts and instructions."),
    "writing": _l("Writing by hand or typing."),
    "numeracy": _l("Counting and calculating."),
    "concentration": _l("Keeping attention on a task."),
    "learning": _l("Learning new tasks and remembering them."),
    "problem_solving": _l("Solving problems that come up at work."),
    "adaptability": _l("Coping with changes in tasks or routines."),
    "endurance": _l("Working full days and full weeks."),
    "time_pressure": _l("Working to deadlines and under time pressure."),
    "customer_contact": _l("Talking with customers and the public."),
    "teamwork": _l("Working closely with colleagues."),
    "noise": _l("Working in a noisy place."),
    "outdoor": _l("Working outdoors, in heat or cold."),
}

#: the scale, as a person describes themselves
ABILITY_LEVELS = [
    SelectChoice(0, _l("0 – not able")), SelectChoice(1, _l("1 – very little")), SelectChoice(2, _l("2 – a little")),
    SelectChoice(3, _l("3 – moderately")), SelectChoice(4, _l("4 – well")),
    SelectChoice(5, _l("5 – fully, without restriction")),
]
#: the first choice of every item of a person's profile, where a new profile starts: not 0, which says "not able"
NOT_ASSESSED = _l("Not assessed")
#: the scale of a person's item, with "not assessed" first (its value is "", read as None)
PERSON_LEVELS = [SelectChoice("", NOT_ASSESSED), *ABILITY_LEVELS]


def int_or_none(value):
    """A select's value as an int, or None for the empty choice ("not assessed", "choose…")."""
    if value in (None, ""):
        return None
    return int(value)


#: the scale, as a position demands it
DEMAND_LEVELS = [
    SelectChoice(0, _l("0 – not needed")), SelectChoice(1, _l("1 – very little")), SelectChoice(2, _l("2 – a little")),
    SelectChoice(3, _l("3 – moderately")), SelectChoice(4, _l("4 – a lot")),
    SelectChoice(5, _l("5 – very much, all the time")),
]

GROUP_LABELS = {key: (zh, en) for key, (zh, en) in GROUPS.items()}


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def accommodation_choices():
    return [SelectChoice(a.key, accommodation_name(a.key)) for a in ACCOMMODATIONS]


def choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def add_scale_fields(form_cls, prefix: str, levels, with_essential: bool = False) -> None:
    """Add one select per ability item (named prefix_<key>) and, for demands, an 'essential' checkbox. A person's
    items (levels=PERSON_LEVELS) start at "not assessed" (None), a position's demands at 0 ("not needed")."""
    person = levels is PERSON_LEVELS
    for item in ABILITIES:
        setattr(form_cls, f"{prefix}_{item.key}", SelectField(
            _ItemName(item.key), choices=levels, coerce=int_or_none if person else int, default=None if person else 0))
        if with_essential:
            setattr(form_cls, f"essential_{item.key}", BooleanField(_l("Essential")))


class _ItemName:
    """The item's name in the reader's language, resolved when the label is rendered."""

    def __init__(self, key: str):
        self.key = key

    def __str__(self) -> str:
        return ability_name(self.key)


def grouped_items():
    """[(group title in both languages, [items])] in the order of the list."""
    out = []
    for item in ABILITIES:
        if not out or out[-1][0] != item.group:
            out.append((item.group, []))
        out[-1][1].append(item)
    return [(GROUP_LABELS[group], items) for group, items in out]


def item_help(key: str) -> str:
    return str(ITEM_HELP[key])


def init_app(app) -> None:
    app.jinja_env.globals.update(ability_groups=grouped_items, item_help=item_help)
