"""import_municipalities: SSB classification 131, all or nothing, safe to run twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.organisation.models import Municipality
from helhet.organisation.services import OrganisationError, municipalities_import

DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.django_db


def _import(name: str, *args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_municipalities", str(DATA / name), *args, stdout=out)
    return out.getvalue()


def _names() -> dict[str, str]:
    return dict(Municipality.objects.values_list("number", "name"))


def test_it_imports_the_short_code_and_name_export():
    output = _import("kommuner_kort.csv", "--valid-from", "2024-01-01")

    assert _names() == {"9901": "Fjordvik", "9902": "Nordøy", "9904": "Austvik"}
    assert set(Municipality.objects.values_list("valid_from", flat=True)) == {date(2024, 1, 1)}
    assert "3 nye" in output


def test_it_imports_the_full_export_with_quoted_columns_in_windows_1252():
    _import("kommuner_full_cp1252.csv")

    assert _names() == {"9901": "Fjordvik", "9902": "Nordøy", "9903": "Sørdal", "9905": "Ærøy"}


def test_it_imports_the_full_export_in_utf8_with_a_byte_order_mark():
    _import("kommuner_full_utf8_bom.csv")

    assert _names()["9905"] == "Ærøy"
    assert Municipality.objects.count() == 4


def test_running_the_same_file_twice_changes_nothing():
    _import("kommuner_full_utf8_bom.csv")
    events_after_first = Event.objects.count()

    output = _import("kommuner_full_utf8_bom.csv")

    assert Municipality.objects.count() == 4
    assert "0 nye, 0 med nytt navn, 4 uendret" in output
    # Nothing changed, so nothing is logged either.
    assert Event.objects.count() == events_after_first


def test_it_renames_a_current_municipality_in_place_so_units_keep_it(cast):
    municipalities_import(text="code;name\n9901;Fjordvik by\n")

    cast.shelter.refresh_from_db()
    assert cast.shelter.host_municipality.name == "Fjordvik by"
    assert Municipality.objects.filter(number="9901").count() == 1


def test_it_records_the_import_in_the_audit_log_without_names():
    _import("kommuner_kort.csv")

    event = Event.objects.get(object_type="organisation.municipality")
    assert event.kind == EventKind.UPDATE
    assert event.detail == "import created:3 updated:0 unchanged:0"


def test_it_renames_the_version_valid_on_the_imported_date():
    Municipality.objects.create(number="9901", name="Fjordvik", valid_from=date(2020, 1, 1))

    result = municipalities_import(
        text="code;name\n9901;Fjordvik by\n", valid_from=date(2024, 1, 1)
    )

    assert (result.created, result.updated) == (0, 1)
    assert _names() == {"9901": "Fjordvik by"}


def test_a_number_whose_open_version_starts_later_is_explained_not_an_error_page():
    Municipality.objects.create(number="9901", name="Fjordvik", valid_from=date(2024, 1, 1))

    with pytest.raises(OrganisationError) as error:
        municipalities_import(text="code;name\n9901;Fjordvik\n", valid_from=date(2023, 1, 1))

    assert error.value.message == (
        "Kommunenummeret har allerede en gjeldende versjon uten sluttdato."
    )
    assert Municipality.objects.count() == 1


def test_it_skips_empty_lines():
    result = municipalities_import(text="code;name\n\n9901;Fjordvik\n;\n9902;Nordøy\n")

    assert result.created == 2
    assert _names() == {"9901": "Fjordvik", "9902": "Nordøy"}


def test_a_bad_line_stops_the_import_naming_the_line_and_saves_nothing():
    with pytest.raises(CommandError) as error:
        _import("kommuner_feil_linje.csv")

    assert "Linje 4" in str(error.value)
    assert "99O7" in str(error.value)
    assert "Ingenting ble importert" in str(error.value)
    assert Municipality.objects.count() == 0


def test_it_refuses_a_number_that_appears_twice():
    with pytest.raises(OrganisationError) as error:
        municipalities_import(text="code;name\n9901;Fjordvik\n9902;Nordøy\n9901;Fjordvik\n")

    assert error.value.message == "Linje 4: kommunenummeret 9901 står også på linje 2."
    assert Municipality.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Filen er tom."),
        ("kode,navn\n9901,Fjordvik\n", "Filen må ha kolonnene «code» og «name»"),
        ("code;name\n", "Filen har ingen kommuner."),
        ("code;parentCode;level;name\n9901;;1\n", "Linje 2 mangler kolonner."),
        ("code;name\n9901;\n", "Linje 2 mangler navn."),
    ],
)
def test_it_explains_what_is_wrong_with_the_file(text, message):
    with pytest.raises(OrganisationError) as error:
        municipalities_import(text=text)

    assert error.value.message.startswith(message)


def test_it_refuses_a_valid_from_that_is_not_a_date():
    with pytest.raises(CommandError, match="2024-01-01"):
        _import("kommuner_kort.csv", "--valid-from", "1.1.2024")

    assert Municipality.objects.count() == 0


def test_it_says_so_when_the_file_cannot_be_read(tmp_path):
    with pytest.raises(CommandError, match="Kan ikke lese"):
        call_command("import_municipalities", str(tmp_path / "finnes-ikke.csv"))
