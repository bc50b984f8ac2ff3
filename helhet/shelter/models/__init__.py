"""The crisis centre's records, one module per sub-domain: answer lists (`reference`),
rooms and beds, contacts (phone and day), stays (with children, bed allocations and
referrals), safety (safety plans and threat mappings) and follow-up.

Rules the statistics rely on:

- Answer options are never deleted, only deactivated, so a stay from an earlier year
  still points at the option it was registered with (every foreign key is PROTECT).
- Overnights are derived from the dates, never typed in.
- Narrative text (safety plans, threat mappings, task notes) is stored only as ciphertext
  under the resident's own data key (`helhet.people.sealing`); erasing the person makes
  it unreadable everywhere, backups included.
"""

from helhet.shelter.models.contacts import DayContact, DayUser, PhoneContact
from helhet.shelter.models.followup import FollowUpPlan, FollowUpTask
from helhet.shelter.models.reference import AnswerOption
from helhet.shelter.models.rooms import Bed, Room, RoomClosure
from helhet.shelter.models.safety import (
    SAFETY_PLAN_SECTIONS,
    THREAT_SECTIONS,
    SafetyPlan,
    SafetyPlanReview,
    ThreatAssessment,
)
from helhet.shelter.models.stays import BedAllocation, CapacityReferral, Stay, StayChild

__all__ = [
    "SAFETY_PLAN_SECTIONS",
    "THREAT_SECTIONS",
    "AnswerOption",
    "Bed",
    "BedAllocation",
    "CapacityReferral",
    "DayContact",
    "DayUser",
    "FollowUpPlan",
    "FollowUpTask",
    "PhoneContact",
    "Room",
    "RoomClosure",
    "SafetyPlan",
    "SafetyPlanReview",
    "Stay",
    "StayChild",
    "ThreatAssessment",
]
