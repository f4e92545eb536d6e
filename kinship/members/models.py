"""Members and their groups: the profile of an account, membership levels, and the
record of every change leaders make to a group.

Private data: every row here that belongs to one person points to that person's
``Member`` through a field named ``member``, which the data export relies on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from kinship.directory.models import Focus, Group, Language, Meeting, validate_timezone


def default_member_timezone() -> str:
    return str(settings.KINSHIP_DEFAULT_TIMEZONE)


def language_choices() -> list[tuple[str, str]]:
    """The languages Kinship is written in, each named in itself ("Español"): a
    reader looking for their language finds it in words they can read."""
    return [
        (code, get_language_info(code)["name_local"].capitalize())
        for code, _name in settings.LANGUAGES
    ]


class RosterName(models.TextChoices):
    """How a member appears to the leaders of their groups."""

    DISPLAY_NAME = "display_name", _("My display name")
    INITIAL = "initial", _("Only the first letter of my display name")


class Member(models.Model):
    """The profile of an account: a pseudonymous person in recovery."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member"
    )
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        help_text=_('A first name and an initial is the custom, e.g. "Alex K."'),
    )
    focus = models.CharField(
        _("recovery focus"), max_length=16, choices=Focus.choices, blank=True
    )
    languages = models.ManyToManyField(
        Language, related_name="+", blank=True, verbose_name=_("languages")
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_member_timezone,
        validators=[validate_timezone],
    )
    # The language Kinship speaks to this member in: pages when signed in, and
    # everything written for them elsewhere (notifications, email). Set at
    # sign-up to the language they signed up in; blank (an account made by a
    # command) means pages follow the browser and email the site's language.
    language = models.CharField(
        _("language of Kinship"),
        max_length=8,
        choices=language_choices,
        blank=True,
    )
    roster_name = models.CharField(
        _("name shown to my groups' leaders"),
        max_length=16,
        choices=RosterName.choices,
        default=RosterName.DISPLAY_NAME,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.display_name

    @property
    def roster_label(self) -> str:
        if self.roster_name == RosterName.INITIAL:
            return f"{self.display_name[:1].upper()}."
        return self.display_name


class Level(models.TextChoices):
    """How a member takes part in a group, from listening to leading."""

    OBSERVER = "observer", _("Observer")
    PARTICIPANT = "participant", _("Participant")
    LEADER = "leader", _("Leader")


class Membership(models.Model):
    """A member in a group at a participation level, with the date of each step."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="memberships"
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="memberships"
    )
    level = models.CharField(
        _("participation level"),
        max_length=16,
        choices=Level.choices,
        default=Level.OBSERVER,
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    participant_since = models.DateTimeField(
        _("participant since"), null=True, blank=True
    )
    leader_since = models.DateTimeField(_("leader since"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "group"], name="membership_one_per_group"
            ),
            models.CheckConstraint(
                condition=Q(level__in=Level.values), name="membership_level_valid"
            ),
            # Each level carries the date it was reached.
            models.CheckConstraint(
                condition=Q(level="observer")
                | Q(level="participant", participant_since__isnull=False)
                | Q(level="leader", leader_since__isnull=False),
                name="membership_level_dated",
            ),
        ]
        indexes = [models.Index(fields=["group", "level"])]

    def __str__(self) -> str:
        return f"{self.member} in {self.group} ({self.level})"


class GroupInvitation(models.Model):
    """A leader's invitation into a private group: a secret code, stored hashed."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="invitations"
    )
    created_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("group invitation")
        verbose_name_plural = _("group invitations")

    def __str__(self) -> str:
        return f"Invitation to {self.group} until {self.expires_at:%Y-%m-%d}"


class ChangeAction(models.TextChoices):
    GROUP_UPDATED = "group_updated", _("Group details changed")
    MEETING_ADDED = "meeting_added", _("Meeting added")
    MEETING_UPDATED = "meeting_updated", _("Meeting changed")
    MEETING_REMOVED = "meeting_removed", _("Meeting removed")
    LEADER_ADDED = "leader_added", _("Leader added")


class GroupChange(models.Model):
    """One change a leader made to a group or its meetings: who, when and what.

    Append-only. ``changes`` maps each field to its ``[old, new]`` values (public
    group data only). ``by`` becomes empty when that member deletes their account.
    """

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="changes")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    meeting_name = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, related_name="group_changes"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=24, choices=ChangeAction.choices)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("group change")
        verbose_name_plural = _("group changes")

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"
