"""AbleMatch's data model: plain SQLAlchemy 2, no Flask, so that the matcher, the scheduler and scripts share it."""

from .api_tokens import ApiToken
from .applications import Application, ApplicationEvent, ApplicationState
from .audit import AuditEntry, log_access
from .base import Base, utcnow
from .db import make_engine, make_session_factory
from .employers import Employer
from .employments import Employment, EmploymentSource
from .fairs import AttendeeSource, FairAttendee, FairEmployer, FairOutcome, FairOutcomeKind, FairPosition, JobFair
from .followups import CheckIn, CheckInState, FollowUpPlan, Support
from .insurance import InsuranceImport, InsurancePayment
from .interviews import Interview, InterviewSlot, InterviewState
from .login_failures import LoginFailure
from .login_sessions import LoginSession
from .notifications import Notification
from .offers import Offer, OfferState
from .outcomes import OutcomeEvent, OutcomeKind
from .outreach import CALL_OUTCOMES, OPEN_CALLS, Channel, Outreach, OutreachState
from .positions import Position, PositionDemand, PositionOffer, PositionStatus
from .quota import DeclarationStatus, DeclaredEmployee, QuotaAssessment, QuotaDeclaration
from .ranking import RankerModel
from .scheduler import SchedulerRun
from .seekers import AbilitySource, Seeker, SeekerAbility, SeekerNeed
from .suggestions import QuotaSuggestion
from .townships import Township, TownshipStaff
from .trainings import Course, SignUp, SignUpState, TrainingSession
from .users import Role, User
from .wages import LocalWage
from .work_queue import WorkAssignment

__all__ = [
    "AbilitySource", "ApiToken", "Application", "ApplicationEvent", "ApplicationState", "AttendeeSource", "AuditEntry", "Base",
    "Course", "DeclarationStatus", "DeclaredEmployee", "Employer", "Employment", "EmploymentSource", "FairAttendee",
    "FairEmployer", "FairOutcome", "FairOutcomeKind", "FairPosition", "JobFair", "Notification", "Position",
    "PositionDemand", "PositionOffer", "PositionStatus", "QuotaAssessment", "QuotaDeclaration", "Role", "Seeker",
    "SeekerAbility", "SeekerNeed", "SignUp", "SignUpState", "Township", "TownshipStaff", "TrainingSession", "User", "log_access",
    "make_engine", "make_session_factory", "utcnow",
    "InsuranceImport", "InsurancePayment", "LoginFailure", "LoginSession", "LocalWage", "QuotaSuggestion", "RankerModel",
    "SchedulerRun", "CALL_OUTCOMES", "Channel", "OPEN_CALLS", "Outreach", "OutreachState",
    "CheckIn", "CheckInState", "FollowUpPlan", "Interview", "InterviewSlot", "InterviewState", "Offer", "OfferState",
    "OutcomeEvent", "OutcomeKind", "Support", "WorkAssignment",
]
