"""Roles and the capabilities each has. Defined in code, not assembled from permission flags.

A capability is either global (the user has it if any membership's role has it) or,
for case content, tied to the unit of the membership: selectors and chokepoints ask
`units_with(user, capability)` for the units where the user holds it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from helhet.core.types import User


class Role(models.TextChoices):
    WORKER = "worker", _("Saksbehandler")
    LEAD = "lead", _("Leder")
    COORDINATOR = "coordinator", _("Koordinator")
    PRIVACY_OFFICER = "privacy_officer", _("Personvernombud")
    SYSTEM_ADMIN = "system_admin", _("Systemadministrator")


class Cap:
    """Capability names (strings, so the view policy can name them without importing models)."""

    CASE_VIEW = "case.view"  # read case content (persons, stays, cases) of the unit
    CASE_EDIT = "case.edit"  # create and change case content of the unit
    PERSON_ERASE = "person.erase"  # erase a person (crypto-shredding)
    BREAK_GLASS = "breakglass.use"  # open a record outside one's access, with a reason
    UNIT_MEMBERS = "unit.members"  # add and remove members of one's own unit
    USERS_MANAGE = "users.manage"  # create, change and deactivate users anywhere
    UNITS_MANAGE = "units.manage"  # create and change units and municipalities
    AUDIT_REVIEW = "audit.review"  # search the audit log, review break-glass use
    STAFF_HOME = "staff.home"  # any member of any unit
    DIRECTORY_EDIT = "directory.edit"  # keep the public help directory and portal texts
    # open a person's fortrolig adresse: only those who work with the person in the unit
    PERSON_ADDRESS = "person.address"


_CASE = {Cap.CASE_VIEW, Cap.CASE_EDIT, Cap.BREAK_GLASS, Cap.STAFF_HOME}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.WORKER: frozenset(_CASE | {Cap.PERSON_ADDRESS}),
    # The coordinator (and the municipal violence coordinator) keeps the help directory.
    Role.COORDINATOR: frozenset(_CASE | {Cap.DIRECTORY_EDIT}),
    Role.LEAD: frozenset(_CASE | {Cap.UNIT_MEMBERS, Cap.PERSON_ERASE, Cap.PERSON_ADDRESS}),
    Role.PRIVACY_OFFICER: frozenset({Cap.AUDIT_REVIEW, Cap.STAFF_HOME}),
    # A system administrator manages users and units and sees no case content.
    Role.SYSTEM_ADMIN: frozenset(
        {Cap.USERS_MANAGE, Cap.UNITS_MANAGE, Cap.UNIT_MEMBERS, Cap.STAFF_HOME}
    ),
}

# Separation of duties (who gives which role) rests on these three sets; the rules themselves
# are in services.membership_grant.
#
# Roles that carry case capabilities (reading or changing case content). A system
# administrator never holds one.
CASE_ROLES = frozenset(
    role for role, caps in ROLE_CAPABILITIES.items() if caps & {Cap.CASE_VIEW, Cap.CASE_EDIT}
)
# Roles that reach beyond one unit: only the system administrator gives them, never to
# themselves. The coordinator is one although it carries case capabilities: the municipal
# violence coordinator and the coordinating unit are appointed for the whole municipality.
MUNICIPALITY_ROLES = frozenset({Role.COORDINATOR, Role.PRIVACY_OFFICER, Role.SYSTEM_ADMIN})
# Roles a unit's lead gives within the unit.
UNIT_ROLES = CASE_ROLES - MUNICIPALITY_ROLES

# Capabilities that hold per unit: the user has them only for the units of those memberships.
UNIT_SCOPED = frozenset(
    {Cap.CASE_VIEW, Cap.CASE_EDIT, Cap.PERSON_ERASE, Cap.UNIT_MEMBERS, Cap.PERSON_ADDRESS}
)


def user_capabilities(user: User) -> frozenset[str]:
    """Every capability the user holds through an active membership in an active unit."""
    from helhet.organisation.models import Membership

    roles = Membership.objects.filter(user=user, unit__is_active=True).values_list(
        "role", flat=True
    )
    caps: set[str] = set()
    for role in set(roles):
        caps |= ROLE_CAPABILITIES.get(role, frozenset())
    if getattr(user, "is_superuser", False):
        # A superuser is a system administrator: still no case content.
        caps |= ROLE_CAPABILITIES[Role.SYSTEM_ADMIN]
    return frozenset(caps)


def roles_with(capability: str) -> list[str]:
    return [role for role, caps in ROLE_CAPABILITIES.items() if capability in caps]
