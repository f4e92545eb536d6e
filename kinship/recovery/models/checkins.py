"""The daily check-in: how today went, in numbers and a few words."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.members.models import Member


class Sharing(models.TextChoices):
    """Who sees a summary of a check-in (never its private note)."""

    PRIVATE = "private", _("Only me")
    MENTOR = "mentor", _("My mentor")
    GROUPS = "groups", _("My groups")


class UsedToday(models.TextChoices):
    NO = "no", _("No")
    YES = "yes", _("Yes")
    UNSAID = "unsaid", _("Prefer not to say")


class Trigger(models.TextChoices):
    """Triggers met today: a shared vocabulary so patterns can be seen."""

    STRESS = "stress", _("Stress")
    CRAVING_CUE = "cue", _("People, places or things linked to use")
    CONFLICT = "conflict", _("Conflict")
    LONELINESS = "lonely", _("Loneliness")
    BOREDOM = "boredom", _("Boredom")
    TIREDNESS = "tired", _("Tiredness")
    HUNGER = "hunger", _("Hunger")
    ANGER = "anger", _("Anger")
    PAIN = "pain", _("Physical pain")
    CELEBRATION = "celebration", _("A celebration")
    MONEY = "money", _("Money worries")
    OTHER = "other", _("Something else")


class Coping(models.TextChoices):
    """Ways of coping used today (saved strategies are linked separately)."""

    MEETING = "meeting", _("Went to a meeting")
    CALLED = "called", _("Called someone")
    EXERCISE = "exercise", _("Moved my body")
    BREATHING = "breathing", _("Breathing or grounding")
    URGE_SURFING = "urge_surfing", _("Rode out an urge")
    DISTRACTION = "distraction", _("Distracted myself")
    REST = "rest", _("Rested or slept")
    ATE = "ate", _("Ate a meal")
    JOURNAL = "journal", _("Wrote it down")
    PRAYER = "prayer", _("Prayer or meditation")
    OTHER = "other", _("Something else")


class WarningSign(models.TextChoices):
    """Early warning signs a member may notice in themselves."""

    ISOLATING = "isolating", _("Pulling away from people")
    SKIPPING = "skipping", _("Skipping meetings or routines")
    ROMANTICISING = "romanticising", _("Thinking fondly about using")
    SECRECY = "secrecy", _("Keeping secrets")
    SLEEP = "sleep", _("Sleep falling apart")
    OLD_FRIENDS = "old_contacts", _("Contacting people I used with")
    HOPELESS = "hopeless", _("Feeling hopeless")
    OTHER = "other", _("Something else")


class CheckIn(models.Model):
    """One member's check-in for one local day (their own zone), editable that day.

    ``note`` is private to the member always: summaries shared with a mentor or
    groups leave it out, and so does everything shown to anyone else.
    """

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="checkins"
    )
    local_date = models.DateField(_("day"))
    mood = models.PositiveSmallIntegerField(
        _("mood"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 very low, 5 very good"),
    )
    craving = models.PositiveSmallIntegerField(
        _("craving"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    stress = models.PositiveSmallIntegerField(
        _("stress"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    sleep_hours = models.DecimalField(
        _("hours of sleep"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    used_today = models.CharField(
        _("used today"),
        max_length=8,
        choices=UsedToday.choices,
        default=UsedToday.UNSAID,
    )
    # Lists of Trigger / Coping / WarningSign values.
    triggers = models.JSONField(_("triggers met"), default=list, blank=True)
    coping = models.JSONField(_("coping used"), default=list, blank=True)
    warning_signs = models.JSONField(
        _("warning signs noticed"), default=list, blank=True
    )
    strategies_used = models.ManyToManyField(
        "recovery.Strategy",
        related_name="+",
        blank=True,
        verbose_name=_("saved strategies used"),
    )
    gratitude = models.CharField(_("grateful for"), max_length=500, blank=True)
    note = models.TextField(_("private note"), max_length=5000, blank=True)
    sharing = models.CharField(
        _("who sees a summary"),
        max_length=8,
        choices=Sharing.choices,
        default=Sharing.PRIVATE,
    )
    created_at = models.DateTimeField(_("first saved"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)

    class Meta:
        ordering = ["-local_date"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "local_date"], name="checkin_one_per_day"
            ),
            models.CheckConstraint(
                condition=Q(mood__gte=1, mood__lte=5), name="checkin_mood_range"
            ),
            models.CheckConstraint(
                condition=Q(craving__gte=0, craving__lte=10),
                name="checkin_craving_range",
            ),
            models.CheckConstraint(
                condition=Q(stress__gte=0, stress__lte=10),
                name="checkin_stress_range",
            ),
            models.CheckConstraint(
                condition=Q(sleep_hours__isnull=True)
                | Q(sleep_hours__gte=0, sleep_hours__lte=24),
                name="checkin_sleep_range",
            ),
            models.CheckConstraint(
                condition=Q(used_today__in=UsedToday.values),
                name="checkin_used_today_valid",
            ),
            models.CheckConstraint(
                condition=Q(sharing__in=Sharing.values), name="checkin_sharing_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"check-in {self.local_date:%Y-%m-%d}"
