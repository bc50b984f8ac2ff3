"""The statistics page and its downloads: who may see them, what they show, and that every
figure in a download equals the figure on the screen."""

from __future__ import annotations

import csv
import io
import re
import uuid
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.organisation.choices import UnitType
from helhet.organisation.services import unit_create
from helhet.shelter.statistics.compute import TABLE_ORDER
from helhet.shelter.tests.statistics.year import YEAR, build_year

INTERNAL = {"aar": YEAR, "visning": "intern"}
PUBLISHED = {"aar": YEAR, "visning": "publisering"}


class TableParser(HTMLParser):
    """The statistics tables of a page: {key: [[header cells], [row cells], ...]}."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.key: str | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and "data-statistics-table" in attributes:
            self.key = attributes["data-statistics-table"]
            self.tables[self.key] = []
        elif self.key and tag == "tr":
            self.row = []
        elif self.key and tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif self.key and tag == "caption":
            self.in_caption = True

    def handle_endtag(self, tag):
        if tag == "table":
            self.key = None
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.key:
            self.tables[self.key].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None and not self.in_caption:
            self.cell.append(data)


def screen_tables(response) -> dict[str, list[list[str]]]:
    parser = TableParser()
    parser.feed(response.content.decode())
    return parser.tables


def excel_tables(content: bytes) -> list[list[list[str]]]:
    """Every sheet's table (from the header row on), each figure as the screen writes it."""
    workbook = load_workbook(io.BytesIO(content))
    tables = []
    for sheet in workbook.worksheets:
        rows = []
        for cells in sheet.iter_rows(min_row=5):
            if cells[0].value is None:
                break
            rows.append([_cell_text(cell) for cell in cells if cell.value is not None])
        tables.append(rows)
    return tables


def _cell_text(cell) -> str:
    if cell.number_format == "0.0":
        return f"{cell.value:.1f}".replace(".", ",")
    return str(cell.value)


@pytest.fixture
def year(cast):
    return build_year(cast)


@pytest.fixture
def url():
    return reverse("shelter_statistics:report")


def test_a_centre_worker_sees_every_table_of_the_year(cast, year, login_as, client, url):
    login_as(cast.shelter_worker)
    response = client.get(url, INTERNAL)
    assert response.status_code == 200
    tables = screen_tables(response)
    assert list(tables) == TABLE_ORDER
    overview = {row[0]: row[1:] for row in tables["overview"][1:]}
    assert overview["Beboere (voksne)"] == ["3"]
    assert overview["Overnattingsdøgn, voksne"] == ["61"]
    assert overview["Gjennomsnittlig botid for avsluttede opphold (døgn)"] == ["13,0"]
    residents = {row[0]: row[1:] for row in tables["residents_gender_age"]}
    assert residents["Alder"] == ["Kvinne", "Mann", "Annet", "Ikke registrert", "Totalt"]
    assert residents["Totalt"] == ["2", "1", "0", "0", "3"]


def test_the_page_opens_on_this_years_published_report(cast, login_as, client, url):
    login_as(cast.shelter_worker)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["report"].published is True
    assert response.context["form"]["visning"].value() == "publisering"


def test_a_published_table_shows_the_mark_instead_of_small_cells(cast, year, login_as, client, url):
    login_as(cast.shelter_worker)
    tables = screen_tables(client.get(url, PUBLISHED))
    overview = {row[0]: row[1:] for row in tables["overview"][1:]}
    assert overview["Beboere (voksne)"] == [":"]
    assert overview["Overnattingsdøgn, voksne"] == ["61"]
    assert overview["Overnattingsdøgn, barn"] == ["34"]
    assert "skjult fordi det er under 20" in client.get(url, PUBLISHED).content.decode()


def test_the_internal_view_is_written_to_the_audit_log_and_the_published_one_is_not(
    cast, year, login_as, client, url
):
    login_as(cast.shelter_worker)
    client.get(url, PUBLISHED)
    assert not Event.objects.filter(object_type="shelter.statistics").exists()
    client.get(url, INTERNAL)
    event = Event.objects.get(object_type="shelter.statistics")
    assert event.kind == EventKind.READ
    assert event.object_id == f"{cast.shelter.pk}:{YEAR}"
    assert event.detail == "page;municipality=all;view=internal"
    assert event.person_id is None


