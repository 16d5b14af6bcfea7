"""Seeker profiles: kept by the seeker or by staff on their behalf; abilities per source, needs, consent, search.

Abilities and needs are other tables: every function that changes them bumps `seeker.updated_at`, so that the
web workers' matching engines re-read the seeker (webapp/matching.py). Changes by anyone but the seeker, and every
change of consent, are written to the audit log with the names of the fields changed, never their values.
"""

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from matcher.profile import ABILITY_KEYS, ACCOMMODATION_KEYS
from models import AbilitySource, Role, Seeker, SeekerAbility, SeekerNeed, Township, User, utcnow

from . import audit
from .errors import DomainError
from .i18n import N_
from .pages import PER_PAGE, Page, paginate
from .passwords import check_new_password

#: fields of the profile that the seeker keeps themselves (staff may change them too)
PROFILE_FIELDS = ("phone", "township_id", "lat", "lon", "max_commute_km", "remote_ok", "skills", "desired_wage",
                  "hours_per_week", "is_looking", "notify_by_sms", "language")
#: fields only staff change: they are tied to the certificate
STAFF_FIELDS = ("name", "certificate_number", "category", "grade")


class SeekerError(DomainError):
    messages = {
        "certificate_taken": N_("A job seeker with this certificate number is already registered: search for it "
                                "instead."),
        "username_taken": N_("This user name is taken. Choose another."),
        "unknown_item": N_("%(item)s is not one of the abilities listed."),
        "value_range": N_("A value for %(ability)s goes from 0 to 5, not %(value)s."),
        "unknown_accommodation": N_("Choose only from the accommodations listed."),
        "busy": N_("Many people are being registered at this moment. Send the form again."),
    }


def abilities_by_source(seeker: Seeker) -> dict[str, dict[str, SeekerAbility]]:
    """{item: {source: row}} for showing the values of every source side by side."""
    out: dict[str, dict[str, SeekerAbility]] = {}
    for row in seeker.abilities:
        out.setdefault(row.key, {})[str(row.source)] = row
    return out


def set_abilities(seeker: Seeker, values: dict[str, int | None], source: AbilitySource, by: User | None,
                  today: date) -> list[str]:
    """Record the values of one source; None (not assessed) removes that source's value, 0 is recorded as "not
    able". Returns the items changed.

    A value that does not change keeps its date; a new or changed one is dated today (and, for staff and
    tested values, signed by `by`).
    """
    rows = {row.key: row for row in seeker.abilities if row.source == source}
    changed = []
    for key, value in values.items():
        if key not in ABILITY_KEYS:
            raise SeekerError("unknown_item", item=key)
        if value is not None and not 0 <= value <= 5:
            raise SeekerError("value_range", ability=key, value=value)
        row = rows.get(key)
        if value is None:  # not assessed: no row (0 is a value, "not able", and is kept)
            if row is not None:
                seeker.abilities.remove(row)
                changed.append(key)
            continue
        if row is None:
            seeker.abilities.append(SeekerAbility(key=key, value=value, source=source, assessed_on=today,
                                                  assessed_by_id=None if source == AbilitySource.SELF else by.id))
            changed.append(key)
        elif row.value != value:
            row.value, row.assessed_on = value, today
            row.assessed_by_id = None if source == AbilitySource.SELF else by.id
            changed.append(key)
    if changed:
        seeker.updated_at = utcnow()
    return changed


def set_needs(seeker: Seeker, needs: list[str], required: list[str]) -> bool:
    """The accommodations the seeker needs; those in `required` rule out positions without them."""
    unknown = [key for key in [*needs, *required] if key not in ACCOMMODATION_KEYS]
    if unknown:
        raise SeekerError("unknown_accommodation", item=unknown[0])
    wanted = {key: key in required for key in needs}
    before = {need.key: need.required for need in seeker.needs}
    if before == wanted:
        return False
    # update rows in place: replacing them would insert before deleting and trip the unique (seeker, key)
    for need in list(seeker.needs):
        if need.key not in wanted:
            seeker.needs.remove(need)
        else:
            need.required = wanted[need.key]
    seeker.needs += [SeekerNeed(key=key, required=req) for key, req in wanted.items() if key not in before]
    seeker.updated_at = utcnow()
    return True


