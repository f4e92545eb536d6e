"""The member's sharing with clinics: what they share with whom, the consent
screen, revoking, and who looked at their data (``/me/sharing/``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.http import first_error
from kinship.members.access import MemberRequest, member_required

from .consents import (
    access_referring_organisation,
    accesses_of,
    consent_grant,
    consent_live,
    consent_revoke,
    consents_of,
    organisations_referring,
)
from .forms import ConsentForm


@require_GET
@never_cache
@member_required
def sharing(request: MemberRequest) -> HttpResponse:
    member = request.member
    organisations = [
        (organisation, consent_live(member, organisation))
        for organisation in organisations_referring(member)
    ]
    context = {
        "organisations": organisations,
        "consents": consents_of(member),
        "accesses": accesses_of(member),
    }
    return render(request, "care/sharing.html", context)


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def consent_new(request: MemberRequest, org_slug: str) -> HttpResponse:
    organisation = access_referring_organisation(request.member, org_slug)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            consent_grant(
                by=request.member, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, first_error(error))
        else:
            messages.success(
                request,
                _("You now share with %(organisation)s.")
                % {"organisation": organisation.name},
            )
            return redirect("care:sharing")
    context = {"organisation": organisation, "form": form}
    status = 400 if form.errors else 200
    return render(request, "care/consent_new.html", context, status=status)


@require_POST
@member_required
def consent_end(request: MemberRequest, consent_id: int) -> HttpResponse:
    try:
        consent = consent_revoke(by=request.member, consent_id=consent_id)
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(
            request,
            _("Sharing with %(organisation)s has ended. They see nothing from now on.")
            % {"organisation": consent.organisation.name},
        )
    return redirect("care:sharing")
