"""Personal access tokens for the API, and the answers kept for idempotent writes.

Private data: each row points to its owner's ``Member`` through a field named
``member`` (the data export relies on it; ``token_hash`` is left out of it).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.members.models import Member


class TokenScope(models.TextChoices):
    """What a token may do: read only, or read and change."""

    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class AccessToken(models.Model):
    """A personal access token: the member's key to the API for a script or an app.

    Only the SHA-256 of the secret is kept; ``prefix`` (its first characters)
    identifies it to its owner. It stops working when it expires or is revoked.
    """

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(
        _("scope"), max_length=8, choices=TokenScope.choices, default=TokenScope.READ
    )
    prefix = models.CharField(_("starts with"), max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=TokenScope.values), name="token_scope_valid"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="token_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.scope})"

    def is_active(self, now: dt.datetime | None = None) -> bool:
        """Neither revoked nor expired (at ``now``)."""
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class IdempotencyRecord(models.Model):
    """The first answer to a POST sent with an ``Idempotency-Key``, to repeat it.

    One per member and key: the unique constraint is what makes concurrent
    duplicates safe. ``request_digest`` is the SHA-256 of the request body, so a
    key reused for another request is refused. Kept 24 hours.
    """

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="idempotency_records"
    )
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=300)
    request_digest = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "key"], name="idempotency_one_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.response_status})"
