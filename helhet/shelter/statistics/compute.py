"""The annual report, counted in the database.

Every table is one aggregate query (conditional counts or a GROUP BY), so the number of
queries is the same for ten stays as for ten thousand. The counting rules are in the
package docstring (`helhet/shelter/statistics/__init__.py`).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Unpack

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helhet.organisation.models import Municipality, Unit
from helhet.people.choices import Gender
from helhet.shelter.choices import AnswerList, DayContactKind, ReferralReason, YesNoUnknown
from helhet.shelter.models import CapacityReferral, DayContact, DayUser, PhoneContact, Stay
from helhet.shelter.statistics.building import (
    Options,
    TableTexts,
    build_table,
    choice_table,
    gender_age_table,
    option_table,
    total_of,
)
from helhet.shelter.statistics.groups import adult_ages, child_ages, lengths
from helhet.shelter.statistics.scope import (
    GENDERS,
    YES_NO,
    Scope,
    count_by,
    nights_in_year,
    overlaps_year,
    scope_child_stays,
    scope_stays,
    stay_length,
    whole_days,
    year_children,
    year_filter,
    year_residents,
    year_stays,
)
from helhet.shelter.statistics.tables import Number, Report, Table, one_decimal

# Bufdir's order of publication: the centre's activity first, then the residents and their
# stays, the children, the day offer and the phone.
TABLE_ORDER = [
    "overview",
    "residents_gender_age",
    "stays_gender_age",
    "residents_municipality",
    "repeat_stays",
    "earlier_contact",
    "referrer",
    "violence_types",
    "violence_repeated",
    "perpetrator_relation",
    "perpetrator_gender",
    "length_of_stay",
    "destination",
    "children_gender_age",
    "children_conditions",
    "day_users_gender_age",
    "day_visits",
    "phone_contacts",
    "capacity_referrals",
]


def _overview(scope: Scope, tables: dict[str, Table]) -> Table:
    """The key figures. Those that another table already holds are taken from it, so the
    overview and the tables always agree."""
    in_year = year_filter(scope)
    consent = Q(statistics_consent=True)
    overlap = overlaps_year(scope)
    stays = scope_stays(scope).aggregate(
        stays=Count("pk", filter=in_year & consent),
        residents=Count("pk", filter=in_year & consent & Q(first_stay_of_year=True)),
        without_consent=Count("pk", filter=in_year & Q(statistics_consent=False)),
        nights=Sum(nights_in_year(scope), filter=overlap),
        ended=Count("pk", filter=in_year & consent & Q(departed_on__isnull=False)),
        ended_nights=Sum(stay_length(), filter=in_year & consent & Q(departed_on__isnull=False)),
    )
    children = scope_child_stays(scope).aggregate(
        stays=Count("pk", filter=in_year & consent),
        residents=Count("pk", filter=in_year & consent & Q(first_stay_of_year=True)),
        without_consent=Count("pk", filter=in_year & Q(statistics_consent=False)),
        nights=Sum(nights_in_year(scope), filter=overlap),
    )
    day_visits = tables["day_visits"]
    outreach = list(DayContactKind).index(DayContactKind.OUTREACH)
    phone = tables["phone_contacts"]
    full = list(ReferralReason).index(ReferralReason.FULL)
    ended = stays["ended"]
    average = one_decimal(whole_days(stays["ended_nights"]) / ended) if ended else Decimal("0.0")
    figures: list[tuple[str, Number, int | None]] = [
        (_("Beboere (voksne)"), stays["residents"], None),
        (_("Opphold (voksne)"), stays["stays"], None),
        (_("Overnattingsdøgn, voksne"), whole_days(stays["nights"]), None),
        (_("Overnattingsdøgn, barn"), whole_days(children["nights"]), None),
        (_("Gjennomsnittlig botid for avsluttede opphold (døgn)"), average, ended),
        (_("Barn (beboere)"), children["residents"], None),
        (_("Barneopphold"), children["stays"], None),
        (_("Dagbrukere"), total_of(tables["day_users_gender_age"]), None),
        (_("Dagsbesøk"), total_of(day_visits, 0), None),
        (
            _("herav oppsøkende (hjemmebesøk, følge til etat)"),
            day_visits.value(outreach, 0) or 0,
            None,
        ),
        (_("Telefonsamtaler"), total_of(phone, 0), None),
        (_("herav enesamtaler"), total_of(phone, 1), None),
        (
            _("Ganger tilbudet var fullt (henvist videre)"),
            tables["capacity_referrals"].value(full, 0) or 0,
            None,
        ),
        (
            _("Opphold for voksne uten samtykke til registrering (bare med i overnattingsdøgn)"),
            stays["without_consent"],
            None,
        ),
        (
            _("Barneopphold uten samtykke til registrering (bare med i overnattingsdøgn)"),
            children["without_consent"],
            None,
        ),
    ]
    table = build_table(
        "overview",
        title=_("Oversikt"),
        sheet=_("Oversikt"),
        note=_(
            "Beboere og opphold telles i året oppholdet begynte. Overnattingsdøgn telles i "
            "året natten faller, også for opphold over nyttår og opphold som pågår."
        ),
        row_header=_("Tall"),
        labels=[label for label, _value, _basis in figures],
        columns=[_("Antall")],
        cells=[[value] for _label, value, _basis in figures],
        total_row=False,
    )
    for row, (_label, _value, basis) in zip(table.rows, figures, strict=True):
        row.basis = basis
    return table


def _residents_by_municipality(scope: Scope) -> Table:
    members = [scope.unit.host_municipality]
    members += [
        municipality
        for municipality in scope.unit.covered_municipalities.order_by("number")
        if municipality.pk != scope.unit.host_municipality_id
    ]
    in_year = year_filter(scope)
    consent = Q(statistics_consent=True)
    grouped = (
        scope_stays(scope)
        .values("municipality")
        .annotate(
            residents=Count("pk", filter=in_year & consent & Q(first_stay_of_year=True)),
            stays=Count("pk", filter=in_year & consent),
            nights=Sum(nights_in_year(scope), filter=overlaps_year(scope)),
        )
    )
    member_ids = [municipality.pk for municipality in members]
    rows: dict[Any, list[int]] = {key: [0, 0, 0] for key in [*member_ids, "other", None]}
    for entry in grouped:
        key = entry["municipality"]
        if key is not None and key not in member_ids:
            key = "other"
        target = rows[key]
        target[0] += entry["residents"]
        target[1] += entry["stays"]
        target[2] += whole_days(entry["nights"])
    labels = [str(municipality) for municipality in members]
    labels += [_("Annen kommune"), _("Ikke registrert")]
    return build_table(
        "residents_municipality",
        title=_("Beboere, opphold og overnattingsdøgn etter bostedskommune"),
        sheet=_("Bostedskommune"),
        note=_("Overnattingsdøgn for voksne, også opphold uten samtykke til registrering."),
        row_header=_("Bostedskommune"),
        labels=labels,
        columns=[_("Beboere"), _("Opphold"), _("Overnattingsdøgn, voksne")],
        cells=[list(values) for values in rows.values()],
        chart_column=0,
    )


def _repeat_stays(scope: Scope) -> Table:
    # Two levels in one query: the year's stays at the centre per person, then the persons
    # counted as residents (in the report's municipality) by their number of stays.
    first = Q(first_stay_of_year=True)
    if scope.municipality is not None:
        first &= Q(municipality=scope.municipality)
    per_person = (
        Stay.objects.filter(unit=scope.unit, statistics_consent=True)
        .filter(year_filter(scope))
        .order_by()
        .values("resident")
        .annotate(stays_in_year=Count("pk"), counted=Count("pk", filter=first))
    )
    counts = per_person.aggregate(
        one=Count("resident", filter=Q(counted__gt=0, stays_in_year=1)),
        two=Count("resident", filter=Q(counted__gt=0, stays_in_year=2)),
        more=Count("resident", filter=Q(counted__gt=0, stays_in_year__gte=3)),
    )
    return build_table(
        "repeat_stays",
        title=_("Beboere etter antall opphold i året"),
        sheet=_("Gjentatte opphold"),
        note=_("Opphold ved dette senteret i løpet av året, for hver beboer."),
        row_header=_("Antall opphold"),
        labels=[_("Ett opphold"), _("To opphold"), _("Tre eller flere opphold")],
        columns=[_("Beboere")],
        cells=[[counts["one"]], [counts["two"]], [counts["more"]]],
        chart_column=0,
    )


def _yes_no_table(
    key: str, counts: dict[Any, int], *, column: str, **texts: Unpack[TableTexts]
) -> Table:
    choices = [YesNoUnknown(value) for value in YES_NO]
    return choice_table(key, choices, counts, column=column, **texts)


def _violence_types(scope: Scope, options: Options) -> Table:
    through = Stay.violence_types.through
    counts = {
        row["answeroption"]: row["n"]
        for row in through.objects.filter(stay__in=year_residents(scope).values("pk"))
        .order_by()
        .values("answeroption")
        .annotate(n=Count("stay", distinct=True))
    }
    return option_table(
        "violence_types",
        options,
        AnswerList.VIOLENCE_TYPE,
        counts,
        total_row=False,
        column=_("Beboere"),
        title=_("Beboere etter voldsform"),
        sheet=_("Voldsformer"),
        note=_("En beboer kan være utsatt for flere former for vold, så tabellen har ingen sum."),
        row_header=_("Voldsform"),
    )


def _length_of_stay(scope: Scope) -> Table:
    bands = lengths()
    ended = Q(departed_on__isnull=False)
    aggregates = {}
    for index, band in enumerate(bands):
        condition = ended
        if band.low is not None:
            condition &= Q(length__gte=timedelta(days=band.low))
        if band.high is not None:
            condition &= Q(length__lte=timedelta(days=band.high))
        aggregates[f"b{index}"] = Count("pk", filter=condition)
    aggregates["open"] = Count("pk", filter=Q(departed_on__isnull=True))
    counts = year_stays(scope).annotate(length=stay_length()).aggregate(**aggregates)
    return build_table(
        "length_of_stay",
        title=_("Opphold etter botid"),
        sheet=_("Botid"),
        note=_("Botid er antall døgn fra ankomst til utflytting, for årets opphold."),
        row_header=_("Botid"),
        labels=[*(band.label("nights") for band in bands), _("Oppholdet pågår")],
        columns=[_("Opphold")],
        cells=[[counts[f"b{index}"]] for index in range(len(bands))] + [[counts["open"]]],
        chart_column=0,
    )


def _destination(scope: Scope, options: Options) -> Table:
    grouped = (
        year_stays(scope)
        .values("destination")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(departed_on__isnull=True)))
    )
    counts: dict[Any, int] = {}
    still_open = not_registered = 0
    for entry in grouped:
        if entry["destination"] is None:
            still_open += entry["open"]
            not_registered += entry["n"] - entry["open"]
        else:
            counts[entry["destination"]] = entry["n"]
    chosen = options.rows(AnswerList.DESTINATION, counts)
    cells: list[list[Number | None]] = [[counts.get(option.pk, 0)] for option in chosen]
    return build_table(
        "destination",
        title=_("Opphold etter bosted etter oppholdet"),
        sheet=_("Bosted etter oppholdet"),
        note=_("Hvor beboeren flyttet da årets opphold sluttet."),
        row_header=_("Bosted etter oppholdet"),
        labels=[
            *(option.display_label for option in chosen),
            _("Ikke registrert"),
            _("Oppholdet pågår"),
        ],
        columns=[_("Opphold")],
        cells=[*cells, [not_registered], [still_open]],
        chart_column=0,
    )


CHILD_CONDITIONS = [
    ("school_interrupted", gettext_lazy("Avbrudd i barnehage eller skole")),
    ("witnessed_violence", gettext_lazy("Har sett eller hørt vold")),
    ("suffered_violence", gettext_lazy("Har selv vært utsatt for vold")),
    ("child_welfare_contact", gettext_lazy("Kontakt med barnevernet")),
    ("contact_with_violent_parent", gettext_lazy("Kontakt med forelder som har utøvd vold")),
]


def _children_conditions(scope: Scope) -> Table:
    residents = year_children(scope).filter(first_stay_of_year=True)
    aggregates = {
        f"{name}_{value}": Count("pk", filter=Q(**{name: value}))
        for name, _label in CHILD_CONDITIONS
        for value in YES_NO
    }
    counts = residents.aggregate(**aggregates)
    return build_table(
        "children_conditions",
        title=_("Barn etter forhold ved oppholdet"),
        sheet=_("Barn – forhold"),
        note=_("Hver linje er ett spørsmål om barnet; summen er antall barn."),
        row_header=_("Spørsmål"),
        labels=[str(label) for _name, label in CHILD_CONDITIONS],
        columns=[str(YesNoUnknown(value).label) for value in YES_NO],
        cells=[
            [counts[f"{name}_{value}"] for value in YES_NO] for name, _label in CHILD_CONDITIONS
        ],
        total_row=False,
        total_column=True,
    )


def _day_users(scope: Scope) -> QuerySet[DayUser]:
    """Day users counted in the year: those with at least one attendance in it."""
    visited = DayContact.objects.filter(unit=scope.unit).filter(year_filter(scope, "occurred_on"))
    users = DayUser.objects.filter(unit=scope.unit, pk__in=visited.values("day_user")).order_by()
    if scope.municipality is not None:
        users = users.filter(municipality=scope.municipality)
    return users


def _day_contacts(scope: Scope) -> QuerySet[DayContact]:
    contacts = DayContact.objects.filter(unit=scope.unit).filter(year_filter(scope, "occurred_on"))
    if scope.municipality is not None:
        contacts = contacts.filter(day_user__municipality=scope.municipality)
    return contacts.order_by()


def _phone_contacts(scope: Scope) -> QuerySet[PhoneContact]:
    start, stop = scope.moments()
    calls = PhoneContact.objects.filter(unit=scope.unit, started_at__gte=start, started_at__lt=stop)
    if scope.municipality is not None:
        calls = calls.filter(municipality=scope.municipality)
    return calls.order_by()


def _referrals(scope: Scope) -> QuerySet[CapacityReferral]:
    referrals = CapacityReferral.objects.filter(unit=scope.unit).filter(
        year_filter(scope, "occurred_on")
    )
    if scope.municipality is not None:
        referrals = referrals.filter(municipality=scope.municipality)
    return referrals.order_by()


def _phone_table(scope: Scope, options: Options) -> Table:
    grouped = {
        row["caller_group"]: (row["n"], row["conversations"])
        for row in _phone_contacts(scope)
        .values("caller_group")
        .annotate(n=Count("pk"), conversations=Count("pk", filter=Q(is_conversation=True)))
    }
    chosen = options.rows(AnswerList.CALLER_GROUP, grouped)
    return build_table(
        "phone_contacts",
        title=_("Telefonsamtaler etter hvem som ringte"),
        sheet=_("Telefon"),
        note=_(
            "Enesamtaler er strukturerte samtaler på telefon som erstatter et møte; de er "
            "en del av alle telefonsamtaler."
        ),
        row_header=_("Hvem ringer"),
        labels=[option.display_label for option in chosen],
        columns=[_("Telefonsamtaler"), _("herav enesamtaler")],
        cells=[list(grouped.get(option.pk, (0, 0))) for option in chosen],
        chart_column=0,
    )


def _referral_table(scope: Scope) -> Table:
    grouped = {
        row["reason"]: [row["n"], row["adults"] or 0, row["children"] or 0]
        for row in _referrals(scope)
        .values("reason")
        .annotate(n=Count("pk"), adults=Sum("adults"), children=Sum("children"))
    }
    return build_table(
        "capacity_referrals",
        title=_("Henvist til et annet tilbud"),
        sheet=_("Henvist videre"),
        note=_("Personer som ba om plass, men ble henvist videre, etter årsak."),
        row_header=_("Årsak"),
        labels=[str(reason.label) for reason in ReferralReason],
        columns=[_("Henvendelser"), _("Voksne"), _("Barn")],
        cells=[grouped.get(reason.value, [0, 0, 0]) for reason in ReferralReason],
        chart_column=0,
    )


def annual_report(
    *, unit: Unit, year: int, municipality: Municipality | None = None, today: date | None = None
) -> Report:
    """Every table of the centre's annual report for the year, with every figure (the
    internal view). Pass it through `suppression.suppress_report` for publication."""
    scope = Scope(
        unit=unit, year=year, municipality=municipality, today=today or timezone.localdate()
    )
    options = Options()
    residents = year_residents(scope)
    tables = [
        gender_age_table(
            "residents_gender_age",
            residents,
            scope,
            prefix="resident__",
            bands=adult_ages(),
            title=_("Beboere etter kjønn og alder"),
            sheet=_("Beboere"),
            note=_("Hver beboer telles én gang i året, med opplysningene fra første opphold."),
        ),
        gender_age_table(
            "stays_gender_age",
            year_stays(scope),
            scope,
            prefix="resident__",
            bands=adult_ages(),
            title=_("Opphold etter kjønn og alder"),
            sheet=_("Opphold"),
            note=_("Alle opphold som begynte i året, med samtykke til registrering."),
        ),
    ]
    if municipality is None:
        tables.append(_residents_by_municipality(scope))
    tables += [
        _repeat_stays(scope),
        _yes_no_table(
            "earlier_contact",
            count_by(residents, "earlier_contact"),
            column=_("Beboere"),
            title=_("Beboere etter tidligere kontakt med krisesenter"),
            sheet=_("Tidligere kontakt"),
            note=_("Kontakt med et krisesenter før dette året."),
            row_header=_("Tidligere kontakt"),
        ),
        option_table(
            "referrer",
            options,
            AnswerList.REFERRER,
            count_by(residents, "referrer"),
            column=_("Beboere"),
            title=_("Beboere etter hvordan de kom i kontakt med senteret"),
            sheet=_("Henvisende instans"),
            note=_("Hvem som henviste beboeren, eller om beboeren tok kontakt selv."),
            row_header=_("Hvordan kom beboeren i kontakt"),
        ),
        _violence_types(scope, options),
        _yes_no_table(
            "violence_repeated",
            count_by(residents, "violence_repeated"),
            column=_("Beboere"),
            title=_("Beboere etter om volden var gjentatt"),
            sheet=_("Gjentatt vold"),
            note=_("Om beboeren har vært utsatt for vold flere ganger."),
            row_header=_("Gjentatt vold"),
        ),
        option_table(
            "perpetrator_relation",
            options,
            AnswerList.PERPETRATOR_RELATION,
            count_by(residents, "perpetrator_relation"),
            not_registered=True,
            column=_("Beboere"),
            title=_("Beboere etter relasjon til utøver"),
            sheet=_("Relasjon til utøver"),
            note=_("Utøverens relasjon til beboeren."),
            row_header=_("Relasjon til utøver"),
        ),
        choice_table(
            "perpetrator_gender",
            [Gender(value) for value in GENDERS],
            count_by(residents, "perpetrator_gender"),
            column=_("Beboere"),
            title=_("Beboere etter utøvers kjønn"),
            sheet=_("Utøvers kjønn"),
            note=_("Kjønnet til den som utøvde volden."),
            row_header=_("Utøvers kjønn"),
        ),
        _length_of_stay(scope),
        _destination(scope, options),
        gender_age_table(
            "children_gender_age",
            year_children(scope).filter(first_stay_of_year=True),
            scope,
            prefix="child__",
            bands=child_ages(),
            title=_("Barn etter kjønn og alder"),
            sheet=_("Barn"),
            note=_(
                "Barn med samtykke til registrering. For barn under 16 år bestemmer "
                "omsorgspersonen; et barn uten samtykke er ikke med."
            ),
        ),
        _children_conditions(scope),
        gender_age_table(
            "day_users_gender_age",
            _day_users(scope),
            scope,
            prefix="",
            bands=adult_ages(),
            title=_("Dagbrukere etter kjønn og alder"),
            sheet=_("Dagbrukere"),
            note=_("Hver dagbruker telles én gang i året, fra første besøk."),
        ),
        choice_table(
            "day_visits",
            list(DayContactKind),
            count_by(_day_contacts(scope), "kind"),
            column=_("Dagsbesøk"),
            title=_("Dagsbesøk etter type"),
            sheet=_("Dagsbesøk"),
            note=_("Hvert oppmøte er et besøk, også oppsøkende arbeid."),
            row_header=_("Type"),
        ),
        _phone_table(scope, options),
        _referral_table(scope),
    ]
    tables.append(_overview(scope, {table.key: table for table in tables}))
    order = {key: index for index, key in enumerate(TABLE_ORDER)}
    tables.sort(key=lambda table: order[table.key])
    return Report(
        unit=unit,
        year=year,
        municipality=municipality,
        published=False,
        threshold=0,
        generated_at=timezone.now(),
        through=scope.through,
        tables=tables,
    )
