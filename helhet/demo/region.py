"""The fictional demo region: Fjordvik hosts the crisis centre for Nordøy and Sørdal.

Every name is invented; municipality numbers 99xx are not used by any real municipality.
Idempotent: running it again finds what exists and adds what is missing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import transaction

from helhet.accounts.models import User
from helhet.organisation.choices import UnitType
from helhet.organisation.models import Membership, Municipality, Unit
from helhet.organisation.roles import Role
from helhet.organisation.services import membership_add, unit_create

DEMO_PASSWORD = "demo-Helhet-2026!"  # noqa: S105 - printed demo login, fictional data only

MUNICIPALITIES = [("9901", "Fjordvik"), ("9902", "Nordøy"), ("9903", "Sørdal")]

# (name, type, host number, covered numbers, phone)
UNITS = [
    ("Fjordvik krisesenter", UnitType.CRISIS_CENTRE, "9901", ["9902", "9903"], "+47 99 00 11 00"),
    ("NAV Fjordvik", UnitType.NAV, "9901", [], "+47 55 55 33 33"),
    ("NAV Nordøy", UnitType.NAV, "9902", [], "+47 55 55 33 34"),
    ("Barnevernet Fjordvik", UnitType.CHILD_WELFARE, "9901", [], "+47 99 00 22 00"),
    ("Helsestasjonen Fjordvik", UnitType.HEALTH_STATION, "9901", [], "+47 99 00 33 00"),
    ("Skolehelsetjenesten Sørdal", UnitType.SCHOOL_HEALTH, "9903", [], "+47 99 00 34 00"),
    (
        "Familievernkontoret Fjordvik",
        UnitType.FAMILY_COUNSELLING,
        "9901",
        ["9902", "9903"],
        "+47 99 00 44 00",
    ),
    ("Koordinerende enhet Fjordvik", UnitType.COORDINATING_UNIT, "9901", [], "+47 99 00 55 00"),
    (
        "TryggEst-teamet Fjordvik",
        UnitType.TRYGGEST_TEAM,
        "9901",
        ["9902", "9903"],
        "+47 99 00 66 00",
    ),
    ("Konsultasjonsteamet Fjordvik", UnitType.CONSULTATION_TEAM, "9901", ["9902", "9903"], ""),
    ("Politiets kontaktperson Fjordvik", UnitType.POLICE_LIAISON, "9901", ["9902", "9903"], ""),
    ("Fjordvik kommune, administrasjon", UnitType.ADMINISTRATION, "9901", [], "+47 99 00 00 00"),
]

# (username, full name, unit, role, what the demo user is for)
USERS = [
    ("krisesenter", "Kari Krisesenter", "Fjordvik krisesenter", Role.WORKER, "krisesenteransatt"),
    (
        "krisesenterleder",
        "Lise Leder",
        "Fjordvik krisesenter",
        Role.LEAD,
        "leder ved krisesenteret",
    ),
    ("nav", "Nils NAV", "NAV Fjordvik", Role.WORKER, "saksbehandler i NAV"),
    (
        "koordinator",
        "Kim Koordinator",
        "Koordinerende enhet Fjordvik",
        Role.COORDINATOR,
        "koordinator og voldskoordinator",
    ),
    (
        "personvern",
        "Per Personvern",
        "Fjordvik kommune, administrasjon",
        Role.PRIVACY_OFFICER,
        "personvernombud",
    ),
    (
        "admin",
        "Ada Administrator",
        "Fjordvik kommune, administrasjon",
        Role.SYSTEM_ADMIN,
        "systemadministrator (ser ikke saker)",
    ),
]


@dataclass
class Region:
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)


@transaction.atomic
def seed_region() -> Region:
    region = Region()
    for number, name in MUNICIPALITIES:
        region.municipalities[number], _created = Municipality.objects.get_or_create(
            number=number, valid_from=None, defaults={"name": name}
        )
    admin = User.objects.filter(username="admin").first()
    for name, unit_type, host, covered, phone in UNITS:
        unit = Unit.objects.filter(name=name).first()
        if unit is None:
            unit = unit_create(
                actor=admin,
                name=name,
                unit_type=unit_type,
                host_municipality=region.municipalities[host],
                covered_municipalities=[region.municipalities[n] for n in covered],
                phone=phone,
                submission_id=uuid.uuid4(),
            )
        region.units[name] = unit
    for username, full_name, unit_name, role, purpose in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name)
            user.set_password(DEMO_PASSWORD)
            user.save()
        unit = region.units[unit_name]
        # Through the audited seeding function, so that the privacy officer's list of
        # granted roles shows the demo's roles (given by "the system": no person asked).
        if not Membership.objects.filter(user=user, unit=unit, role=role).exists():
            membership_add(actor=None, user=user, unit=unit, role=role)
        region.users[username] = user
        region.logins.append((username, DEMO_PASSWORD, purpose))
    return region
