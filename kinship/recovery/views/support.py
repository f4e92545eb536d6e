"""Pages of the recovery tools: support contacts and "I need support".

The help pages answer everyone, signed in or not, with the crisis resources:
nothing (a visitor's session, a throttle, a failed notification) stands between
a person and those numbers.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.members.access import MemberRequest, member_required, request_member
from kinship.mentorship.selectors import mentor_of

from ..forms.support import FellowContactForm, HelpRequestForm, OutsideContactForm
from ..selectors.support import (
    access_support_contact,
    fellow_members_for,
    support_contacts_for,
)
from ..services.support import (
    HelpOutcome,
    help_request_create,
    support_contact_add,
    support_contact_remove,
)

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def support_contacts(request: MemberRequest) -> HttpResponse:
    posted = request.POST.get("add") if request.method == "POST" else None
    fellow_form = FellowContactForm(
        request.POST if posted == "fellow" else None,
        fellows=fellow_members_for(request.member),
    )
    outside_form = OutsideContactForm(
        request.POST if request.method == "POST" and posted != "fellow" else None
    )
    form = fellow_form if posted == "fellow" else outside_form
    if request.method == "POST" and form.is_valid():
        try:
            contact = support_contact_add(by=request.member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is one of your support contacts now.")
                % {"name": contact.name},
            )
            return redirect("recovery:support")
    context = {
        "contacts": support_contacts_for(request.member),
        "mentor": mentor_of(request.member),
        "fellow_form": fellow_form,
        "outside_form": outside_form,
    }
    return render(request, "recovery/support_contacts.html", context)


@require_POST
@never_cache
@member_required
def support_contact_delete(request: MemberRequest, contact_id: int) -> HttpResponse:
    contact = access_support_contact(request.member, contact_id)
    support_contact_remove(by=request.member, contact=contact)
    messages.success(
        request,
        _("%(name)s is no longer one of your support contacts.")
        % {"name": contact.name},
    )
    return redirect("recovery:support")


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "recovery/help_page.html", {"form": HelpRequestForm()})


@require_GET
@never_cache
def help_now(request: HttpRequest) -> HttpResponse:
    """The crisis resources, for everyone; the button too for members."""
    return help_page(request)


@require_http_methods(["GET", "POST"])
@never_cache
def help_request(request: HttpRequest) -> HttpResponse:
    """ "I need support": tell the member's mentor and contacts, then show who was
    told, always under the crisis resources."""
    member = request_member(request)
    if request.method != "POST" or member is None:
        return help_page(request)
    form = HelpRequestForm(request.POST)
    # Words too long are cut short by the service, never a reason to refuse.
    text = form.cleaned_data["message"] if form.is_valid() else ""
    text = text or str(request.POST.get("message", ""))
    outcome: HelpOutcome | None = None
    try:
        outcome = help_request_create(by=member, message=text)
    except Exception as error:
        # The resources still show, with a word that no one could be told. The
        # log names the error only (its text may hold private data).
        logger.error("call for support not recorded: %s", type(error).__name__)
    return render(request, "recovery/help_sent.html", {"outcome": outcome})


urlpatterns: list[URLPattern] = [
    path("help/", help_now, name="help"),
    path("me/support/", support_contacts, name="support"),
    path("me/support/help/", help_request, name="help-request"),
    path(
        "me/support/<int:contact_id>/remove/",
        support_contact_delete,
        name="support-remove",
    ),
]
