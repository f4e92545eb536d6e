"""The new-group toolkit: a member's draft of a group, and what a group made with
it keeps: its meeting structure, its leadership team and the site's approval.

``GroupDraft`` is private to its member (the data export finds it through its
``member`` field). The rest describes a group and is shown to its members.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kinship.directory.models import Group
from kinship.members.models import Member


class DraftStep(models.TextChoices):
    """The steps of the guided flow, in order."""

    BASICS = "basics", _("Basics")
    SAFETY = "safety", _("Safe environment")
    STRUCTURE = "structure", _("Meeting structure")
    TEAM = "team", _("Leadership team")
    RESOURCES = "resources", _("Resource network")
    REVIEW = "review", _("Review and create")


STEP_ORDER: tuple[str, ...] = tuple(DraftStep.values)


class GroupDraft(models.Model):
    """A group a member is preparing, step by step; kept until the group is made.

    ``data`` holds each finished step's answers under the step's name; ``step``
    is the furthest step the member may open.
    """

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="group_drafts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    data = models.JSONField(_("answers"), default=dict, blank=True)
    step = models.CharField(
        _("furthest step"),
        max_length=16,
        choices=DraftStep.choices,
        default=DraftStep.BASICS,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("group draft")
        verbose_name_plural = _("group drafts")
        constraints = [
            models.CheckConstraint(
                condition=Q(step__in=DraftStep.values), name="groupdraft_step_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name or gettext("Untitled group")

    def reached(self, step: str) -> bool:
        """Whether the member may open this step yet."""
        return STEP_ORDER.index(step) <= STEP_ORDER.index(self.step)


class MeetingStyle(models.TextChoices):
    TWELVE_STEP = "twelve_step", _("12-step")
    SMART = "smart", _("SMART Recovery / CBT-style")
    PEER_MENTAL_HEALTH = "peer_mental_health", _("Peer support (mental health)")
    DUAL_RECOVERY = "dual_recovery", _("Dual recovery")


class SectionPart(models.TextChoices):
    """What a section of a meeting is for; opening, sharing and closing are needed."""

    OPENING = "opening", _("Opening")
    CHECK_IN = "check_in", _("Check-in round")
    TOPIC = "topic", _("Topic or reading")
    SHARING = "sharing", _("Sharing")
    CLOSING = "closing", _("Closing")
    OTHER = "other", pgettext_lazy("meeting section part", "Other")


REQUIRED_PARTS = (SectionPart.OPENING, SectionPart.SHARING, SectionPart.CLOSING)
SECTION_MINUTES_MIN = 1
SECTION_MINUTES_MAX = 120
MEETING_MINUTES_MAX = 180
TITLE_MAX = 80
SCRIPT_MAX = 2000


def sections_problems(sections: Any) -> list[str]:
    """What is wrong with a meeting's sections, as messages for the person; an
    empty list when they are fine."""
    if not isinstance(sections, list) or not sections:
        return [
            gettext(
                "A meeting needs sections: at least an opening, sharing and a closing."
            )
        ]
    problems: list[str] = []
    total = 0
    for number, section in enumerate(sections, start=1):
        if not isinstance(section, dict):
            problems.append(gettext("Section %(n)s is not readable.") % {"n": number})
            continue
        title = section.get("title")
        if not isinstance(title, str) or not title.strip():
            problems.append(gettext("Section %(n)s needs a title.") % {"n": number})
        elif len(title) > TITLE_MAX:
            problems.append(
                gettext("The title of section %(n)s is too long.") % {"n": number}
            )
        minutes = section.get("minutes")
        if (
            not isinstance(minutes, int)
            or isinstance(minutes, bool)
            or not SECTION_MINUTES_MIN <= minutes <= SECTION_MINUTES_MAX
        ):
            problems.append(
                gettext("Section %(n)s needs between 1 and 120 minutes.")
                % {"n": number}
            )
        else:
            total += minutes
        script = section.get("script", "")
        if not isinstance(script, str) or len(script) > SCRIPT_MAX:
            problems.append(
                gettext("The script of section %(n)s is too long.") % {"n": number}
            )
        if section.get("part") not in SectionPart.values:
            problems.append(
                gettext("Section %(n)s needs to say what it is for.") % {"n": number}
            )
    if total > MEETING_MINUTES_MAX:
        problems.append(
            gettext(
                "The sections add up to %(total)s minutes: a meeting can be at "
                "most 180 minutes."
            )
            % {"total": total}
        )
    parts = {s.get("part") for s in sections if isinstance(s, dict)}
    labels = dict(SectionPart.choices)
    missing = [str(labels[part]) for part in REQUIRED_PARTS if part not in parts]
    if missing:
        problems.append(
            gettext("Every meeting needs these parts: %(parts)s.")
            % {"parts": ", ".join(missing)}
        )
    return problems


class MeetingStructure(models.Model):
    """How a group's meetings run: ordered sections, each with a title, minutes
    and a short script (``sections``: a list of {part, title, minutes, script})."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="structure"
    )
    style = models.CharField(_("style"), max_length=24, choices=MeetingStyle.choices)
    sections = models.JSONField(_("sections"), default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting structure")
        verbose_name_plural = _("meeting structures")
        constraints = [
            models.CheckConstraint(
                condition=Q(style__in=MeetingStyle.values),
                name="meetingstructure_style_valid",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Meeting structure of %(group)s") % {"group": self.group}

    def clean(self) -> None:
        problems = sections_problems(self.sections)
        if problems:
            raise ValidationError({"sections": problems})

    @property
    def total_minutes(self) -> int:
        return sum(int(section.get("minutes", 0)) for section in self.sections)


class TeamRoleName(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    CO_FACILITATOR = "co_facilitator", _("Co-facilitator")
    SECRETARY = "secretary", _("Secretary")
    TIMEKEEPER = "timekeeper", _("Timekeeper")


class TeamRole(models.Model):
    """One role of a group's leadership team and the member who holds it."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="team_roles"
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="team_roles"
    )
    role = models.CharField(_("role"), max_length=16, choices=TeamRoleName.choices)
    assigned_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        ordering = ["group", "role"]
        verbose_name = _("team role")
        verbose_name_plural = _("team roles")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "role"], name="teamrole_one_holder_per_role"
            ),
            models.UniqueConstraint(
                fields=["group", "member", "role"], name="teamrole_unique_member_role"
            ),
            models.CheckConstraint(
                condition=Q(role__in=TeamRoleName.values), name="teamrole_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} of {self.group}"


class Decision(models.TextChoices):
    PENDING = (
        "pending",
        pgettext_lazy("group approval decision", "Waiting for approval"),
    )
    APPROVED = "approved", pgettext_lazy("group approval decision", "Approved")
    DECLINED = "declined", pgettext_lazy("group approval decision", "Declined")


class GroupApproval(models.Model):
    """A new group's request to be listed in the directory, and a site admin's
    decision on it. The group stays unlisted until it is approved."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="approval"
    )
    requested_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision = models.CharField(
        _("decision"),
        max_length=16,
        choices=Decision.choices,
        default=Decision.PENDING,
    )
    note = models.TextField(_("note to the founder"), blank=True)
    # The US ZIP code the founder gave for the area the group serves.
    area = models.CharField(_("area (ZIP code)"), max_length=10, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("group approval")
        verbose_name_plural = _("group approvals")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=Decision.values),
                name="groupapproval_decision_valid",
            ),
            # A decision carries its date; a pending request has none.
            models.CheckConstraint(
                condition=Q(decision="pending", decided_at__isnull=True)
                | (~Q(decision="pending") & Q(decided_at__isnull=False)),
                name="groupapproval_decision_dated",
            ),
        ]
        indexes = [models.Index(fields=["decision", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.group} ({self.get_decision_display()})"


class ResourceKind(models.TextChoices):
    TREATMENT_CENTRE = "treatment_centre", _("Treatment centre")
    RECOVERY_ORGANISATION = "recovery_organisation", _("Recovery organisation")
    CRISIS_LINE = "crisis_line", _("Crisis line")
    OTHER = "other", pgettext_lazy("resource kind", "Other")
