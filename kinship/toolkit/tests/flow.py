"""Helpers for the toolkit's tests: each step's form data, and the whole flow."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from kinship.directory.models import Group, Language, Program
from kinship.directory.tests.factories import LanguageFactory, ProgramFactory
from kinship.members.models import Member
from kinship.members.tests.personas import persona_create
from kinship.toolkit import starter_texts
from kinship.toolkit.models import GroupDraft

HTMX = {"HX-Request": "true"}


def program_create() -> Program:
    return ProgramFactory.create(
        code="dual-recovery", name="Dual Recovery Anonymous", focus="both"
    )


def english() -> Language:
    return LanguageFactory.create(code="en", name="English")


def staff_create() -> Member:
    """Sam, a site admin."""
    sam = persona_create("sam", "Sam A.")
    sam.user.is_staff = True
    sam.user.save(update_fields=["is_staff"])
    return sam


def basics_post(program: Program, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Riverside Dual Recovery",
        "focus": "both",
        "program": program.pk,
        "audience": ["newcomers"],
        "languages": [english().pk],
        "area": "19103",
        "description": "A small, friendly group for dual recovery.",
    }
    data.update(changes)
    return data


def safety_post(**changes: str) -> dict[str, str]:
    data = {
        "guidelines": str(starter_texts.GUIDELINES),
        "confidentiality_statement": str(starter_texts.CONFIDENTIALITY),
        "inclusivity_statement": str(starter_texts.INCLUSIVITY),
    }
    data.update(changes)
    return data


def formset_post(
    prefix: str, rows: list[dict[str, Any]], *, blank: dict[str, str], extra: int = 2
) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + extra),
        f"{prefix}-INITIAL_FORMS": str(len(rows)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate([*rows, *([blank] * extra)]):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def sections(style: str = "dual_recovery") -> list[dict[str, Any]]:
    return [dict(section) for section in starter_texts.style_sections(style)]


def structure_post(
    rows: list[dict[str, Any]] | None = None, style: str = "dual_recovery"
) -> dict[str, Any]:
    blank = {"part": "", "title": "", "minutes": "", "script": ""}
    rows = sections(style) if rows is None else rows
    return {"style": style, **formset_post("sections", rows, blank=blank)}


LOCAL_LINK = {
    "title": "Riverside Recovery Community Center",
    "url": "https://riverside-recovery.example.org/",
    "kind": "recovery_organisation",
}


def resources_post(links: list[dict[str, str]] | None = None) -> dict[str, Any]:
    blank = {"title": "", "url": "", "kind": ""}
    if links is None:
        links = [
            {"title": r["title"], "url": r["url"], "kind": r["kind"]}
            for r in starter_texts.national_resources()
        ]
        links.append(LOCAL_LINK)
    return formset_post("links", links, blank=blank)


def step_url(draft: GroupDraft, step: str) -> str:
    return reverse("toolkit:draft-step", args=[draft.pk, step])


def flow_complete(
    client: Client, program: Program, *, htmx: bool = False, name: str = ""
) -> Group:
    """Every step posted as a member would, then the group made."""
    headers = HTMX if htmx else {}
    basics = basics_post(program, **({"name": name} if name else {}))
    response = client.post(reverse("toolkit:group-new"), basics, headers=headers)
    assert response.status_code == (200 if htmx else 302), response.content
    draft = GroupDraft.objects.latest("pk")
    for step, data in (
        ("safety", safety_post()),
        ("structure", structure_post()),
        ("team", {"role": "facilitator"}),
        ("resources", resources_post()),
    ):
        response = client.post(step_url(draft, step), data, headers=headers)
        assert response.status_code == (200 if htmx else 302), (step, response.content)
    response = client.post(step_url(draft, "review"), {}, headers=headers)
    assert response.status_code == (200 if htmx else 302), response.content
    return Group.objects.get(name=basics["name"])
