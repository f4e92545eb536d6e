"""The member's own pages: profile (/me/), export of their data, account deletion."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from kinship.core.when import in_zone

from .access import MemberRequest, member_required, request_member
from .forms import AccountDeleteForm, ProfileForm, warn_about_display_name
from .models import Member
from .profile import (
    AccountError,
    member_delete,
    member_export,
    member_language_set,
    member_update,
)
from .selectors import groups_led_alone


def _profile_initial(member: Member) -> dict[str, object]:
    return {
        "display_name": member.display_name,
        "focus": member.focus,
        "languages": list(member.languages.all()),
        "timezone": member.timezone,
        "roster_name": member.roster_name,
        "language": member.language,
    }


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def profile(request: MemberRequest) -> HttpResponse:
    if request.method == "GET":
        form = ProfileForm(initial=_profile_initial(request.member))
        return render(request, "members/profile_form.html", {"form": form})
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            member = member_update(by=request.member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if member.language:  # the message is read on the next page
                translation.activate(member.language)
            messages.success(request, _("Your profile is saved."))
            warn_about_display_name(request, form.cleaned_data["display_name"])
            return redirect("members:profile")
    return render(request, "members/profile_form.html", {"form": form})


def _csrf_passes(request: HttpRequest) -> bool:
    """Whether the post carries a valid CSRF token (the check the middleware
    makes, asked of it directly because this view is exempt)."""
    check = CsrfViewMiddleware(HttpResponse)
    return check.process_view(request, HttpResponse, (), {}) is None


@csrf_exempt
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """The language switcher on every page (a plain form: no script needed).

    Django's ``set_language`` sets the language cookie and sends the reader
    back to ``next`` (a path on this site only). A signed-in member's choice is
    also saved on their profile, so notifications and email follow it; that
    write needs the CSRF token their pages carry. A visitor's form has none:
    public pages set no cookie until asked, and a forged post can do no more
    than set a visitor's language cookie.
    """
    response = set_language(request)
    chosen = request.POST.get("language", "")
    member = request_member(request)
    if (
        member is not None
        and chosen in dict(settings.LANGUAGES)
        and _csrf_passes(request)
    ):
        member_language_set(by=member, language=chosen)
    return response


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def export(request: MemberRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "members/profile_export.html")
    data = json.dumps(member_export(request.member), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    # The member's own date: a late-evening export is not named after tomorrow.
    day = in_zone(timezone.now(), request.member.timezone).date()
    filename = f"kinship-export-{day:%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def delete(request: MemberRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_delete(by=request.member, password=form.cleaned_data["password"])
        except AccountError as error:
            form.add_error("password", str(error))
        else:
            logout(request)
            messages.success(request, _("Your account and your data are deleted."))
            return redirect("directory:home")
    context = {"form": form, "led_alone": groups_led_alone(request.member)}
    return render(request, "members/profile_delete.html", context)
