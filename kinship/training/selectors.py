"""Reads about training that other apps rely on."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max

from kinship.members.models import Member

from .models import TrainingModule, TrainingProgress


def course_completed_on(member: Member, course: str) -> dt.datetime | None:
    """When ``member`` completed ``course``: the moment they passed its last
    outstanding current module; ``None`` while any current module is unpassed
    (or the course has no modules)."""
    modules = TrainingModule.objects.filter(course=course, retired=False)
    total = modules.count()
    passed = TrainingProgress.objects.filter(
        member=member, module__in=modules, passed_at__isnull=False
    ).aggregate(count=Count("pk"), last=Max("passed_at"))
    if total == 0 or passed["count"] < total:
        return None
    last: dt.datetime | None = passed["last"]
    return last
