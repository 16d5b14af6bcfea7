"""Quota-employment compliance: who must pay the disabled-employment levy, how much, and why, in words.

Rule sets are data (`rules/*.json`); see the README section "Quota compliance".
"""

from .assess import Assessment, assess, assess_many
from .records import CREDIT_CODE_KINDS, EMPLOYER_KINDS, RecordError, kind_from_credit_code
from .rulesets import DEFAULT as RULES
from .rulesets import RuleBook
from .whatif import HireEffect, what_if_hire

__all__ = ["CREDIT_CODE_KINDS", "EMPLOYER_KINDS", "RULES", "Assessment", "HireEffect", "RecordError", "RuleBook",
           "assess", "assess_many", "kind_from_credit_code", "what_if_hire"]
