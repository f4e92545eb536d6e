"""The public directory: programs, their type vocabularies, groups, meetings, places."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from kinship.core.timezones import is_valid_timezone

from .names import language_name, program_name


def validate_timezone(value: str) -> None:
    if not is_valid_timezone(value):
        raise ValidationError(
            _("%(value)s is not an IANA time zone name such as America/New_York."),
            params={"value": value},
        )


class Focus(models.TextChoices):
    ADDICTION = "addiction", _("Addiction")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    BOTH = "both", _("Addiction and mental health")
    FAMILY = "family", _("Family and friends")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


# The modes a meeting can be joined from anywhere (it has a link or a phone).
JOINABLE_ONLINE_MODES = (AttendanceMode.ONLINE, AttendanceMode.HYBRID)


class Weekday(models.IntegerChoices):
    SUNDAY = 0, pgettext_lazy("weekday as a label", "Sunday")
    MONDAY = 1, pgettext_lazy("weekday as a label", "Monday")
    TUESDAY = 2, pgettext_lazy("weekday as a label", "Tuesday")
    WEDNESDAY = 3, pgettext_lazy("weekday as a label", "Wednesday")
    THURSDAY = 4, pgettext_lazy("weekday as a label", "Thursday")
    FRIDAY = 5, pgettext_lazy("weekday as a label", "Friday")
    SATURDAY = 6, pgettext_lazy("weekday as a label", "Saturday")


# A weekday's name inside a sentence: the same English as the label, but Spanish
# writes "Lunes" alone (a list, a form's choice) and "el próximo lunes" in a phrase:
# weekdays take a lower-case initial unless punctuation asks for a capital (RAE,
# Diccionario panhispánico de dudas, "mayúsculas" 6.1,
# https://www.rae.es/dpd/mayúsculas).
WEEKDAY_IN_A_PHRASE = {
    Weekday.SUNDAY: pgettext_lazy("weekday within a phrase", "Sunday"),
    Weekday.MONDAY: pgettext_lazy("weekday within a phrase", "Monday"),
    Weekday.TUESDAY: pgettext_lazy("weekday within a phrase", "Tuesday"),
    Weekday.WEDNESDAY: pgettext_lazy("weekday within a phrase", "Wednesday"),
    Weekday.THURSDAY: pgettext_lazy("weekday within a phrase", "Thursday"),
    Weekday.FRIDAY: pgettext_lazy("weekday within a phrase", "Friday"),
    Weekday.SATURDAY: pgettext_lazy("weekday within a phrase", "Saturday"),
}


class Audience(models.TextChoices):
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    LGBTQ = "lgbtq", _("LGBTQ+")
    YOUNG_PEOPLE = "young_people", _("Young people")
    VETERANS = "veterans", _("Veterans")
    NEWCOMERS = "newcomers", _("Newcomers")
    FAMILIES = "families", _("Families and friends")
    PARENTS = "parents", _("Parents")
    SENIORS = "seniors", _("Seniors")
    BIPOC = "bipoc", _("Black, Indigenous and people of colour")


class Accessibility(models.TextChoices):
    STEP_FREE = "step_free", _("Step-free access")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Accessible toilet")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    ASL = "asl", _("ASL interpretation")
    PARKING = "parking", _("Accessible parking")
    CHILDCARE = "childcare", _("Childcare")
    FRAGRANCE_FREE = "fragrance_free", _("Fragrance-free")


class Program(models.Model):
    """A fellowship or method (AA, SMART Recovery...) with its own type vocabulary."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    focus = models.CharField(_("focus"), max_length=16, choices=Focus.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return str(self.display_name)

    @property
    def display_name(self) -> StrOrPromise:
        """The name people read, in their language (``name`` stays the spec's)."""
        return program_name(self.code, self.name)


