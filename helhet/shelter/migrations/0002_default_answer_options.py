"""Default answer lists (domain.md §2). The exact Bufdir lists are unverified, so they are
data the centre's lead can extend and deactivate, not code."""

from django.db import migrations

DEFAULTS = {
    "violence_type": [
        ("psychological", "Psykisk vold", "Psychological violence"),
        ("physical", "Fysisk vold", "Physical violence"),
        ("sexual", "Seksuell vold", "Sexual violence"),
        ("threats", "Trusler", "Threats"),
        ("material", "Materiell eller økonomisk vold", "Material or economic violence"),
        ("digital", "Digital vold", "Digital violence"),
        ("other", "Annen vold", "Other violence"),
    ],
    "perpetrator_relation": [
        ("current_partner", "Nåværende ektefelle eller samboer", "Current spouse or cohabitant"),
        (
            "former_partner",
            "Tidligere ektefelle, samboer eller kjæreste",
            "Former spouse, cohabitant or partner",
        ),
        ("partner", "Kjæreste", "Partner"),
        ("parent", "Forelder eller steforelder", "Parent or step-parent"),
        ("own_child", "Eget barn", "Own child"),
        ("other_family", "Annen familie", "Other family"),
        ("acquaintance", "Bekjent", "Acquaintance"),
        ("stranger", "Ukjent person", "Stranger"),
    ],
    "destination": [
        ("own_new_home", "Egen ny bolig", "Own new home"),
        ("home_without_perpetrator", "Tilbake til egen bolig uten utøver", "Back home without the perpetrator"),
        ("return_to_perpetrator", "Tilbake til utøver", "Return to the perpetrator"),
        ("family_or_friends", "Hos familie eller venner", "With family or friends"),
        ("other_crisis_centre", "Annet krisesenter", "Another crisis centre"),
        ("temporary_housing", "Midlertidig botilbud fra kommunen", "Temporary housing from the municipality"),
        ("institution", "Institusjon", "Institution"),
        ("other", "Annet", "Other"),
        ("unknown", "Vet ikke", "Unknown"),
    ],
    "referrer": [
        ("self", "Tok kontakt selv", "Came on their own"),
        ("family_or_friends", "Familie eller venner", "Family or friends"),
        ("police", "Politiet", "The police"),
        ("child_welfare", "Barnevernet", "Child welfare"),
        ("nav", "NAV", "NAV"),
        ("health", "Helsetjenesten (fastlege, legevakt, sykehus)", "Health services (GP, emergency clinic, hospital)"),
        ("other_crisis_centre", "Annet krisesenter", "Another crisis centre"),
        ("other_service", "Annen offentlig tjeneste", "Another public service"),
        ("other", "Annet", "Other"),
    ],
    "topic": [
        ("violence_and_safety", "Vold og sikkerhet", "Violence and safety"),
        ("stay", "Opphold på krisesenteret", "Staying at the crisis centre"),
        ("housing", "Bolig", "Housing"),
        ("money", "Økonomi og NAV", "Money and NAV"),
        ("children", "Barna", "The children"),
        ("legal", "Juridiske spørsmål", "Legal questions"),
        ("police", "Anmeldelse og besøksforbud", "Reporting to the police and restraining orders"),
        ("health", "Helse", "Health"),
        ("residence", "Oppholdstillatelse", "Residence permit"),
        ("follow_up", "Oppfølging etter opphold", "Follow-up after a stay"),
        ("other", "Annet", "Other"),
    ],
    "caller_group": [
        ("exposed", "Utsatt for vold", "Exposed to violence"),
        ("relative", "Pårørende eller venn", "Relative or friend"),
        ("professional", "Fagperson", "Professional"),
        ("perpetrator", "Utøver av vold", "Perpetrator"),
        ("other", "Annen", "Other"),
        ("unknown", "Vet ikke", "Unknown"),
    ],
    "outcome": [
        ("advice", "Råd og informasjon", "Advice and information"),
        ("day_appointment", "Avtale om dagsamtale", "Day appointment booked"),
        ("stay_offered", "Tilbudt opphold", "Stay offered"),
        ("referred_full", "Henvist videre fordi tilbudet var fullt", "Referred on because the offer was full"),
        ("referred_other", "Henvist til annen tjeneste", "Referred to another service"),
        ("emergency", "Kontaktet nødetat", "Emergency services contacted"),
        ("other", "Annet", "Other"),
    ],
}


def load(apps, schema_editor):
    AnswerOption = apps.get_model("shelter", "AnswerOption")
    for answer_list, options in DEFAULTS.items():
        for position, (code, label, label_en) in enumerate(options, start=1):
            AnswerOption.objects.get_or_create(
                answer_list=answer_list,
                code=code,
                defaults={"label": label, "label_en": label_en, "position": position * 10},
            )


def unload(apps, schema_editor):
    AnswerOption = apps.get_model("shelter", "AnswerOption")
    for answer_list, options in DEFAULTS.items():
        AnswerOption.objects.filter(
            answer_list=answer_list, code__in=[code for code, _label, _en in options]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("shelter", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
