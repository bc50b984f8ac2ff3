"""Writes of the crisis centre, one module per sub-domain: answer lists (`reference`),
rooms and beds, contacts (phone and day), stays (with children), allocations (beds and
referrals to another centre), safety (safety plans and threat mappings) and follow-up.

Every function owns its transaction, validates before it saves, and writes its audit event
in the same transaction. A creating service takes the form's submission id and runs its
write through `core.idempotency.once`, so a double click finds the record the first click
created instead of creating a second one.
"""

from helhet.shelter.services.allocations import (
    CapacityReferralInput,
    bed_allocate,
    capacity_referral_create,
    room_allocate,
)
from helhet.shelter.services.base import BedTakenError, ShelterError
from helhet.shelter.services.contacts import (
    UNDO_WINDOW,
    DayContactInput,
    DayUserInput,
    PhoneContactInput,
    day_contact_create,
    phone_contact_create,
    phone_contact_undo,
)
from helhet.shelter.services.followup import (
    DEFAULT_TASK_DAYS,
    ConsentInput,
    TaskInput,
    followup_consent_record,
    followup_plan_start,
    followup_task_create,
    followup_task_update,
)
from helhet.shelter.services.reference import answer_option_create, answer_option_set_active
from helhet.shelter.services.rooms import (
    RoomInput,
    bed_create,
    bed_set_active,
    room_closure_create,
    room_create,
    room_update,
)
from helhet.shelter.services.safety import (
    ThreatInput,
    safety_plan_save,
    threat_assessment_create,
)
from helhet.shelter.services.stays import (
    STAY_PLAIN_FIELDS,
    ChildInput,
    StayInput,
    stay_child_add,
    stay_create,
    stay_end,
    stay_source,
    stay_update,
)

__all__ = [
    "STAY_PLAIN_FIELDS",
    "DEFAULT_TASK_DAYS",
    "UNDO_WINDOW",
    "BedTakenError",
    "CapacityReferralInput",
    "ChildInput",
    "ConsentInput",
    "DayContactInput",
    "DayUserInput",
    "PhoneContactInput",
    "RoomInput",
    "ShelterError",
    "StayInput",
    "TaskInput",
    "ThreatInput",
    "answer_option_create",
    "answer_option_set_active",
    "bed_allocate",
    "bed_create",
    "bed_set_active",
    "capacity_referral_create",
    "day_contact_create",
    "followup_consent_record",
    "followup_plan_start",
    "followup_task_create",
    "followup_task_update",
    "phone_contact_create",
    "phone_contact_undo",
    "room_allocate",
    "room_closure_create",
    "room_create",
    "room_update",
    "safety_plan_save",
    "stay_child_add",
    "stay_create",
    "stay_end",
    "stay_source",
    "stay_update",
    "threat_assessment_create",
]
