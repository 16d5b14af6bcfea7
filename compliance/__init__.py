"""Quota-employment compliance: who must pay the disabled-employment levy, how much, and why, in words.

Rule sets are data (`rules/*.json`); see the README section "Quota compliance".
"""

from .assess import Assessment, assess, assess_many
from .records import RecordError
from .rulesets import DEFAULT as RULES
from .rulesets import RuleBook

__all__ = ["Assessment", "RULES", "RecordError", "RuleBook", "assess", "assess_many"]