def set_consent(session: Session, seeker: Seeker, consent: bool, by: User) -> bool:
    """Change the consent to share the profile with employers; every change is in the audit log."""
    if bool(seeker.consent_share) == consent:
        return False
    seeker.consent_share = consent
    seeker.consent_changed_at = seeker.updated_at = utcnow()
    audit.record(session, action="consent", subject_type="seeker", subject_id=seeker.id,
                 detail={"consent_share": consent, "by": "seeker" if by.role == Role.SEEKER else "staff"},
                 user_id=by.id)
    return True


def _set_fields(seeker: Seeker, fields: dict, names) -> list[str]:
    changed = []
    for name in names:
        if name in fields and getattr(seeker, name) != fields[name]:
            setattr(seeker, name, fields[name])
            changed.append(name)
    return changed


def update_profile(session: Session, seeker: Seeker, by: User, *, fields: dict, abilities: dict[str, int | None],
                   needs: list[str], required: list[str], consent_share: bool,
                   today: date, staff_abilities: dict[str, int | None] | None = None) -> list[str]:
    """Save a profile form: the seeker's own (self-assessed values) or staff's (also staff-assessed values and the
    certificate fields). Returns the names of what changed; staff changes are audit-logged."""
    if "certificate_number" in fields and fields["certificate_number"] != seeker.certificate_number:
        _check_certificate_free(session, fields["certificate_number"], seeker)
    names = PROFILE_FIELDS + (STAFF_FIELDS if by.role == Role.STAFF else ())
    changed = _set_fields(seeker, fields, names)
    if set_abilities(seeker, abilities, AbilitySource.SELF, by, today):
        changed.append("abilities_self")
    if staff_abilities is not None:
        if by.role != Role.STAFF:
            raise PermissionError("only staff record staff-assessed values")
        if set_abilities(seeker, staff_abilities, AbilitySource.STAFF, by, today):
            changed.append("abilities_staff")
    if set_needs(seeker, needs, required):
        changed.append("needs")
    if set_consent(session, seeker, consent_share, by):
        changed.append("consent_share")
    if changed:
        seeker.updated_at = utcnow()
    if by.role != Role.SEEKER and changed:
        audit.record(session, action="update", subject_type="seeker", subject_id=seeker.id, detail={"fields": changed},
                     user_id=by.id)
    session.flush()
    return changed


def _check_certificate_free(session: Session, number: str, seeker: Seeker | None = None) -> None:
    other = session.scalar(select(Seeker.id).where(Seeker.certificate_number == number))
    if other is not None and (seeker is None or other != seeker.id):
        raise SeekerError("certificate_taken")


def new_seeker_ref(session: Session) -> str:
    """The next readable public id, S00017 after S00016: staff read it out on the phone and write it on cards.
    Random ids of the older form (S + 8 hex digits) are longer and left out."""
    for ref in session.scalars(select(Seeker.ref).where(Seeker.ref.like("S%"), func.length(Seeker.ref) <= 7)
                               .order_by(func.length(Seeker.ref).desc(), Seeker.ref.desc())):
        if ref[1:].isdecimal() and ref[1:].isascii():
            return f"S{int(ref[1:]) + 1:05d}"
    return "S00001"


def _add_with_next_ref(session: Session, seeker: Seeker) -> None:
    """Insert the seeker under the next number; if another office took it at the same moment, take the one after."""
    session.flush()
    for _ in range(5):
        seeker.ref = new_seeker_ref(session)
        try:
            with session.begin_nested():
                session.add(seeker)
                session.flush()
            return
        except IntegrityError:
            if session.scalar(select(Seeker.id).where(Seeker.ref == seeker.ref)) is None:
                raise  # another constraint (the certificate number): the caller's refusal
    raise SeekerError("busy")