def test_it_gives_404_for_another_centre_and_logs_the_refusal(cast, login_as, client, url):
    other = unit_create(
        actor=cast.admin,
        name="Sørdal krisesenter",
        unit_type=UnitType.CRISIS_CENTRE,
        host_municipality=cast.sordal,
        submission_id=uuid.uuid4(),
    )
    login_as(cast.shelter_worker)
    for target in (url, reverse("shelter_statistics:report_xlsx")):
        response = client.get(target, {**INTERNAL, "senter": other.pk})
        assert response.status_code == 404
    denied = Event.objects.filter(kind=EventKind.ACCESS_DENIED, object_type="organisation.unit")
    assert denied.count() == 2
    assert set(denied.values_list("object_id", flat=True)) == {str(other.pk)}
    assert not Event.objects.filter(kind=EventKind.EXPORT).exists()


def test_it_gives_404_to_staff_who_work_at_no_crisis_centre(cast, login_as, client, url):
    login_as(cast.nav_worker)
    assert client.get(url).status_code == 404
    assert Event.objects.filter(kind=EventKind.ACCESS_DENIED, actor_id=cast.nav_worker.pk).exists()


def test_it_refuses_users_without_case_access(cast, login_as, client, url):
    login_as(cast.admin)
    assert client.get(url).status_code == 403
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_bad_year_is_shown_as_an_error_and_kept_in_the_form(cast, login_as, client, url):
    login_as(cast.shelter_worker)
    response = client.get(url, {"aar": "tjuetjuefem", "visning": "intern"})
    assert response.status_code == 200
    assert "report" not in response.context
    assert "Skriv året med fire sifre" in response.content.decode()
    assert 'value="tjuetjuefem"' in response.content.decode()
    future = client.get(url, {"aar": "2999"})
    assert "Året har ikke begynt ennå" in future.content.decode()
    unknown = client.get(url, {"aar": YEAR, "kommune": "0301"})
    assert unknown.status_code == 200
    assert "kommune" in unknown.context["form"].errors


