"""Mentorships: a mentor's profile and endorsements, a mentor and a mentee and
the state of their arrangement, and the private messages between the two.

The recovery tools read only whether a mentorship is active (what a mentee
shares goes to their active mentor, and "I need support" notifies them). The
state machine of a mentorship is ``transitions.TRANSITIONS``.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinship.directory.models import Focus, Group, Language, Program
from kinship.members.models import Member
from kinship.recovery.models import SobrietyClock

CAPACITY_MAX = 10


class Weekday(models.TextChoices):
    MONDAY = "mon", pgettext_lazy("weekday as a label", "Monday")
    TUESDAY = "tue", pgettext_lazy("weekday as a label", "Tuesday")
    WEDNESDAY = "wed", pgettext_lazy("weekday as a label", "Wednesday")
    THURSDAY = "thu", pgettext_lazy("weekday as a label", "Thursday")
    FRIDAY = "fri", pgettext_lazy("weekday as a label", "Friday")
    SATURDAY = "sat", pgettext_lazy("weekday as a label", "Saturday")
    SUNDAY = "sun", pgettext_lazy("weekday as a label", "Sunday")


# Spanish writes a weekday with a capital alone ("Lunes por la tarde", a choice)
# and without one inside a sentence ("Coincide contigo: lunes por la tarde").
WEEKDAY_IN_A_PHRASE = {
    Weekday.MONDAY: pgettext_lazy("weekday within a phrase", "Monday"),
    Weekday.TUESDAY: pgettext_lazy("weekday within a phrase", "Tuesday"),
    Weekday.WEDNESDAY: pgettext_lazy("weekday within a phrase", "Wednesday"),
    Weekday.THURSDAY: pgettext_lazy("weekday within a phrase", "Thursday"),
    Weekday.FRIDAY: pgettext_lazy("weekday within a phrase", "Friday"),
    Weekday.SATURDAY: pgettext_lazy("weekday within a phrase", "Saturday"),
    Weekday.SUNDAY: pgettext_lazy("weekday within a phrase", "Sunday"),
}


class DayPart(models.TextChoices):
    MORNING = "morning", _("mornings")
    AFTERNOON = "afternoon", _("afternoons")
    EVENING = "evening", _("evenings")


# When a mentor is free to talk, as weekday x part of the day ("tue_evening"):
# a small fixed set, so two people's overlap is a set intersection.
AVAILABILITY_CHOICES: list[tuple[str, object]] = [
    (
        f"{day.value}_{part.value}",
        format_lazy(_("{day} {part}"), day=day.label, part=part.label),
    )
    for day in Weekday
    for part in DayPart
]
AVAILABILITY_VALUES = frozenset(value for value, _label in AVAILABILITY_CHOICES)
AVAILABILITY_IN_A_PHRASE: dict[str, object] = {
    f"{day.value}_{part.value}": format_lazy(
        _("{day} {part}"), day=WEEKDAY_IN_A_PHRASE[day], part=part.label
    )
    for day in Weekday
    for part in DayPart
}


def availability_label(slot: str, *, in_a_phrase: bool = False) -> str:
    """A free time's name: as a choice, or (``in_a_phrase``) inside a sentence."""
    labels = AVAILABILITY_IN_A_PHRASE if in_a_phrase else dict(AVAILABILITY_CHOICES)
    return str(labels.get(slot, slot))


class Gender(models.TextChoices):
    """A mentor's gender, stated only if they wish; a mentee may ask for one."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NONBINARY = "nonbinary", _("Non-binary")


class MentorProfile(models.Model):
    """A member's offer to mentor: what they bring, when they are free, how many
    mentees they take, and whether they take any now.

    Eligibility is not stored: it is checked (``selectors.mentor_eligibility``)
    when the profile is activated and whenever mentors are listed.
    """

    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    clock = models.ForeignKey(
        SobrietyClock,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("clock showing my stable recovery"),
    )
    focus = models.CharField(
        _("focus"), max_length=16, choices=Focus.choices, blank=True
    )
    programs = models.ManyToManyField(
        Program, related_name="+", blank=True, verbose_name=_("programs I know")
    )
    languages = models.ManyToManyField(
        Language, related_name="+", blank=True, verbose_name=_("languages I speak")
    )
    availability = models.JSONField(_("when I am free"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("how many mentees I take"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(CAPACITY_MAX)],
    )
    introduction = models.TextField(_("introduction"), max_length=600, blank=True)
    gender = models.CharField(
        _("gender (optional)"), max_length=16, choices=Gender.choices, blank=True
    )
    active = models.BooleanField(_("taking mentees"), default=False)
    became_mentor_on = models.DateField(_("mentor since"), null=True, blank=True)
    updated_at = models.DateTimeField(
        pgettext_lazy("date field", "updated"), auto_now=True
    )

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=CAPACITY_MAX),
                name="mentor_profile_capacity_range",
            ),
            models.CheckConstraint(
                condition=Q(gender="") | Q(gender__in=Gender.values),
                name="mentor_profile_gender_valid",
            ),
            # Only someone who became a mentor can be taking mentees.
            models.CheckConstraint(
                condition=Q(active=False) | Q(became_mentor_on__isnull=False),
                name="mentor_profile_active_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"Mentor profile of {self.member}"

    def availability_labels(self) -> list[str]:
        return [availability_label(slot) for slot in self.availability]


class MentorEndorsement(models.Model):
    """A group leader vouches for a member of their group as a mentor; dated and
    revocable. It counts while the endorser leads the group and the member is
    still in it."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="mentor_endorsements"
    )
    by = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="mentor_endorsements_given"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)
    endorsed_at = models.DateTimeField(_("endorsed"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentor endorsement")
        verbose_name_plural = _("mentor endorsements")
        constraints = [
            models.CheckConstraint(
                condition=~Q(member=F("by")), name="mentor_endorsement_not_self"
            ),
            models.UniqueConstraint(
                fields=["member", "by", "group"],
                condition=Q(revoked_at__isnull=True),
                name="mentor_endorsement_one_standing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.by} endorses {self.member} in {self.group}"


class MentorshipState(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("mentorship state", "Requested")
    ACCEPTED = "accepted", pgettext_lazy("mentorship state", "Accepted")
    DECLINED = "declined", pgettext_lazy("mentorship state", "Declined")
    ACTIVE = "active", pgettext_lazy("mentorship state", "Active")
    ENDED = "ended", pgettext_lazy("mentorship state", "Ended")


class Mentorship(models.Model):
    """A mentor and a mentee; at most one open mentorship per pair."""

    mentor = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="mentorships_as_mentor"
    )
    mentee = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="mentorships_as_mentee"
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=MentorshipState.choices,
        default=MentorshipState.REQUESTED,
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=MentorshipState.values),
                name="mentorship_state_valid",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")), name="mentorship_not_self"
            ),
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                condition=Q(state__in=["requested", "accepted", "active"]),
                name="mentorship_one_open_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} mentoring {self.mentee} ({self.state})"


class MentorMessage(models.Model):
    """A private message between the two members of a mentorship; seen by them
    only, and exported to both of them only."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=2000)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("mentor message")
        verbose_name_plural = _("mentor messages")
        indexes = [
            models.Index(fields=["mentorship", "sent_at"], name="mentor_message_thread")
        ]

    def __str__(self) -> str:
        return f"Message in mentorship {self.mentorship_id}"
