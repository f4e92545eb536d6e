"""``manage.py seed_demo``: the demo directory, plus synthetic meetings for load."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from kinship.core.geo import geocode_zip
from kinship.directory.demo_data import CITIES_BY_KEY, GROUPS, VENUES, DemoVenue
from kinship.directory.models import (
    Group,
    Language,
    Location,
    Meeting,
    MeetingType,
    Program,
)
from kinship.directory.services import listings_refresh, programs_sync
from kinship.directory.synthetic import synthetic_create


class Command(BaseCommand):
    help = (
        "Load the demo directory: the standard programs and their type "
        f"vocabularies, then {len(GROUPS)} groups with "
        f"{sum(len(g.meetings) for g in GROUPS)} meetings in {len(CITIES_BY_KEY)} "
        "US cities. Demo rows are matched by slug and updated, so running it "
        "again never duplicates them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and say so) when any group already exists.",
        )
        parser.add_argument(
            "--meetings",
            type=int,
            default=0,
            metavar="N",
            help=(
                "Also create N synthetic meetings (one group per 4 meetings) at "
                "random US ZIP code centroids, deterministic for a given --seed. "
                "Their slugs are syn-<seed>-<n>; running again with the same seed "
                "continues numbering after the synthetic meetings already there, "
                "so it adds N new, different meetings and never collides."
            ),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help="Random seed for --meetings (default 1).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["meetings"]
        seed: int = options["seed"]
        if count < 0:
            raise CommandError("--meetings must be zero or more.")
        if options["if_empty"] and Group.objects.exists():
            self.stdout.write("Groups already exist; seed_demo --if-empty did nothing.")
            return
        synced = programs_sync()
        self.stdout.write(
            f"Programs: {synced.programs_created} created, "
            f"{synced.programs_updated} updated; meeting types: "
            f"{synced.types_created} created, {synced.types_updated} updated; "
            f"languages: {synced.languages_created} created."
        )
        demo = demo_load()
        self.stdout.write(
            f"Demo directory: {demo.groups_created} groups and "
            f"{demo.meetings_created} meetings created, {demo.groups_updated} "
            f"groups and {demo.meetings_updated} meetings already there (updated)."
        )
        if count:
            started = time.perf_counter()
            made = synthetic_create(count=count, seed=seed)
            elapsed = time.perf_counter() - started
            self.stdout.write(
                f"Synthetic: {made.meetings} meetings ({made.first_slug} .. "
                f"{made.last_slug}) in {made.groups} groups at {made.locations} "
                f"locations, {made.type_links} type and {made.language_links} "
                f"language links, in {elapsed:.1f} s."
            )
        started = time.perf_counter()
        listed = listings_refresh()
        self.stdout.write(
            f"Finder listings rebuilt: {listed} listed meetings "
            f"in {time.perf_counter() - started:.1f} s."
        )


@dataclass(frozen=True, slots=True)
class DemoCounts:
    groups_created: int
    groups_updated: int
    meetings_created: int
    meetings_updated: int


@transaction.atomic
def demo_load() -> DemoCounts:
    """Create or update the demo groups, meetings and places from ``demo_data``."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    programs = {p.code: p for p in Program.objects.all()}
    types = {
        (t.program.code, t.code): t
        for t in MeetingType.objects.select_related("program")
    }
    languages = {language.code: language for language in Language.objects.all()}
    locations = {venue.key: _venue_location(venue) for venue in VENUES}
    counts = {"groups": [0, 0], "meetings": [0, 0]}
    for spec in GROUPS:
        program = programs[spec.program]
        group, created = Group.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "program": program,
                "focus": spec.focus or program.focus,
                "description": spec.description,
                "guidelines": spec.guidelines,
                "confidentiality_statement": spec.confidentiality,
                "inclusivity_statement": spec.inclusivity,
                "audience": list(spec.audience),
                "visibility": spec.visibility,
                "resource_links": [
                    {"title": title, "url": url} for title, url in spec.links
                ],
                "verified_at": None
                if spec.verified_days_ago is None
                else now - dt.timedelta(days=spec.verified_days_ago),
            },
        )
        counts["groups"][0 if created else 1] += 1
        group.languages.set([languages[code] for code in spec.languages])
        zone = CITIES_BY_KEY[spec.city].timezone
        for item in spec.meetings:
            conference = item.conference
            meeting, created = Meeting.objects.update_or_create(
                slug=item.slug,
                defaults={
                    "group": group,
                    "name": item.name,
                    "weekday": item.weekday,
                    "start_time": _time(item.start),
                    "end_time": _time(item.end),
                    "timezone": zone,
                    "attendance_mode": item.mode,
                    "location": locations[item.venue] if item.venue else None,
                    "conference_url": conference.url if conference else "",
                    "conference_url_notes": conference.url_notes if conference else "",
                    "conference_phone": conference.phone if conference else "",
                    "conference_phone_notes": (
                        conference.phone_notes if conference else ""
                    ),
                    "notes": item.notes,
                    "status": item.status,
                },
            )
            counts["meetings"][0 if created else 1] += 1
            try:
                meeting.types.set([types[(spec.program, c)] for c in item.types])
            except KeyError as error:
                raise CommandError(
                    f"Meeting {item.slug}: type {error} is not in the "
                    f"{spec.program} vocabulary."
                ) from error
            meeting.languages.set(
                [languages[code] for code in item.languages or spec.languages]
            )
    return DemoCounts(
        groups_created=counts["groups"][0],
        groups_updated=counts["groups"][1],
        meetings_created=counts["meetings"][0],
        meetings_updated=counts["meetings"][1],
    )


def _time(value: str | None) -> dt.time | None:
    return None if value is None else dt.time.fromisoformat(value)


def _venue_location(venue: DemoVenue) -> Location:
    city = CITIES_BY_KEY[venue.city]
    centroid = geocode_zip(venue.postal_code)
    if centroid is None:
        raise CommandError(f"Venue {venue.key}: ZIP {venue.postal_code} not found.")
    values = {
        "street": venue.street,
        "city": city.name,
        "region": city.region,
        "country": "US",
        "formatted_address": (
            f"{venue.street}, {city.name}, {city.region} {venue.postal_code}, USA"
        ),
        "latitude": round(centroid.point.latitude + venue.offset[0], 5),
        "longitude": round(centroid.point.longitude + venue.offset[1], 5),
        "approximate": False,
        "timezone": city.timezone,
        "accessibility": list(venue.accessibility),
        "notes": venue.notes,
    }
    location, _ = Location.objects.update_or_create(
        name=venue.name, postal_code=venue.postal_code, defaults=values
    )
    return location
