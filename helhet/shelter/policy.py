"""Who may use each view of this app (gathered into config/policy.py)."""

from helhet.core.policy import Rule

POLICY: dict[str, Rule] = {}
