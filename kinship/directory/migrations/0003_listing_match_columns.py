"""What matching reads of a listed meeting: its group, zone, recurrence and start
on the UTC week. Existing finder rows are filled from their meetings."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery

from kinship.directory.models import quality_signals, week_minute_utc


def fill(apps, schema_editor):
    ListedMeeting = apps.get_model("directory", "ListedMeeting")
    Meeting = apps.get_model("directory", "Meeting")
    Group = apps.get_model("directory", "Group")
    meeting = Meeting.objects.filter(pk=OuterRef("meeting_id"))
    ListedMeeting.objects.update(
        group_id=Subquery(meeting.values("group_id")[:1]),
        timezone=Subquery(meeting.values("timezone")[:1]),
        recurrence=Subquery(meeting.values("recurrence")[:1]),
    )
    # One UPDATE per distinct weekly start: a few thousand at most.
    starts = (
        Meeting.objects.filter(listing__isnull=False)
        .values_list("weekday", "start_time", "timezone")
        .distinct()
    )
    for weekday, start_time, zone_name in starts:
        minute = week_minute_utc(weekday, start_time, zone_name)
        if minute is not None:
            ListedMeeting.objects.filter(
                meeting__weekday=weekday,
                meeting__start_time=start_time,
                meeting__timezone=zone_name,
            ).update(week_minute_utc=minute)
    # The groups' quality signals: most groups have none.
    for (
        pk,
        guidelines,
        confidentiality,
        inclusivity,
        verified_at,
    ) in Group.objects.filter(
        ~Q(guidelines="")
        | ~Q(confidentiality_statement="")
        | ~Q(inclusivity_statement="")
        | Q(verified_at__isnull=False)
    ).values_list(
        "pk",
        "guidelines",
        "confidentiality_statement",
        "inclusivity_statement",
        "verified_at",
    ):
        ListedMeeting.objects.filter(group_id=pk).update(
            group_quality=quality_signals(
                guidelines=guidelines,
                confidentiality=confidentiality,
                inclusivity=inclusivity,
                verified=verified_at is not None,
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_feed_provenance"),
    ]

    operations = [
        migrations.AddField(
            model_name="listedmeeting",
            name="group",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="directory.group",
            ),
        ),
        migrations.AddField(
            model_name="listedmeeting",
            name="timezone",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="listedmeeting",
            name="recurrence",
            field=models.CharField(
                choices=[
                    ("weekly", "Every week"),
                    ("biweekly", "Every other week"),
                    ("monthly", "Once a month"),
                ],
                default="weekly",
                max_length=16,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="listedmeeting",
            name="week_minute_utc",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="listedmeeting",
            name="group_quality",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="listedmeeting",
            name="group",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="directory.group",
            ),
        ),
        migrations.AddIndex(
            model_name="listedmeeting",
            index=models.Index(
                fields=[
                    "focus",
                    "group_quality",
                    "week_minute_utc",
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
                ],
                name="listing_match_week",
            ),
        ),
        migrations.AddIndex(
            model_name="listedmeeting",
            index=models.Index(fields=["group", "meeting"], name="listing_match_group"),
        ),
        migrations.AddIndex(
            model_name="listedmeeting",
            index=models.Index(
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
        ),
        migrations.AddIndex(
            model_name="listedmeeting",
            index=models.Index(
                fields=[
                    "week_minute_utc",
                    "meeting",
                    "focus",
                    "group_quality",
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
                ],
                name="listing_match_soonest",
            ),
        ),
    ]
