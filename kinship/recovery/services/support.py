"""Support contacts and the one-tap call for support ("I need support")."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import gettext as _

from kinship.core.email import email_enqueue
from kinship.members.models import Member
from kinship.mentorship.selectors import mentor_of
from kinship.notifications.models import NotificationKind
from kinship.notifications.services import notification_send

from ..crisis import crisis_advice_for_contacts
from ..models import HelpRequest, SupportContact
from ..notification_texts import HELP_REQUEST, SUPPORT_ADDED
from ..selectors.support import fellow_members_for

# Enough for everyone a member may want told, few enough not to flood.
SUPPORT_CONTACTS_MAX = 20
# A person already told of a call for support is not told again for this long
# (repeated taps would flood them); the member's page and resources never wait.
HELP_REPEAT_SECONDS = 10 * 60


@transaction.atomic
def support_contact_add(
    *,
    by: Member,
    contact_member: Member | None = None,
    name: str = "",
    email: str = "",
) -> SupportContact:
    """Add a support contact: a fellow member taking part in one of the member's
    groups, or a person outside Kinship by name and email.

    The contact is told, so that their first word from Kinship is not a call
    for help: a fellow member in the app (and by email per their choices), a
    person outside Kinship by a short email in ``by``'s language (the language
    in force: this is their request).

    Raises ``ValidationError`` for anyone else, a duplicate, or too many contacts.
    """
    if SupportContact.objects.filter(member=by).count() >= SUPPORT_CONTACTS_MAX:
        raise ValidationError(
            _("You can have up to %(max)d support contacts. Remove one first.")
            % {"max": SUPPORT_CONTACTS_MAX}
        )
    if contact_member is not None:
        if not fellow_members_for(by).filter(pk=contact_member.pk).exists():
            raise ValidationError(
                _("Choose someone who takes part in one of your groups.")
            )
        contact = SupportContact.objects.create(
            member=by, name=contact_member.display_name, contact_member=contact_member
        )
        notification_send(
            member=contact_member,
            kind=NotificationKind.SUPPORT_ADDED,
            text=SUPPORT_ADDED,
            params={"name": by.display_name},
        )
        return contact
    name, email = name.strip(), email.strip()
    if not name or not email:
        raise ValidationError(_("Give both a name and an email address."))
    if SupportContact.objects.filter(member=by, email__iexact=email).exists():
        raise ValidationError(_("That email address is already one of your contacts."))
    contact = SupportContact.objects.create(member=by, name=name, email=email)
    support_added_email(by=by, contact=contact)
    return contact


def support_added_email(*, by: Member, contact: SupportContact) -> None:
    """Tell a person outside Kinship that ``by`` added them: who (display name
    only), what it means, and how to ask not to be (a word to the member: no
    account, nothing to unsubscribe from). Nothing of ``by``'s address."""
    lines = [
        _("Hello %(contact)s,") % {"contact": contact.name},
        _(
            "%(name)s added you as a support contact in Kinship, a peer support "
            "app. It means you may get an email from Kinship when they ask for "
            "support there. That is all: you need no account, and Kinship sends "
            "you nothing else."
        )
        % {"name": by.display_name},
        _(
            "If you would rather not be told, a word to %(name)s is enough: they "
            "can remove you at any time."
        )
        % {"name": by.display_name},
        _("Thank you for being there for them."),
    ]
    email_enqueue(
        EmailMessage(
            subject=_("Kinship: %(name)s added you as a support contact")
            % {"name": by.display_name},
            body="\n\n".join(lines),
            to=[contact.email],
        )
    )


@transaction.atomic
def support_contact_remove(*, by: Member, contact: SupportContact) -> None:
    """Remove one of the member's own support contacts."""
    if contact.member_id != by.pk:
        raise PermissionDenied
    contact.delete()


@dataclass(frozen=True)
class Told:
    """One person a call for support was for, and whether they were told now."""

    name: str
    how: str
    is_mentor: bool = False
    # False when they were told of a call less than HELP_REPEAT_SECONDS ago.
    now: bool = True


@dataclass(frozen=True)
class HelpOutcome:
    help_request: HelpRequest
    told: list[Told]

    @property
    def told_now(self) -> int:
        return sum(1 for person in self.told if person.now)


def first_time_in_a_while(by: Member, recipient: str) -> bool:
    """Whether the recipient was not told of this member's call for support in
    the last HELP_REPEAT_SECONDS (and note that they are being told now)."""
    return bool(
        cache.add(f"kinship:help-told:{by.pk}:{recipient}", 1, HELP_REPEAT_SECONDS)
    )


def help_notify_member(*, by: Member, recipient: Member, message: str) -> None:
    """A fellow member (or mentor) is told in the app, and by email unless they
    chose otherwise."""
    notification_send(
        member=recipient,
        kind=NotificationKind.HELP_REQUEST,
        text=HELP_REQUEST,
        params={"name": by.display_name, "message": message},
    )


def help_email_outside(*, by: Member, contact: SupportContact, message: str) -> None:
    """A person outside Kinship is told by email; the email names the member's
    display name only, and how they get in touch is up to the two of them."""
    lines = [
        _("Hello %(contact)s,") % {"contact": contact.name},
        _(
            "%(name)s asked for support just now through Kinship, a peer support "
            "app. They chose you as someone to tell when they do."
        )
        % {"name": by.display_name},
    ]
    if message:
        lines.append(_("Their words: “%(message)s”") % {"message": message})
    lines += [
        _(
            "Kinship does not share anyone's contact details: how you reach each "
            "other is up to the two of you, the way you usually do."
        ),
        crisis_advice_for_contacts(),
    ]
    email_enqueue(
        EmailMessage(
            subject=_("Kinship: %(name)s asked for support")
            % {"name": by.display_name},
            body="\n\n".join(lines),
            to=[contact.email],
        )
    )


@transaction.atomic
def help_request_create(*, by: Member, message: str = "") -> HelpOutcome:
    """Record a call for support and tell the member's active mentor and each
    support contact: fellow members in the app (and by email per their choices),
    people outside Kinship by email.

    Never refused: someone already told in the last HELP_REPEAT_SECONDS is not
    told again, and the outcome says so.
    """
    message = message.strip()[:500]
    help_request = HelpRequest.objects.create(member=by, message=message)
    told: list[Told] = []
    members_told: set[int] = set()
    in_app = _("in Kinship")
    mentor = mentor_of(by)
    if mentor is not None:
        members_told.add(mentor.pk)
        now = first_time_in_a_while(by, f"member:{mentor.pk}")
        if now:
            help_notify_member(by=by, recipient=mentor, message=message)
        told.append(Told(mentor.display_name, in_app, is_mentor=True, now=now))
    for contact in SupportContact.objects.filter(member=by).select_related(
        "contact_member"
    ):
        fellow = contact.contact_member
        if fellow is not None:
            if fellow.pk in members_told:
                continue
            members_told.add(fellow.pk)
            now = first_time_in_a_while(by, f"member:{fellow.pk}")
            if now:
                help_notify_member(by=by, recipient=fellow, message=message)
            told.append(Told(fellow.display_name, in_app, now=now))
        else:
            now = first_time_in_a_while(by, f"email:{contact.email.lower()}")
            if now:
                help_email_outside(by=by, contact=contact, message=message)
            told.append(Told(contact.name, _("by email"), now=now))
    outcome = HelpOutcome(help_request=help_request, told=told)
    help_request.notified = outcome.told_now
    help_request.save(update_fields=["notified"])
    return outcome
