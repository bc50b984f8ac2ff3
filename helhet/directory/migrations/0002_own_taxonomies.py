"""Our own taxonomies (need, audience, service type) with fixed ids, so that the portal's
"find help by need" works on every installation, with or without demo data."""

import uuid

from django.db import migrations

NAMESPACE = uuid.UUID("5d1f3c1e-8a53-4c52-9b0e-6c8f1a2b7d40")

TAXONOMIES = [
    (
        "need",
        "Behov",
        "Hva den som søker hjelp trenger: utsatt for vold, bekymret for noen, bruker vold, "
        "barn og unge, voksne som ikke kan beskytte seg selv, fagperson.",
        [
            ("exposed_to_violence", "Jeg blir utsatt for vold", "For deg som blir utsatt for vold eller trusler fra noen du står nær."),
            ("worried_about_someone", "Jeg er bekymret for noen", "For deg som er bekymret for at noen du kjenner blir utsatt for vold."),
            ("uses_violence", "Jeg bruker vold eller er redd for å gjøre det", "For deg som har brukt vold, eller er redd for at du kan komme til å gjøre det."),
            ("child_or_youth", "Barn og unge", "For barn og unge som opplever vold, overgrep eller omsorgssvikt."),
            ("at_risk_adult", "Voksne som ikke kan beskytte seg selv", "For voksne som på grunn av sykdom, funksjonsnedsettelse, alder eller rus ikke klarer å beskytte seg selv."),
            ("professional", "Fagperson", "For ansatte og fagfolk som trenger råd i en sak."),
        ],
    ),
    (
        "audience",
        "Målgruppe",
        "Hvem tilbudet er laget for.",
        [
            ("children", "Barn", "Barn under 13 år."),
            ("youth", "Ungdom", "Ungdom fra 13 til 18 år."),
            ("adults", "Voksne", "Voksne over 18 år."),
            ("elderly", "Eldre", "Eldre mennesker."),
            ("families", "Familier", "Familier og par."),
            ("professionals", "Fagfolk", "Ansatte i kommunen og andre fagfolk."),
        ],
    ),
    (
        "service_type",
        "Type tjeneste",
        "Hva slags tilbud tjenesten er.",
        [
            ("emergency", "Akutt hjelp", "Hjelp når det haster, hele døgnet."),
            ("helpline", "Hjelpetelefon", "En telefon du kan ringe for å snakke med noen."),
            ("crisis_centre", "Krisesenter", "Et trygt sted å bo og noen å snakke med."),
            ("health", "Helsetjeneste", "Undersøkelse, behandling og oppfølging av helsen."),
            ("counselling", "Samtaler og rådgivning", "Samtaler med noen som kan hjelpe deg videre."),
            ("treatment", "Behandling", "Behandling for den som trenger det over tid."),
            ("police", "Politi", "Anmeldelse, beskyttelse og etterforskning."),
            ("welfare", "Velferd, bolig og økonomi", "Hjelp med penger, bolig og arbeid."),
            ("child_welfare", "Barnevern", "Hjelp og beskyttelse for barn og familier."),
            ("course", "Kurs og grupper", "Kurs og grupper der du lærer sammen med andre."),
        ],
    ),
]


def taxonomy_id(code):
    return uuid.uuid5(NAMESPACE, f"taxonomy:{code}")


def term_id(taxonomy_code, term_code):
    return uuid.uuid5(NAMESPACE, f"term:{taxonomy_code}:{term_code}")


def create(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    for code, name, description, terms in TAXONOMIES:
        taxonomy, _created = Taxonomy.objects.get_or_create(
            id=taxonomy_id(code),
            defaults={"code": code, "name": name, "description": description, "version": "1"},
        )
        for position, (term_code, term_name, term_description) in enumerate(terms):
            TaxonomyTerm.objects.get_or_create(
                id=term_id(code, term_code),
                defaults={
                    "taxonomy": taxonomy,
                    "code": term_code,
                    "name": term_name,
                    "description": term_description,
                    "position": position,
                    "language": "nb",
                },
            )


def remove(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    Taxonomy.objects.filter(id__in=[taxonomy_id(code) for code, *_rest in TAXONOMIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
