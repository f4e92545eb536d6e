"""Reads about training: a member's own progress (only ever the signed-in
member's), the modules that count, and the dates other apps rely on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from kinship.directory.models import Group
from kinship.members.models import Level, Member, Membership

from .models import Course, TrainingModule, TrainingProgress


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


def modules_current(course: str | None = None) -> QuerySet[TrainingModule]:
    """The modules that count, in course order (one course, or both)."""
    modules = TrainingModule.objects.filter(retired=False)
    if course is not None:
        modules = modules.filter(course=course)
    return modules.order_by("course", "position", "pk")


def access_module(course: str, slug: str) -> TrainingModule:
    """A current module of a course; an unknown course or slug, or a retired
    module, is a 404."""
    module = TrainingModule.objects.filter(
        course=course, slug=slug, retired=False
    ).first()
    if module is None:
        raise Http404("No such training module")
    return module


def progress_of(member: Member, module: TrainingModule) -> TrainingProgress | None:
    """The member's own progress on one module, if they have tried it."""
    return TrainingProgress.objects.filter(member=member, module=module).first()


@dataclass(frozen=True)
class ModuleStatus:
    """One module and where the member stands with it."""

    module: TrainingModule
    progress: TrainingProgress | None

    @property
    def passed_at(self) -> dt.datetime | None:
        return self.progress.passed_at if self.progress else None

    @property
    def attempts(self) -> int:
        return self.progress.attempts if self.progress else 0


@dataclass(frozen=True)
class CourseProgress:
    """A member's progress through one course: each current module's status,
    and the completion date (the same rule as ``course_completed_on``)."""

    course: str
    label: str
    modules: list[ModuleStatus]

    @property
    def total(self) -> int:
        return len(self.modules)

    @property
    def passed(self) -> list[ModuleStatus]:
        return [status for status in self.modules if status.passed_at is not None]

    @property
    def completed_on(self) -> dt.datetime | None:
        dates = [status.passed_at for status in self.modules]
        if not dates or None in dates:
            return None
        return max(date for date in dates if date is not None)

    @property
    def next_module(self) -> TrainingModule | None:
        for status in self.modules:
            if status.passed_at is None:
                return status.module
        return None


def courses_progress(member: Member, course: str | None = None) -> list[CourseProgress]:
    """The member's own progress through every course (or one), in two queries
    whatever the number of modules."""
    modules = list(modules_current(course))
    progress = {
        row.module_id: row
        for row in TrainingProgress.objects.filter(
            member=member, module__in=[module.pk for module in modules]
        )
    }
    courses = [course] if course is not None else list(Course.values)
    return [
        CourseProgress(
            course=value,
            label=str(Course(value).label),
            modules=[
                ModuleStatus(module, progress.get(module.pk))
                for module in modules
                if module.course == value
            ],
        )
        for value in courses
    ]


def group_facilitator_trained(group: Group) -> bool | None:
    """Whether a current leader of ``group`` has completed the facilitator
    course: True if one has, False if it has leaders and none has, None if it
    has no leaders on Kinship (nothing to record). One query."""
    current = TrainingModule.objects.filter(
        course=Course.FACILITATOR, retired=False
    ).order_by()
    total = current.values("course").annotate(n=Count("pk")).values("n")
    passed = (
        TrainingProgress.objects.filter(
            member=OuterRef("member"),
            module__in=current,
            passed_at__isnull=False,
        )
        .order_by()
        .values("member")
        .annotate(n=Count("pk"))
        .values("n")
    )
    leaders = list(
        Membership.objects.filter(group=group, level=Level.LEADER)
        .annotate(
            passed=Coalesce(Subquery(passed), 0),
            total=Coalesce(Subquery(total), 0),
        )
        .values_list("passed", "total")
    )
    if not leaders:
        return None
    return any(total > 0 and passed >= total for passed, total in leaders)