class MeetingType(models.Model):
    """A type code in one program's namespace: ``POA`` means different things."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="meeting_types"
    )
    code = models.CharField(_("code"), max_length=16)
    label = models.CharField(_("label"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["program", "label"]
        verbose_name = _("meeting type")
        verbose_name_plural = _("meeting types")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "code"], name="meetingtype_unique_code_per_program"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.code})"


class Language(models.Model):
    """A language meetings are held in, by ISO 639-1 code."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=64)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return str(self.display_name)

    @property
    def display_name(self) -> StrOrPromise:
        """The name people read, in their language (``name`` stays the spec's)."""
        return language_name(self.code, self.name)


class Feed(models.Model):
    """A published source of meetings (Meeting Guide JSON or BMLT) of one program."""

    name = models.CharField(_("name"), max_length=200)
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="feeds")
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    default_timezone = models.CharField(
        _("default time zone"),
        max_length=64,
        blank=True,
        validators=[validate_timezone],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A place where meetings are held."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    formatted_address = models.CharField(_("address"), max_length=300, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("state or region"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    country = models.CharField(_("country"), max_length=2, default="US")
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    approximate = models.BooleanField(
        _("approximate"),
        default=False,
        help_text=_("The coordinates are only a city or area, not a street address."),
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_timezone]
    )
    accessibility = models.JSONField(_("accessibility"), default=list, blank=True)
    notes = models.TextField(_("location notes"), blank=True)
    source_feed = models.ForeignKey(
        Feed,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
    )
    # A digest of everything the feed said about the place: a place whose details
    # change becomes a new row, so other meetings at the old details keep theirs.
    source_key = models.CharField(_("source key"), max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="location_coordinates_valid",
            ),
            models.UniqueConstraint(
                fields=["source_feed", "source_key"],
                condition=Q(source_feed__isnull=False),
                name="location_unique_source_key_per_feed",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.formatted_address or f"#{self.pk}"

    def clean(self) -> None:
        invalid = [
            value
            for value in self.accessibility or []
            if value not in Accessibility.values
        ]
        if invalid:
            raise ValidationError(
                {"accessibility": _("Unknown accessibility feature.")}
            )

    @property
    def accessibility_labels(self) -> list[str]:
        labels = dict(Accessibility.choices)
        return [str(labels[v]) for v in self.accessibility or [] if v in labels]


class GroupStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("group state", "Active")
    INACTIVE = "inactive", pgettext_lazy("group state", "Inactive")


class Visibility(models.TextChoices):
    LISTED = "listed", _("Listed in the directory")
    UNLISTED = "unlisted", _("Unlisted (reachable by link)")
    PRIVATE = "private", _("Private (members only)")


class Group(models.Model):
    """A peer support group: its rules, statements and audience."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="groups"
    )
    focus = models.CharField(_("focus"), max_length=16, choices=Focus.choices)
    description = models.TextField(_("description"), blank=True)
    guidelines = models.TextField(_("guidelines"), blank=True)
    confidentiality_statement = models.TextField(
        _("confidentiality statement"), blank=True
    )
    inclusivity_statement = models.TextField(_("inclusivity statement"), blank=True)
    audience = models.JSONField(_("audience"), default=list, blank=True)
    languages = models.ManyToManyField(
        Language, related_name="groups", blank=True, verbose_name=_("languages")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=GroupStatus.choices, default="active"
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default="listed"
    )
    resource_links = models.JSONField(
        _("resource links"),
        default=list,
        blank=True,
        help_text=_('A list of {"title": ..., "url": ...} objects.'),
    )
    source_feed = models.ForeignKey(
        Feed, on_delete=models.SET_NULL, null=True, blank=True, related_name="groups"
    )
    source_id = models.CharField(_("source id"), max_length=200, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(
                fields=["source_feed", "source_id"],
                condition=Q(source_feed__isnull=False),
                name="group_unique_source_id_per_feed",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:group-detail", args=[self.slug])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if any(value not in Audience.values for value in self.audience or []):
            errors["audience"] = _("Unknown audience tag.")
        links = self.resource_links or []
        if not isinstance(links, list) or not all(
            isinstance(link, dict)
            and isinstance(link.get("title"), str)
            and isinstance(link.get("url"), str)
            and link["url"].startswith(("https://", "http://"))
            for link in links
        ):
            errors["resource_links"] = _(
                'Each link needs a "title" and an http(s) "url".'
            )
        if errors:
            raise ValidationError(errors)

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels[v]) for v in self.audience or [] if v in labels]


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every other week")
    MONTHLY = "monthly", _("Once a month")


class MeetingStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("meeting state", "Active")
    TEMPORARILY_CLOSED = (
        "temporarily_closed",
        pgettext_lazy("meeting state", "Temporarily closed"),
    )


DEFAULT_MEETING_LENGTH = dt.timedelta(hours=1)


class Meeting(models.Model):
    """A recurring session of a group, in its own IANA time zone."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    name = models.CharField(_("name"), max_length=200)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        choices=Weekday.choices,
        null=True,
        blank=True,
        help_text=_("Empty for meetings by appointment."),
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(
        _("end time"),
        null=True,
        blank=True,
        help_text=_(
            "An end at or before the start means the meeting ends after midnight."
        ),
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_timezone]
    )
    recurrence = models.CharField(
        _("recurrence"),
        max_length=16,
        choices=Recurrence.choices,
        default=Recurrence.WEEKLY,
    )
    attendance_mode = models.CharField(
        _("attendance mode"), max_length=16, choices=AttendanceMode.choices
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    conference_url = models.URLField(_("conference URL"), max_length=500, blank=True)
    conference_url_notes = models.TextField(_("conference URL notes"), blank=True)
    conference_phone = models.CharField(
        _("conference phone"), max_length=64, blank=True
    )
    conference_phone_notes = models.TextField(_("conference phone notes"), blank=True)
    types = models.ManyToManyField(
        MeetingType, related_name="meetings", blank=True, verbose_name=_("types")
    )
    languages = models.ManyToManyField(
        Language, related_name="meetings", blank=True, verbose_name=_("languages")
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=MeetingStatus.choices,
        default=MeetingStatus.ACTIVE,
    )
    source_feed = models.ForeignKey(
        Feed, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    source_slug = models.CharField(_("source slug"), max_length=200, blank=True)
    # Type codes the feed gave that the program's vocabulary does not know: kept so
    # nothing is lost, reported on import, never exported.
    unknown_type_codes = models.JSONField(
        _("unknown type codes"), default=list, blank=True
    )
    source_updated = models.DateTimeField(_("updated at source"), null=True, blank=True)
    # Digest of the feed record as read: an import compares it to find what changed.
    source_hash = models.CharField(_("source digest"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["weekday", "start_time", "name"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__isnull=True) | Q(weekday__gte=0, weekday__lte=6),
                name="meeting_weekday_0_to_6",
            ),
            models.CheckConstraint(
                condition=Q(weekday__isnull=True, start_time__isnull=True)
                | Q(weekday__isnull=False, start_time__isnull=False),
                name="meeting_day_and_time_together",
            ),
            models.CheckConstraint(
                condition=~Q(attendance_mode="in_person") | Q(location__isnull=False),
                name="meeting_in_person_has_location",
            ),
            models.CheckConstraint(
                condition=Q(attendance_mode__in=AttendanceMode.values),
                name="meeting_attendance_mode_valid",
            ),
            models.UniqueConstraint(
                fields=["source_feed", "source_slug"],
                condition=Q(source_feed__isnull=False),
                name="meeting_unique_source_slug_per_feed",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:meeting-detail", args=[self.slug])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if (self.weekday is None) != (self.start_time is None):
            errors["start_time"] = _(
                "Give both a weekday and a start time, or neither (by appointment)."
            )
        if self.attendance_mode == AttendanceMode.IN_PERSON and not self.location_id:
            errors["location"] = _("An in-person meeting needs a location.")
        if (
            self.attendance_mode in JOINABLE_ONLINE_MODES
            and not self.conference_url
            and not self.conference_phone
        ):
            errors["conference_url"] = _(
                "An online or hybrid meeting needs a conference link or phone number."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_by_appointment(self) -> bool:
        return self.weekday is None

    @property
    def duration(self) -> dt.timedelta:
        """Length of the meeting; an end at or before the start crosses midnight."""
        if self.start_time is None or self.end_time is None:
            return DEFAULT_MEETING_LENGTH
        start = dt.datetime.combine(dt.date.min, self.start_time)
        end = dt.datetime.combine(dt.date.min, self.end_time)
        if end <= start:
            end += dt.timedelta(days=1)
        return end - start

    @property
    def crosses_midnight(self) -> bool:
        return (
            self.start_time is not None
            and self.end_time is not None
            and self.end_time <= self.start_time
        )


MINUTES_PER_DAY = 24 * 60
# Meetings by appointment sort after every weekday.
BY_APPOINTMENT_SORT_KEY = 7 * MINUTES_PER_DAY


def weekly_sort_key(weekday: int | None, start: dt.time | None) -> int:
    """Minutes from Sunday 00:00 to the meeting's local start; appointments last."""
    if weekday is None or start is None:
        return BY_APPOINTMENT_SORT_KEY
    return weekday * MINUTES_PER_DAY + start.hour * 60 + start.minute


MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY


def published(statement: str) -> bool:
    """Whether a group publishes a statement (guidelines, confidentiality,
    inclusivity): the one test the finder's rows and the group page share."""
    return bool(statement.strip())


def quality_signals(
    *, guidelines: str, confidentiality: str, inclusivity: str, verified: bool
) -> int:
    """How many of a group's published quality signals it has (0-4): guidelines,
    a confidentiality statement, an inclusivity statement, verified details."""
    texts = (guidelines, confidentiality, inclusivity)
    return sum(published(text) for text in texts) + int(verified)


# The day whose UTC offset places a weekly start on the UTC week: a fixed day, so
# a row does not change with the seasons. A start's real offset on a given date
# differs from this one by at most the zone's daylight-saving shift (an hour, in
# some zones half an hour); searches on this column widen their ranges by that.
WEEK_MINUTE_OFFSET_DAY = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)


def week_minute_utc(
    weekday: int | None, start: dt.time | None, timezone: str
) -> int | None:
    """Minutes from Sunday 00:00 UTC to a weekly start, at the zone's offset on
    ``WEEK_MINUTE_OFFSET_DAY``; None for meetings by appointment or a bad zone."""
    if weekday is None or start is None or not is_valid_timezone(timezone):
        return None
    offset = WEEK_MINUTE_OFFSET_DAY.astimezone(ZoneInfo(timezone)).utcoffset()
    assert offset is not None
    local = weekly_sort_key(weekday, start)
    return int(local - offset.total_seconds() // 60) % MINUTES_PER_WEEK


class Reach(models.TextChoices):
    """Where a listed meeting can be attended from, for searches near a place."""

    LOCAL = "local", _("At a known place")
    ONLINE = "online", _("From anywhere")
    UNPLACED = "unplaced", _("At a place without coordinates")


FILTERED_COLUMNS = [
    "attendance_mode",
    "start_time",
    "program",
    "focus",
    "type_ids",
    "language_ids",
    "search_text",
]


# What matching reads of a listed meeting (besides its start on the UTC week).
MATCH_COLUMNS = [
    "meeting",
    "attendance_mode",
    "group",
    "recurrence",
    "timezone",
    "start_time",
    "sort_key",
    "reach",
    "latitude",
    "longitude",
    "program",
    "type_ids",
    "language_ids",
]


# Rows of meetings joinable online (online or hybrid). The matching indexes
# hold only these rows (a quarter of a national directory); a query uses them
# when its condition says the same in the same words, so matching filters with
# ``joinable_online_sql`` rather than a lookup with parameters.
JOINABLE_ONLINE = Q(attendance_mode__in=list(JOINABLE_ONLINE_MODES))


def joinable_online_sql() -> str:
    """``JOINABLE_ONLINE`` as SQL with its values written out, word for word as
    the partial indexes' condition (SQLite uses a partial index only for a
    query that repeats its condition; a bound parameter does not count)."""
    return _condition_sql(connection.vendor)


@functools.cache
def _condition_sql(vendor: str) -> str:
    index = next(i for i in ListedMeeting._meta.indexes if i.condition is not None)
    # Not entered as a context manager: nothing is changed, only SQL written.
    editor = connection.schema_editor()
    return str(index._get_condition_sql(ListedMeeting, editor))


class ListedMeeting(models.Model):
    """The finder's row for one listed meeting: derived data, never edited by hand.

    Only active meetings of active, listed groups have a row. It copies what the
    finder filters and sorts on from the meeting, its group and its place, so a
    search reads one table through its indexes instead of joining four.
    ``services.listings_refresh`` rebuilds rows; every write to a meeting, its
    group or its location calls it.
    """

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, primary_key=True, related_name="listing"
    )
    attendance_mode = models.CharField(max_length=16, choices=AttendanceMode.choices)
    reach = models.CharField(max_length=8, choices=Reach.choices)
    sort_key = models.PositiveIntegerField()
    start_time = models.TimeField(null=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    focus = models.CharField(max_length=16, choices=Focus.choices)
    # For matching (kinship.matching.match): the group, the zone and recurrence
    # its occurrences are computed in, and the start on the UTC week.
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    timezone = models.CharField(max_length=64)
    recurrence = models.CharField(max_length=16, choices=Recurrence.choices)
    week_minute_utc = models.PositiveSmallIntegerField(null=True)
    # The group's quality signals (``quality_signals``): matching reads the best first.
    group_quality = models.PositiveSmallIntegerField(default=0)
    # "|3|17|": ids between bars, so one LIKE finds a type or language.
    type_ids = models.CharField(max_length=400, blank=True)
    language_ids = models.CharField(max_length=200, blank=True)
    # Meeting, group and place names, lower-cased, for the text filter.
    search_text = models.TextField()

    class Meta:
        verbose_name = _("listed meeting")
        verbose_name_plural = _("listed meetings")
        # Each index starts with what one kind of search narrows by (a place, a
        # program, the online segment, weekly order) and then holds every filtered
        # column, so a search reads only the index: on 200,000 meetings that is
        # several times faster than visiting the rows.
        indexes = [
            models.Index(
                fields=[
                    "reach",
                    "latitude",
                    "longitude",
                    "sort_key",
                    "meeting",
                    *FILTERED_COLUMNS,
                ],
                name="listing_local_covering",
            ),
            models.Index(
                fields=["program", "sort_key", "meeting", "reach", *FILTERED_COLUMNS],
                name="listing_program_covering",
            ),
            models.Index(
                fields=["reach", "sort_key", "meeting", *FILTERED_COLUMNS],
                name="listing_reach_covering",
            ),
            models.Index(
                fields=["sort_key", "meeting", "reach", *FILTERED_COLUMNS],
                name="listing_sort_covering",
            ),
            # Matching: meetings joinable online of one focus and quality at the
            # person's times, soonest in the week first; every meeting of a
            # candidate group.
            models.Index(
                fields=["focus", "group_quality", "week_minute_utc", *MATCH_COLUMNS],
                condition=JOINABLE_ONLINE,
                name="listing_match_week",
            ),
            models.Index(fields=["group", "meeting"], name="listing_match_group"),
            # Matching: online meetings with a stated preference, soonest first.
            models.Index(
                fields=["week_minute_utc", "meeting", "focus", "group_quality"]
                + [name for name in MATCH_COLUMNS if name != "meeting"],
                condition=JOINABLE_ONLINE,
                name="listing_match_soonest",
            ),
            # Matching: meetings at a place near the person.
            models.Index(
                fields=[
                    "reach",
                    "latitude",
                    "longitude",
                    "focus",
                    "recurrence",
                    "week_minute_utc",
                    "group",
                    "group_quality",
                    "program",
                    "type_ids",
                    "language_ids",
                    "timezone",
                    "sort_key",
                    "start_time",
                ],
                name="listing_match_place",
            ),
        ]

    def __str__(self) -> str:
        return f"listing of meeting {self.meeting_id}"
