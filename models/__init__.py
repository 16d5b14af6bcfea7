"""AbleMatch's data model: plain SQLAlchemy 2, no Flask, so that the matcher, the scheduler and scripts share it."""

from .api_tokens import ApiToken
from .applications import Application, ApplicationEvent, ApplicationState
from .audit import AuditEntry, log_access
from .base import Base, utcnow
from .db import make_engine, make_session_factory
from .employers import Employer
from .employments import Employment, EmploymentSource
from .fairs import AttendeeSource, FairAttendee, FairEmployer, FairOutcome, FairOutcomeKind, FairPosition, JobFair
from .insurance import InsuranceImport, InsurancePayment
from .login_failures import LoginFailure
from .login_sessions import LoginSession
from .notifications import Notification
from .outreach import CALL_OUTCOMES, OPEN_CALLS, Channel, Outreach, OutreachState
from .positions import Position, PositionDemand, PositionOffer, PositionStatus
from .quota import DeclarationStatus, DeclaredEmployee, QuotaAssessment, QuotaDeclaration
from .ranking import RankerModel
from .scheduler import SchedulerRun
from .seekers import AbilitySource, Seeker, SeekerAbility, SeekerNeed
from .suggestions import QuotaSuggestion
from .townships import Township
from .trainings import Course, SignUp, SignUpState, TrainingSession
from .users import Role, User
from .wages import LocalWage

__all__ = [
    "AbilitySource", "ApiToken", "Application", "ApplicationEvent", "ApplicationState", "AttendeeSource", "AuditEntry", "Base",
    "Course", "DeclarationStatus", "DeclaredEmployee", "Employer", "Employment", "EmploymentSource", "FairAttendee",
    "FairEmployer", "FairOutcome", "FairOutcomeKind", "FairPosition", "JobFair", "Notification", "Position",
    "PositionDemand", "PositionOffer", "PositionStatus", "QuotaAssessment", "QuotaDeclaration", "Role", "Seeker",
    "SeekerAbility", "SeekerNeed", "SignUp", "SignUpState", "Township", "TrainingSession", "User", "log_access",
    "make_engine", "make_session_factory", "utcnow",
    "InsuranceImport", "InsurancePayment", "LoginFailure", "LoginSession", "LocalWage", "QuotaSuggestion", "RankerModel",
    "SchedulerRun", "CALL_OUTCOMES", "Channel", "OPEN_CALLS", "Outreach", "OutreachState",
]
