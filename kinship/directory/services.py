"""Writes to the public directory. Pages, the API and commands all call these."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from .models import Language, MeetingType, Program
from .vocabularies import LANGUAGES, PROGRAMS, LanguageDef, ProgramDef


@dataclass(frozen=True, slots=True)
class ProgramsSyncResult:
    """How many rows ``programs_sync`` created and updated, by model."""

    programs_created: int = 0
    programs_updated: int = 0
    types_created: int = 0
    types_updated: int = 0
    languages_created: int = 0
    languages_updated: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.programs_created,
                self.programs_updated,
                self.types_created,
                self.types_updated,
                self.languages_created,
                self.languages_updated,
            )
        )


@transaction.atomic
def programs_sync(
    *,
    by: object | None = None,
    programs: tuple[ProgramDef, ...] = PROGRAMS,
    languages: tuple[LanguageDef, ...] = LANGUAGES,
) -> ProgramsSyncResult:
    """Create or update the standard programs, their type vocabularies and languages.

    Idempotent: rows already matching the vocabularies are left untouched, so a
    second run changes nothing. Types and languages that are in the database but
    not in the vocabularies (added by a site admin or an import) are kept, since
    meetings may refer to them. ``by`` is the acting person, or None for the
    system (migrations, ``seed_demo``).
    """
    del by  # Taxonomy is public data; nothing to check or log per person yet.
    programs_created = programs_updated = 0
    types_created = types_updated = 0
    existing_programs = {p.code: p for p in Program.objects.all()}
    for definition in programs:
        wanted = {
            "name": definition.name,
            "focus": definition.focus,
            "description": definition.description,
            "website": definition.website,
        }
        program = existing_programs.get(definition.code)
        if program is None:
            program = Program.objects.create(code=definition.code, **wanted)
            programs_created += 1
        elif _assign_changed(program, wanted):
            program.save(update_fields=list(wanted))
            programs_updated += 1
        created, updated = _sync_types(program, definition)
        types_created += created
        types_updated += updated

    languages_created, languages_updated = _sync_languages(languages)
    return ProgramsSyncResult(
        programs_created=programs_created,
        programs_updated=programs_updated,
        types_created=types_created,
        types_updated=types_updated,
        languages_created=languages_created,
        languages_updated=languages_updated,
    )


def _assign_changed(instance: object, values: dict[str, str]) -> bool:
    """Set the attributes that differ; True when any did."""
    changed = False
    for field, value in values.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    return changed


def _sync_types(program: Program, definition: ProgramDef) -> tuple[int, int]:
    existing = {t.code: t for t in MeetingType.objects.filter(program=program)}
    to_create: list[MeetingType] = []
    to_update: list[MeetingType] = []
    for type_def in definition.types:
        wanted = {"label": type_def.label, "description": type_def.description}
        meeting_type = existing.get(type_def.code)
        if meeting_type is None:
            to_create.append(MeetingType(program=program, code=type_def.code, **wanted))
        elif _assign_changed(meeting_type, wanted):
            to_update.append(meeting_type)
    MeetingType.objects.bulk_create(to_create)
    if to_update:
        MeetingType.objects.bulk_update(to_update, ["label", "description"])
    return len(to_create), len(to_update)


def _sync_languages(languages: tuple[LanguageDef, ...]) -> tuple[int, int]:
    existing = {lang.code: lang for lang in Language.objects.all()}
    to_create: list[Language] = []
    to_update: list[Language] = []
    for language_def in languages:
        language = existing.get(language_def.code)
        if language is None:
            to_create.append(Language(code=language_def.code, name=language_def.name))
        elif language.name != language_def.name:
            language.name = language_def.name
            to_update.append(language)
    Language.objects.bulk_create(to_create)
    if to_update:
        Language.objects.bulk_update(to_update, ["name"])
    return len(to_create), len(to_update)