def test_a_download_with_a_bad_choice_goes_back_to_the_page(cast, login_as, client):
    login_as(cast.shelter_worker)
    response = client.get(reverse("shelter_statistics:report_csv"), {"aar": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("shelter_statistics:report"))
    assert not Event.objects.filter(kind=EventKind.EXPORT).exists()


@pytest.mark.parametrize("choice", [INTERNAL, PUBLISHED])
def test_the_excel_file_holds_the_figures_on_the_screen_one_sheet_per_table(
    cast, year, login_as, client, url, choice
):
    login_as(cast.shelter_worker)
    screen = screen_tables(client.get(url, choice))
    response = client.get(reverse("shelter_statistics:report_xlsx"), choice)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        f"krisesenterstatistikk-{YEAR}-senter-{cast.shelter.pk}" in response["Content-Disposition"]
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "01 Oversikt"
    assert len(workbook.sheetnames) == len(TABLE_ORDER)
    assert excel_tables(response.content) == list(screen.values())


def test_the_excel_file_stores_figures_as_numbers(cast, year, login_as, client):
    login_as(cast.shelter_worker)
    response = client.get(reverse("shelter_statistics:report_xlsx"), INTERNAL)
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["A6"].value == "Beboere (voksne)"
    assert sheet["B6"].value == 3
    assert sheet["B8"].value == 61


def test_the_csv_file_holds_the_figures_on_the_screen(cast, year, login_as, client, url):
    login_as(cast.shelter_worker)
    screen = screen_tables(client.get(url, PUBLISHED))
    response = client.get(reverse("shelter_statistics:report_csv"), PUBLISHED)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    blocks = text.split("\r\n\r\n")[1:]
    assert len(blocks) == len(screen)
    for block, (key, rows) in zip(blocks, screen.items(), strict=True):
        lines = list(csv.reader(io.StringIO(block), delimiter=";"))
        assert lines[1:] == rows, key


def _normalised(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_report_holds_the_figures_on_the_screen(cast, year, login_as, client, url):
    login_as(cast.shelter_worker)
    screen = screen_tables(client.get(url, INTERNAL))
    response = client.get(reverse("shelter_statistics:report_pdf"), INTERNAL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = _normalised(" ".join(page.extract_text() for page in reader.pages))
    assert "Krisesenterstatistikk 2025" in text
    for key, rows in screen.items():
        for row in rows[1:]:
            assert _normalised(" ".join(row)) in text, (key, row)


def test_every_download_is_an_export_event(cast, year, login_as, client):
    login_as(cast.shelter_worker)
    for name in ("report_xlsx", "report_csv", "report_pdf"):
        assert client.get(reverse(f"shelter_statistics:{name}"), PUBLISHED).status_code == 200
    events = Event.objects.filter(kind=EventKind.EXPORT).order_by("id")
    assert [event.detail for event in events] == [
        "xlsx;municipality=all;view=published",
        "csv;municipality=all;view=published",
        "pdf;municipality=all;view=published",
    ]
    assert all(event.unit_id == cast.shelter.pk for event in events)
    assert all(event.actor_id == cast.shelter_worker.pk for event in events)


def test_a_member_municipality_report_names_the_municipality(cast, year, login_as, client, url):
    login_as(cast.shelter_worker)
    choice = {**INTERNAL, "kommune": "9902"}
    response = client.get(url, choice)
    overview = {row[0]: row[1:] for row in screen_tables(response)["overview"][1:]}
    assert overview["Beboere (voksne)"] == ["1"]
    assert "9902 Nordøy" in response.content.decode()
    download = client.get(reverse("shelter_statistics:report_xlsx"), choice)
    assert "kommune-9902" in download["Content-Disposition"]
    assert Event.objects.get(kind=EventKind.EXPORT).detail == "xlsx;municipality=9902;view=internal"


def test_the_page_is_in_english_when_asked(cast, year, login_as, client, url, settings):
    login_as(cast.shelter_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url, INTERNAL)
    assert response.status_code == 200
    referrer = {row[0]: row[1:] for row in screen_tables(response)["referrer"]}
    assert referrer["The police"] == ["1"]


def test_no_inline_script_or_style_on_the_page(cast, year, login_as, client, url):
    login_as(cast.shelter_worker)
    html = client.get(url, INTERNAL).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html
    assert "<style" not in html


def test_the_threshold_comes_from_the_settings(cast, year, login_as, client, url, settings):
    settings.HELHET_STATISTICS_MIN_CELL = 3
    login_as(cast.shelter_worker)
    response = client.get(url, PUBLISHED)
    overview = {row[0]: row[1:] for row in screen_tables(response)["overview"][1:]}
    assert overview["Beboere (voksne)"] == ["3"]
    assert overview["Dagbrukere"] == [":"]  # 2 is under 3
    assert "skjult fordi det er under 3" in response.content.decode()


def test_the_excel_overview_read_back_is_the_expected_year(cast, year, login_as, client):
    login_as(cast.shelter_worker)
    response = client.get(reverse("shelter_statistics:report_xlsx"), INTERNAL)
    overview = {row[0]: row[1] for row in excel_tables(response.content)[0][1:]}
    assert overview == {
        "Beboere (voksne)": "3",
        "Opphold (voksne)": "4",
        "Overnattingsdøgn, voksne": "61",
        "Overnattingsdøgn, barn": "34",
        "Gjennomsnittlig botid for avsluttede opphold (døgn)": "13,0",
        "Barn (beboere)": "1",
        "Barneopphold": "1",
        "Dagbrukere": "2",
        "Dagsbesøk": "4",
        "herav oppsøkende (hjemmebesøk, følge til etat)": "2",
        "Telefonsamtaler": "5",
        "herav enesamtaler": "2",
        "Ganger tilbudet var fullt (henvist videre)": "2",
        "Opphold for voksne uten samtykke til registrering (bare med i overnattingsdøgn)": "1",
        "Barneopphold uten samtykke til registrering (bare med i overnattingsdøgn)": "1",
    }


def test_an_answer_that_looks_like_a_formula_stays_text_in_the_files(cast, login_as, client):
    from helhet.shelter.choices import AnswerList
    from helhet.shelter.services import answer_option_create

    answer_option_create(
        actor=cast.shelter_lead,
        answer_list=AnswerList.REFERRER,
        label='=HYPERLINK("http://example.invalid","Klikk")',
        submission_id=uuid.uuid4(),
    )
    login_as(cast.shelter_worker)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("shelter_statistics:report_xlsx"), INTERNAL).content)
    )
    sheet = workbook[next(name for name in workbook.sheetnames if "Henvisende" in name)]
    cells = [cell for row in sheet.iter_rows() for cell in row if str(cell.value).startswith("=")]
    assert cells and all(cell.data_type == "s" for cell in cells)
    text = client.get(reverse("shelter_statistics:report_csv"), INTERNAL).content.decode()
    assert "'=HYPERLINK" in text


def test_the_page_stays_within_its_query_budget(
    cast, year, login_as, client, url, django_assert_max_num_queries
):
    login_as(cast.shelter_worker)
    with django_assert_max_num_queries(40):
        response = client.get(url, INTERNAL)
    assert response.status_code == 200
