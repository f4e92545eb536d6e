"""Training for mentors and facilitators: modules with a short knowledge check,
and each member's progress with dated completions.

A course is the ordered set of modules of one ``Course``; a member has
completed a course on the day they passed its last outstanding module
(``selectors.course_completed_on``). Mentor eligibility and the "facilitator
trained" quality signal read that date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kinship.members.models import Member

from .loading import TRANSLATED_FIELDS, questions_mismatch


class Course(models.TextChoices):
    MENTOR = "mentor", _("Mentor training")
    FACILITATOR = "facilitator", _("Facilitator training")


@dataclass(frozen=True)
class ModuleText:
    """The words of a module in one language."""

    title: str
    summary: str
    content: str
    questions: list[dict[str, Any]]


class TrainingModule(models.Model):
    """One lesson of a course: its text and a short knowledge check.

    ``questions`` is a list of ``{"prompt": str, "choices": [str, ...],
    "answer": int}`` (the index of the right choice); a module is passed when
    every question is answered right. Grading always reads these.

    ``translations`` holds the module's words in other languages, from the
    translation files (``{"es": {"title", "summary", "content", "questions"}}``);
    ``text`` is what a reader sees, in the language in force.
    """

    course = models.CharField(_("course"), max_length=16, choices=Course.choices)
    slug = models.SlugField(_("slug"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=160)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    content = models.TextField(_("content"))
    questions = models.JSONField(_("knowledge check"), default=list)
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("Loaded from the translation files of the course."),
    )
    retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("Retired modules no longer count towards completing a course."),
    )

    class Meta:
        ordering = ["course", "position"]
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "slug"], name="training_module_slug_per_course"
            ),
            models.CheckConstraint(
                condition=Q(course__in=Course.values), name="training_module_course"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_course_display()}: {self.title}"

    def text_in(self, language: str | None) -> ModuleText:
        """The module's words in ``language`` (``es`` or ``es-mx`` alike) when a
        translation that fits its knowledge check exists, English otherwise."""
        english = ModuleText(self.title, self.summary, self.content, self.questions)
        if not language:
            return english
        translations = self.translations if isinstance(self.translations, dict) else {}
        found = translations.get(language) or translations.get(language.split("-")[0])
        if not isinstance(found, dict) or not all(
            name in found for name in TRANSLATED_FIELDS
        ):
            return english
        # An admin may have changed the English check since the files were
        # loaded: a translation that would no longer grade the same is not shown.
        if questions_mismatch(self.questions, found["questions"]):
            return english
        return ModuleText(
            found["title"], found["summary"], found["content"], found["questions"]
        )

    @property
    def text(self) -> ModuleText:
        """The module's words in the language in force."""
        return self.text_in(get_language())


class TrainingProgress(models.Model):
    """A member's progress through one module; ``passed_at`` once passed."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="training_progress"
    )
    module = models.ForeignKey(
        TrainingModule, on_delete=models.CASCADE, related_name="progress"
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    passed_at = models.DateTimeField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("training progress")
        verbose_name_plural = _("training progress")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "module"], name="training_progress_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} - {self.module}"
