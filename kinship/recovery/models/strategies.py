"""Coping strategies members write and share, and each member's notebook."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinship.directory.models import Group
from kinship.members.models import Member

from ..starter_content import strategy_text, tag_label


class StrategyTag(models.Model):
    """What a strategy helps with: trigger, craving, stress, sleep, social, ...

    ``label`` is English; ``display_label`` is the label in the language in
    force (from the starter texts' files), English when it has none.
    """

    slug = models.SlugField(_("code"), max_length=32, unique=True)
    label = models.CharField(_("label"), max_length=60)

    class Meta:
        ordering = ["label"]
        verbose_name = _("strategy tag")
        verbose_name_plural = _("strategy tags")

    def __str__(self) -> str:
        return self.label

    @property
    def display_label(self) -> str:
        return tag_label(self.slug) or self.label


class StrategyScope(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    GROUP = "group", _("One of my groups")


class Strategy(models.Model):
    """A practical way to handle a trigger, a craving or stress.

    ``member`` is the author; starter strategies written by the project have none.
    A group-only strategy is seen by that group's members only.

    A starter strategy has a stable ``starter_key``: its words in other
    languages are found by it (``starter_content``), and ``display_title`` and
    ``display_body`` are what a reader sees in the language in force. A
    member's strategy is their own words and is always shown as written.
    """

    member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="strategies",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("how it works"), max_length=4000)
    tags = models.ManyToManyField(
        StrategyTag, related_name="strategies", blank=True, verbose_name=_("tags")
    )
    scope = models.CharField(
        _("who can see it"),
        max_length=8,
        choices=StrategyScope.choices,
        default=StrategyScope.PUBLIC,
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="strategies",
        verbose_name=_("group"),
    )
    starter = models.BooleanField(_("starter strategy"), default=False)
    starter_key = models.SlugField(
        _("starter key"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The stable name of a starter strategy, for its translations."),
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    updated_at = models.DateTimeField(_("edited"), default=timezone.now)
    removed_at = models.DateTimeField(
        pgettext_lazy("date field", "removed"), null=True, blank=True
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="public", group__isnull=True)
                | Q(scope="group", group__isnull=False),
                name="strategy_group_scope",
            ),
            models.CheckConstraint(
                condition=Q(starter_key__isnull=True) | Q(starter=True),
                name="strategy_starter_key_only_for_starters",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        text = strategy_text(self.starter_key)
        return text.title if text else self.title

    @property
    def display_body(self) -> str:
        text = strategy_text(self.starter_key)
        return text.body if text else self.body


class StrategyHelped(models.Model):
    """ "This helped me": one mark per member per strategy."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="strategies_helped"
    )
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="helped"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("helped mark")
        verbose_name_plural = _("helped marks")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "strategy"], name="strategy_helped_once"
            ),
        ]

    def __str__(self) -> str:
        return f"helped: {self.strategy}"


class NotebookEntry(models.Model):
    """A strategy saved in the member's notebook, with their own private note."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="notebook"
    )
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="notebook_entries"
    )
    note = models.TextField(_("my note"), max_length=2000, blank=True)
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["-saved_at", "-pk"]
        verbose_name = _("notebook entry")
        verbose_name_plural = _("notebook entries")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "strategy"], name="notebook_once_per_strategy"
            ),
        ]

    def __str__(self) -> str:
        return f"notebook: {self.strategy}"
