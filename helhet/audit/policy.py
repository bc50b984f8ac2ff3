"""Who may use each view of this app (gathered into config/policy.py).

Only the privacy officer (the capability audit.review) reads the log and reviews
break-glass use. The capability is named by value: audit imports no domain app.
"""

from helhet.core.policy import Rule, staff

AUDIT_REVIEW = "audit.review"  # organisation.roles.Cap.AUDIT_REVIEW

POLICY: dict[str, Rule] = {
    "audit:event_list": staff(AUDIT_REVIEW),
    "audit:break_glass_queue": staff(AUDIT_REVIEW),
    "audit:break_glass_reviewed": staff(AUDIT_REVIEW),
    "audit:break_glass_review": staff(AUDIT_REVIEW),
}
