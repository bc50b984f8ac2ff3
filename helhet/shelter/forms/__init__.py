"""Forms of the crisis centre, one module per sub-domain. They check shape (types, required
fields); the rules live in the services, whose errors the views put next to the field they
concern. Every form that creates something is a `core.forms.SubmissionForm`."""

from helhet.shelter.forms.allocations import (
    RESIDENT,
    BedAllocateForm,
    CapacityReferralForm,
    RoomAllocateForm,
    occupant_choices,
)
from helhet.shelter.forms.contacts import DayContactForm, PhoneContactForm
from helhet.shelter.forms.followup import (
    ConsentForm,
    FollowUpStartForm,
    TaskCreateForm,
    TaskForm,
    TaskStatusForm,
)
from helhet.shelter.forms.reference import AnswerOptionForm
from helhet.shelter.forms.rooms import BedForm, ClosureForm, RoomCreateForm, RoomForm
from helhet.shelter.forms.safety import SafetyPlanForm, ThreatForm
from helhet.shelter.forms.stays import (
    ChildAddForm,
    ChildForm,
    ChildFormSet,
    ResidentForm,
    StayEndForm,
    StayForm,
)

__all__ = [
    "RESIDENT",
    "AnswerOptionForm",
    "BedAllocateForm",
    "BedForm",
    "CapacityReferralForm",
    "ChildAddForm",
    "ChildForm",
    "ChildFormSet",
    "ClosureForm",
    "ConsentForm",
    "DayContactForm",
    "FollowUpStartForm",
    "PhoneContactForm",
    "ResidentForm",
    "RoomAllocateForm",
    "RoomCreateForm",
    "RoomForm",
    "SafetyPlanForm",
    "StayEndForm",
    "StayForm",
    "TaskCreateForm",
    "TaskForm",
    "TaskStatusForm",
    "ThreatForm",
    "occupant_choices",
]