def create_seeker(session: Session, by: User, *, fields: dict, abilities: dict[str, int | None],
                  staff_abilities: dict[str, int | None], needs: list[str], required: list[str],
                  consent_share: bool, today: date, username: str | None = None, password: str | None = None) -> Seeker:
    """Staff register a seeker (at the township office), optionally with a login account for them."""
    _check_certificate_free(session, fields["certificate_number"])
    user = None
    if username:
        user = create_login(session, username, password, fields["name"])
    seeker = Seeker(consent_share=False,
                    **{name: fields[name] for name in PROFILE_FIELDS + STAFF_FIELDS if name in fields})
    _add_with_next_ref(session, seeker)
    seeker.user = user
    set_abilities(seeker, abilities, AbilitySource.SELF, by, today)
    set_abilities(seeker, staff_abilities, AbilitySource.STAFF, by, today)
    set_needs(seeker, needs, required)
    session.flush()
    set_consent(session, seeker, consent_share, by)
    audit.record(session, action="create", subject_type="seeker", subject_id=seeker.id,
                 detail={"ref": seeker.ref, "login": user is not None}, user_id=by.id)
    session.flush()
    return seeker


def create_login(session: Session, username: str, password: str, display_name: str) -> User:
    username = username.strip().lower()
    check_new_password(password, username=username)
    if session.scalar(select(User.id).where(func.lower(User.username) == username)) is not None:
        raise SeekerError("username_taken")
    user = User(username=username, role=Role.SEEKER, display_name=display_name)
    user.set_password(password)
    session.add(user)
    return user


def add_login(session: Session, seeker: Seeker, by: User, username: str, password: str) -> User:
    """Give an existing seeker a login account (staff, at the seeker's request)."""
    user = create_login(session, username, password, seeker.name)
    seeker.user = user
    session.flush()
    audit.record(session, action="update", subject_type="seeker", subject_id=seeker.id, detail={"fields": ["login"]},
                 user_id=by.id)
    return user


def seeker_by_ref(session: Session, ref: str) -> Seeker | None:
    """The seeker with this number (the one on their registration card), or None."""
    return session.scalar(select(Seeker).where(Seeker.ref == ref))


def seekers_by_ref(session: Session, refs) -> dict[str, Seeker]:
    """These seekers with their township, by number, for a list of matches."""
    return {s.ref: s for s in session.scalars(
        select(Seeker).where(Seeker.ref.in_(list(refs))).options(selectinload(Seeker.township)))}


def assessors_of(session: Session, seeker: Seeker) -> dict[int, str]:
    """The display name of each user who assessed one of the seeker's abilities, by user id."""
    ids = {row.assessed_by_id for row in seeker.abilities if row.assessed_by_id}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


def search_seekers(session: Session, text: str = "", township_id: int | None = None, page: int = 1,
                   per_page: int = PER_PAGE) -> Page[Seeker]:
    """Seekers whose name contains the text or whose certificate number starts with it, in a township if given:
    one page of them, by name, with how many match in all."""
    query = select(Seeker).options(selectinload(Seeker.township)).order_by(Seeker.name, Seeker.id)
    text = text.strip()
    if text:
        compact = "".join(text.split()).upper()
        query = query.where(or_(Seeker.name.contains(text, autoescape=True),
                                Seeker.certificate_number.startswith(compact, autoescape=True),
                                Seeker.ref == compact))
    if township_id:
        query = query.where(Seeker.township_id == township_id)
    return paginate(session, query, page, per_page)


def townships(session: Session) -> list[Township]:
    """The district's townships, by code."""
    return list(session.scalars(select(Township).order_by(Township.code)))


def township_choices(session: Session, lang: str) -> list[tuple[int, str]]:
    return [(t.id, t.name(lang)) for t in townships(session)]
