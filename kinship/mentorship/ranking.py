"""Mentor matching: the mentors a member may ask, ranked, each with its reasons.

Only mentors who take mentees now are candidates (``mentors_available``: active,
eligible, a free place, not the seeker, no open mentorship with them). A gender
the seeker asks for is honoured: only mentors who stated that gender remain.
The rest is a score: the sum of ``WEIGHTS`` over what the two have in common.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinship.directory.models import Focus, Group, Language, Program
from kinship.directory.names import by_name
from kinship.members.models import Member, Membership

from .models import AVAILABILITY_CHOICES, MentorProfile, availability_label
from .selectors import mentors_available

# What each thing in common is worth. One table, so the ranking reads at a glance:
# a shared language matters most (they have to talk), then the same focus.
WEIGHTS: dict[str, float] = {
    "language": 4.0,  # each language both speak
    "focus": 3.0,  # the same recovery focus
    "program": 2.0,  # each program both know
    "group": 2.0,  # each group both are in
    "availability": 1.0,  # each weekday x part of day both are free
    "free_places": 2.0,  # times the share of the mentor's places still free
}
# More shared slots than this add nothing: a few good times are enough.
AVAILABILITY_COUNTED_MAX = 4


@dataclass(frozen=True)
class Wishes:
    """What the seeker asks for (all optional)."""

    focus: str = ""
    programs: tuple[Program, ...] = ()
    languages: tuple[Language, ...] = ()
    availability: tuple[str, ...] = ()
    gender: str = ""


@dataclass
class Candidate:
    profile: MentorProfile
    name: str
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    free: int = 0


def _slots_in_order(slots: Iterable[str]) -> list[str]:
    wanted = set(slots)
    return [value for value, _label in AVAILABILITY_CHOICES if value in wanted]


def _shared_groups(
    seeker: Member, mentors: list[MentorProfile]
) -> dict[int, list[Group]]:
    """For each mentor's member id, the groups they share with the seeker."""
    seeker_groups = Membership.objects.filter(member=seeker).values("group_id")
    rows = (
        Membership.objects.filter(
            member_id__in=[profile.member_id for profile in mentors],
            group_id__in=seeker_groups,
        )
        .select_related("group")
        .order_by("group__name", "pk")
    )
    shared: dict[int, list[Group]] = {}
    for row in rows:
        shared.setdefault(row.member_id, []).append(row.group)
    return shared


def _score(candidate: Candidate, wishes: Wishes, groups: list[Group]) -> None:
    profile = candidate.profile
    taken = int(getattr(profile, "taken", 0))
    candidate.free = profile.capacity - taken
    reasons = candidate.reasons
    languages = [lang for lang in profile.languages.all() if lang in wishes.languages]
    if languages:
        candidate.score += WEIGHTS["language"] * len(languages)
        names = ", ".join(str(lang) for lang in by_name(languages))
        reasons.append(_("Speaks %(languages)s") % {"languages": names})
    if wishes.focus and profile.focus == wishes.focus:
        candidate.score += WEIGHTS["focus"]
        label = dict(Focus.choices)[profile.focus]
        reasons.append(_("Same focus: %(focus)s") % {"focus": label})
    programs = [p for p in profile.programs.all() if p in wishes.programs]
    if programs:
        candidate.score += WEIGHTS["program"] * len(programs)
        names = ", ".join(str(program) for program in by_name(programs))
        reasons.append(_("Knows %(programs)s") % {"programs": names})
    slots = _slots_in_order(set(profile.availability) & set(wishes.availability))
    if slots:
        counted = min(len(slots), AVAILABILITY_COUNTED_MAX)
        candidate.score += WEIGHTS["availability"] * counted
        times = ", ".join(availability_label(slot, in_a_phrase=True) for slot in slots)
        reasons.append(_("Shares your %(times)s") % {"times": times})
    if groups:
        candidate.score += WEIGHTS["group"] * len(groups)
        names = ", ".join(group.name for group in groups)
        reasons.append(_("Both in %(groups)s") % {"groups": names})
    candidate.score += WEIGHTS["free_places"] * candidate.free / profile.capacity
    reasons.append(
        ngettext(
            "%(free)d of %(capacity)d place free",
            "%(free)d of %(capacity)d places free",
            profile.capacity,
        )
        % {"free": candidate.free, "capacity": profile.capacity}
    )


def mentor_candidates(*, seeker: Member, wishes: Wishes) -> list[Candidate]:
    """The mentors ``seeker`` may ask, best match first, each with the reasons of
    its rank. A stated gender wish removes every mentor of another (or unstated)
    gender. Ties go to more free places, then by name."""
    mentors = mentors_available(seeker=seeker)
    if wishes.gender:
        mentors = [profile for profile in mentors if profile.gender == wishes.gender]
    shared = _shared_groups(seeker, mentors)
    candidates = []
    for profile in mentors:
        candidate = Candidate(profile=profile, name=profile.member.display_name)
        _score(candidate, wishes, shared.get(profile.member_id, []))
        candidates.append(candidate)
    candidates.sort(key=lambda c: (-c.score, -c.free, c.name, c.profile.pk))
    return candidates
