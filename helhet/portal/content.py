"""The portal's built-in texts, written in plain Bokmål and translated in the catalogues.

Staff can replace any of these per language (a `PageText` row); until they do, and on a
fresh installation before any content is loaded, the page shows the built-in text in the
reader's language. The body uses the small markup in `markup.py`: a heading, a
paragraph or a list per block, blocks separated by a blank line.

Facts come from the shared domain notes (§1 law, §7 numbers, §8 prevalence).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from helhet.portal.choices import PageKey


@dataclass(frozen=True)
class Heading:
    text: Promise


@dataclass(frozen=True)
class Paragraph:
    text: Promise


@dataclass(frozen=True)
class Items:
    items: tuple[Promise, ...]


def h(text: Promise) -> Heading:
    return Heading(text)


def p(text: Promise) -> Paragraph:
    return Paragraph(text)


def items(*texts: Promise) -> Items:
    return Items(tuple(texts))


Block = Heading | Paragraph | Items


@dataclass(frozen=True)
class DefaultText:
    title: Promise
    lead: Promise
    body: Sequence[Block] = field(default_factory=tuple)

    def body_markup(self) -> str:
        """The body in the editable markup, in the active language."""
        parts = []
        for block in self.body:
            if isinstance(block, Heading):
                parts.append(f"## {block.text}")
            elif isinstance(block, Items):
                parts.append("\n".join(f"- {item}" for item in block.items))
            else:
                parts.append(str(block.text))
        return "\n\n".join(parts)


@dataclass(frozen=True)
class EmergencyNumber:
    """One line of the emergency block: what it is, the number as read, the number dialled."""

    label: Promise
    number: str
    dial: str
    note: Promise | str = ""


# domain.md §7: the numbers shown on every public page, in this order.
EMERGENCY_NUMBERS: tuple[EmergencyNumber, ...] = (
    EmergencyNumber(_("Politi"), "112", "112"),
    EmergencyNumber(_("Ambulanse"), "113", "113"),
    EmergencyNumber(_("Brann"), "110", "110"),
    EmergencyNumber(_("Politiet, når det ikke haster"), "02800", "02800"),
    EmergencyNumber(_("Legevakt"), "116 117", "116117"),
    EmergencyNumber(
        _("Vold- og overgrepslinjen"),
        "116 006",
        "116006",
        _("Døgnåpen, gratis og anonym"),
    ),
    EmergencyNumber(_("Alarmtelefonen for barn og unge"), "116 111", "116111"),
)


DEFAULTS: dict[str, DefaultText] = {
    PageKey.START: DefaultText(
        title=_("Hjelp ved vold i nære relasjoner"),
        lead=_(
            "Her finner du hjelp hvis noen i familien eller en partner skader deg, truer deg "
            "eller kontrollerer deg. Siden er også for deg som er bekymret for noen, og for "
            "deg som bruker vold eller er redd for å gjøre det."
        ),
        body=(
            h(_("Hvem kan få hjelp?")),
            p(
                _(
                    "Alle kan få hjelp: kvinner, menn og barn, unge og eldre. Det gjelder også "
                    "deg som har en funksjonsnedsettelse, er lhbtiq-person, eller har problemer "
                    "med rus eller psykisk helse."
                )
            ),
            p(
                _(
                    "Hjelpen er gratis. Du kan være anonym når du ringer. Du trenger ikke "
                    "snakke norsk – du kan få tolk."
                )
            ),
        ),
    ),
    PageKey.INFORMATION: DefaultText(
        title=_("Hva er vold i nære relasjoner?"),
        lead=_(
            "Vold er mer enn slag. Det er vold når noen skader deg, truer deg, skremmer deg "
            "eller kontrollerer deg. Vold i nære relasjoner er vold fra en partner, en "
            "tidligere partner, en forelder, et barn eller en annen i familien."
        ),
        body=(
            h(_("Former for vold")),
            items(
                _("Fysisk vold: slag, spark, lugging, kvelertak, eller at noen holder deg fast."),
                _(
                    "Psykisk vold: trusler, hån og kontroll, eller at noen holder deg borte "
                    "fra venner og familie."
                ),
                _(
                    "Seksuell vold: at noen tvinger eller presser deg til sex eller seksuelle "
                    "handlinger. Det gjelder også i parforhold og ekteskap."
                ),
                _(
                    "Materiell vold: at noen ødelegger tingene dine, slår i vegger eller "
                    "kaster ting."
                ),
                _(
                    "Økonomisk vold: at noen tar pengene dine, nekter deg å ha egne penger "
                    "eller tar opp lån i ditt navn."
                ),
                _(
                    "Digital vold: at noen leser meldingene dine, sporer telefonen din, eller "
                    "deler bilder av deg uten lov."
                ),
            ),
            h(_("Barn som ser og hører vold")),
            p(
                _(
                    "Barn som ser eller hører vold hjemme, blir også utsatt for vold. Det "
                    "gjelder selv om barnet er i et annet rom. Barn kan få hjelp, og voksne "
                    "som jobber med barn, skal si fra til barnevernet når de tror at et barn "
                    "blir utsatt for vold."
                )
            ),
            p(
                _(
                    "Omtrent tre av ti jenter og fire av ti gutter opplever vold eller "
                    "overgrep minst én gang mens de er barn."
                )
            ),
            h(_("Det er ikke din skyld")),
            p(
                _(
                    "Den som bruker vold, har ansvaret for volden. Du har ikke skylden, uansett "
                    "hva som har skjedd. Du har rett til å leve uten vold."
                )
            ),
            p(
                _(
                    "Du er ikke alene. Omtrent 15 av 100 voksne har opplevd vold fra en "
                    "partner. Omtrent 6 av 100 kvinner har opplevd alvorlig vold fra en "
                    "partner. (Kilde: NKVTS, 2014)"
                )
            ),
            h(_("Hjelpen er gratis")),
            p(
                _(
                    "Krisesenteret er for kvinner, menn og barn. Der kan du få et trygt sted å "
                    "bo en periode, samtaler på dagtid, hjelp på telefon, og hjelp til å komme "
                    "videre når du flytter ut. Du trenger ikke henvisning, og det koster ingen "
                    "ting."
                )
            ),
            p(
                _(
                    "Du kan ringe Vold- og overgrepslinjen på 116 006 hele døgnet. Det er "
                    "gratis, og du kan være anonym."
                )
            ),
        ),
    ),
    PageKey.SAFETY: DefaultText(
        title=_("Trygg på nett"),
        lead=_(
            "Andre kan se hva du har gjort på telefonen eller datamaskinen. Her er råd om "
            "hvordan du kan skjule at du har vært på denne siden."
        ),
        body=(
            h(_("Slik forlater du siden raskt")),
            p(
                _(
                    "Trykk på knappen «Forlat siden» øverst på skjermen, eller trykk på "
                    "Shift-tasten tre ganger. Da kommer du til værmeldingen på yr.no."
                )
            ),
            h(_("Dette gjør knappen")),
            items(
                _("Den åpner en annen nettside i samme fane."),
                _("Den fjerner siden du var på fra Tilbake-knappen."),
                _("Den sletter det denne nettsiden har lagret i nettleseren."),
            ),
            h(_("Dette gjør ikke knappen")),
            items(
                _("Den sletter ikke loggen i nettleseren. Sidene du har lest, kan stå der."),
                _("Den lukker ikke andre faner eller vinduer."),
                _("Den skjuler ikke hva du gjør på telefonen eller datamaskinen ellers."),
            ),
            h(_("Bruk et privat vindu")),
            p(
                _(
                    "I et privat vindu (inkognito) lagrer ikke nettleseren loggen når du lukker "
                    "vinduet. Du finner det i menyen i nettleseren, for eksempel «Nytt "
                    "inkognitovindu» eller «Nytt privat vindu»."
                )
            ),
            h(_("Slett loggen")),
            p(
                _(
                    "Hvis du ikke brukte et privat vindu, kan du slette sidene fra loggen i "
                    "nettleseren etterpå. Slett bare disse sidene hvis det kan virke rart at "
                    "hele loggen er borte."
                )
            ),
            h(_("Telefon og anropslogg")),
            p(
                _(
                    "Numrene du ringer, står i anropsloggen på telefonen. Du kan slette én og "
                    "én samtale fra loggen. Samtaler kan også stå på telefonregningen. Ring "
                    "gjerne fra en telefon som den som bruker vold, ikke har tilgang til."
                )
            ),
            h(_("Hvis du tror telefonen er overvåket")),
            p(
                _(
                    "Noen kan ha lagt inn en app som viser hvor du er, eller som leser "
                    "meldingene dine. Et tegn kan være at noen vet ting de ikke burde vite. "
                    "Snakk med krisesenteret eller politiet før du fjerner appen – den som "
                    "overvåker deg, kan merke det."
                )
            ),
        ),
    ),
    PageKey.EMPLOYEES: DefaultText(
        title=_("For ansatte: Når du er bekymret"),
        lead=_(
            "Du som jobber i kommunen eller i en annen tjeneste, kan møte mennesker som blir "
            "utsatt for vold. Her står hva du gjør når du er bekymret for noen."
        ),
        body=(
            h(_("Hvis noen er i fare nå")),
            p(_("Ring politiet på 112.")),
            h(_("Når du er bekymret")),
            items(
                _(
                    "Spør direkte om vold når du ser tegn. De fleste synes det er greit å "
                    "bli spurt."
                ),
                _("Lytt, og skriv ned det du har sett og hørt."),
                _("Snakk med lederen din."),
                _(
                    "Fortell personen om hjelpen som finnes, for eksempel krisesenteret og "
                    "Vold- og overgrepslinjen."
                ),
                _(
                    "Du kan drøfte saken med konsultasjonsteamet uten å si hvem det gjelder. "
                    "Beskriv saken slik at ingen kan kjenne igjen personen."
                ),
            ),
            h(_("Opplysningsplikten til barnevernet")),
            p(
                _(
                    "Du skal si fra til barnevernet når du har grunn til å tro at et barn blir "
                    "mishandlet eller alvorlig forsømt. «Grunn til å tro» er mer enn en vag "
                    "mistanke, men du trenger ikke være sikker. Plikten gjelder deg personlig, "
                    "og den gjelder selv om du har taushetsplikt."
                )
            ),
            p(
                _(
                    "Er bekymringen svakere enn dette, må du ha samtykke før du gir "
                    "opplysninger til barnevernet: fra foreldrene, og fra barnet selv når det "
                    "er 15 år eller eldre. Du kan alltid drøfte saken uten å si hvem det "
                    "gjelder."
                )
            ),
            h(_("Avvergingsplikten")),
            p(
                _(
                    "Alle har plikt til å prøve å hindre alvorlige lovbrudd, for eksempel "
                    "mishandling i nære relasjoner, voldtekt og grov kroppsskade "
                    "(straffeloven § 196). Plikten gjelder når det er sikkert eller mest "
                    "sannsynlig at lovbruddet skjer eller vil skje. Du kan avverge ved å varsle "
                    "politiet. Avvergingsplikten går foran taushetsplikten."
                )
            ),
            h(_("Voksne som ikke kan beskytte seg selv")),
            p(
                _(
                    "Er du bekymret for en voksen som ikke kan beskytte seg selv, for eksempel "
                    "på grunn av sykdom, alder eller funksjonsnedsettelse? Er det akutt, ring "
                    "112. Er det alvorlig, men ikke akutt, ring politiet på 02800. Meld også "
                    "fra til TryggEst-teamet i kommunen."
                )
            ),
        ),
    ),
    PageKey.ACCESSIBILITY: DefaultText(
        title=_("Tilgjengelighetserklæring"),
        lead=_(
            "Alle skal kunne bruke dette nettstedet. Kommunens nettsteder skal følge kravene "
            "i WCAG 2.1 nivå AA. Vi bygger nettstedet etter WCAG 2.2 nivå AA."
        ),
        body=(
            h(_("Slik tester vi")),
            p(
                _(
                    "Hver side blir testet automatisk i en nettleser med verktøyet axe-core, på "
                    "alle de ni språkene. Testen godtar ingen feil som verktøyet finner."
                )
            ),
            h(_("Dette har vi gjort")),
            items(
                _("Du kan bruke hele nettstedet med tastaturet."),
                _("Knappen «Forlat siden» er alltid det første du kommer til med Tab-tasten."),
                _("Sidene virker uten JavaScript."),
                _("Sidene finnes på ni språk. Arabisk vises fra høyre mot venstre."),
                _("Tekstene er skrevet i et enkelt språk."),
            ),
            h(_("Dette vet vi ikke ennå")),
            p(
                _(
                    "Automatiske tester finner ikke alle problemer. Sidene er ennå ikke testet "
                    "av personer som bruker skjermleser eller forstørrelse."
                )
            ),
            h(_("Si fra om feil")),
            p(
                _(
                    "Si fra til kommunen hvis noe ikke virker for deg. Du kan også klage til "
                    "Tilsynet for universell utforming av IKT."
                )
            ),
        ),
    ),
    PageKey.ABOUT: DefaultText(
        title=_("Om nettstedet"),
        lead=_(
            "Kommunen har laget dette nettstedet for å gi informasjon om vold i nære "
            "relasjoner, og om hvor du kan få hjelp."
        ),
        body=(
            h(_("Vi lagrer ikke noe om deg")),
            p(
                _(
                    "Sidene med informasjon bruker ikke informasjonskapsler. Vi bruker ikke "
                    "verktøy for statistikk over besøk, og vi lagrer ikke hvem som besøker "
                    "nettstedet. Sidene henter ingenting fra andre nettsteder."
                )
            ),
            h(_("Kommunens ansvar")),
            p(
                _(
                    "Kommunen skal informere innbyggerne om tjenestene sine. Kommunen skal også "
                    "sørge for at kvinner, menn og barn får et krisesentertilbud."
                )
            ),
            h(_("Oversikten over hjelpetilbud er åpne data")),
            p(
                _(
                    "Alle kan bruke oversikten over hjelpetilbud. Den er tilgjengelig som åpne "
                    "data i formatet HSDS."
                )
            ),
        ),
    ),
    PageKey.EMERGENCY: DefaultText(
        title=_("Akutt fare? Ring 112."),
        lead=_("Alle numrene er gratis."),
    ),
    PageKey.EXIT: DefaultText(
        title=_("Forlat siden"),
        lead=_("Eller trykk Shift tre ganger."),
    ),
}
