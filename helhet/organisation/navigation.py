"""The staff menu: (URL name, label, capability). An entry shows only to users who hold
the capability, and only once its URL exists."""

from django.utils.translation import gettext_lazy as _

from helhet.organisation.roles import Cap

NAVIGATION = [
    ("core:home", _("Start"), Cap.STAFF_HOME),
    ("people:list", _("Personer"), Cap.CASE_VIEW),
    ("shelter:board", _("Krisesenter"), Cap.CASE_VIEW),
    ("shelter_statistics:report", _("Krisesenterstatistikk"), Cap.CASE_VIEW),
    ("directory:service_list", _("Hjelpekatalog"), Cap.DIRECTORY_EDIT),
    ("portal_staff:page_list", _("Portaltekster"), Cap.DIRECTORY_EDIT),
    ("organisation:unit_list", _("Enheter"), Cap.UNITS_MANAGE),
    ("organisation:user_list", _("Brukere"), Cap.UNIT_MEMBERS),
    ("audit:event_list", _("Tilgangslogg"), Cap.AUDIT_REVIEW),
    ("audit:break_glass_queue", _("Nødtilganger"), Cap.AUDIT_REVIEW),
    ("organisation:role_change_list", _("Tildelte roller"), Cap.AUDIT_REVIEW),
]
