import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, and_, false
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher.profile import SOURCES

from .base import Base, str_enum, utcnow
from .townships import Township

if TYPE_CHECKING:
    from .users import User


class AbilitySource(enum.StrEnum):
    SELF = "self"
    STAFF = "staff"
    TESTED = "tested"


assert tuple(s.value for s in AbilitySource) == SOURCES

#: the engine prefers a tested value over a staff-assessed one over a self-assessed one
SOURCE_PRIORITY = {AbilitySource.TESTED: 3, AbilitySource.STAFF: 2, AbilitySource.SELF: 1}


class Seeker(Base):
    """A disabled job seeker registered with the federation (求职残疾人)."""

    __tablename__ = "seekers"
    __table_args__ = (
        CheckConstraint("category BETWEEN 1 AND 7", name="category_range"),
        CheckConstraint("grade BETWEEN 1 AND 4", name="grade_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), unique=True)
    #: stable public id used in exchange files (S00017)
    ref: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[Optional[str]] = mapped_column(String(30))
    #: 第二代残疾人证: 18-character citizen ID + category digit + grade digit; sensitive, never shown to employers
    certificate_number: Mapped[str] = mapped_column(String(20), unique=True)
    #: 1 vision, 2 hearing, 3 speech, 4 physical, 5 intellectual, 6 mental, 7 multiple
    category: Mapped[int]
    #: 1 (most severe) to 4
    grade: Mapped[int]
    township_id: Mapped[int] = mapped_column(ForeignKey("townships.id"), index=True)
    #: home coordinates when known; otherwise the township centre is used
    lat: Mapped[Optional[float]]
    lon: Mapped[Optional[float]]
    max_commute_km: Mapped[Optional[float]]
    remote_ok: Mapped[bool] = mapped_column(default=False)
    #: free-text skills as the person typed them
    skills: Mapped[list] = mapped_column(default=list)
    desired_wage: Mapped[Optional[int]] = mapped_column(comment="yuan per month")
    hours_per_week: Mapped[Optional[int]]
    is_looking: Mapped[bool] = mapped_column(default=True)
    #: PIPL: the profile is shown to employers only while this is true
    consent_share: Mapped[bool] = mapped_column(default=False)
    consent_changed_at: Mapped[Optional[datetime]]
    #: the person chose to be told by SMS (services.outreach), beside the app when they have a login
    notify_by_sms: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: zh or en: the language notices are written (SMS) or read out (call list) in for this person
    language: Mapped[str] = mapped_column(String(8), default="zh", server_default="zh")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: bumped on every change that matching sees; web workers re-read rows changed since their last look
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    user: Mapped[Optional["User"]] = relationship(back_populates="seeker")
    township: Mapped[Township] = relationship()
    abilities: Mapped[list["SeekerAbility"]] = relationship(
        back_populates="seeker", cascade="all, delete-orphan", order_by="SeekerAbility.key")
    needs: Mapped[list["SeekerNeed"]] = relationship(
        back_populates="seeker", cascade="all, delete-orphan", order_by="SeekerNeed.key")

    @hybrid_property
    def listed(self) -> bool:
        """Shown to employers among candidates: looks for work and consents to share (PIPL). One expression for
        Python (`seeker.listed`) and SQL (`where(Seeker.listed)`); services.visibility builds on it."""
        return bool(self.is_looking) and bool(self.consent_share)  # unflushed rows hold None, not the default

    @listed.inplace.expression
    @classmethod
    def _listed_expression(cls):
        return and_(cls.is_looking.is_(True), cls.consent_share.is_(True))

    @property
    def severe(self) -> bool:
        return self.grade <= 2

    def effective_abilities(self) -> dict[str, int]:
        """One value per assessed item, from the most trusted source (tested, then staff, then self). An item
        with no row from any source is not assessed: it is left out here, and is not 0 (0 says "cannot")."""
        best: dict[str, SeekerAbility] = {}
        for row in self.abilities:
            kept = best.get(row.key)
            if kept is None or SOURCE_PRIORITY[row.source] > SOURCE_PRIORITY[kept.source]:
                best[row.key] = row
        return {key: row.value for key, row in best.items()}


class SeekerAbility(Base):
    """One item of a seeker's ability profile from one source, with when it was assessed.

    "Not assessed" is the absence of a row: a new profile has none, and a form's "Not assessed" removes the
    source's row. So value is never null, and 0 always means "not able" (shared/ability-profile.md v2)."""

    __tablename__ = "seeker_abilities"
    __table_args__ = (
        UniqueConstraint("seeker_id", "key", "source"),
        CheckConstraint("value BETWEEN 0 AND 5", name="value_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    #: a key of matcher.profile.ABILITIES
    key: Mapped[str] = mapped_column(String(30))
    value: Mapped[int]
    source: Mapped[AbilitySource] = mapped_column(str_enum(AbilitySource, "ability_source"))
    assessed_on: Mapped[date]
    #: the staff member who assessed it (staff and tested values)
    assessed_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))

    seeker: Mapped[Seeker] = relationship(back_populates="abilities")


class SeekerNeed(Base):
    """An accommodation the seeker needs; a required one rules out positions that lack it."""

    __tablename__ = "seeker_needs"
    __table_args__ = (UniqueConstraint("seeker_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    #: a key of matcher.profile.ACCOMMODATIONS
    key: Mapped[str] = mapped_column(String(30))
    required: Mapped[bool] = mapped_column(default=False)

    seeker: Mapped[Seeker] = relationship(back_populates="needs")
