"""Staff users, the sessions they hold, and the one-time links they enrol with."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.accounts.choices import EnrolmentKind


class User(AbstractUser):
    """A member of staff. Residents never have accounts."""

    full_name = models.CharField(_("fullt navn"), max_length=200, blank=True)

    class Meta:
        ordering = ["username"]
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class UserSession(models.Model):
    """Ties a session to its user, so that logout and deactivation can end every session."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracked_sessions"
    )
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user_id}:{self.session_key[:6]}…"


class EnrolmentLink(models.Model):
    """A one-time link with which a user sets their password and authenticator app.

    An administrator issues it instead of choosing (and so knowing) the user's password, and
    after resetting a lost second factor. Only a hash of the token is stored; the link works
    once, until `expires_at`, and only while it is the user's newest.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_links"
    )
    kind = models.CharField(max_length=20, choices=EnrolmentKind.choices)
    # SHA-256 of the token in the link. The token is an HMAC of `nonce` under SECRET_KEY, so
    # the database alone gives no usable link, and a double-submitted issue shows the same.
    token_hash = models.CharField(max_length=64, unique=True)
    nonce = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Wrong current passwords typed through a second-factor link; too many revoke it.
    failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="accounts_enrolmentlink_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.kind}:{self.created_at:%Y-%m-%d}"
