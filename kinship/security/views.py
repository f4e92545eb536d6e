"""The member's security page: their sign-in record and their live sessions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kinship.members.access import MemberRequest, member_required

from .selectors import EVENTS_SHOWN, security_events_for
from .sessions import sessions_end_everywhere, user_sessions_live


@require_GET
@never_cache
@member_required
def security_me(request: MemberRequest) -> HttpResponse:
    context = {
        "events": security_events_for(user=request.user),
        "events_shown": EVENTS_SHOWN,
        "sessions": user_sessions_live(user=request.user),
        "this_session": request.session.session_key,
    }
    return render(request, "security/security_me.html", context)


@require_POST
@never_cache
@member_required
def sign_out_everywhere(request: MemberRequest) -> HttpResponse:
    sessions_end_everywhere(by=request.member, request=request)
    messages.success(
        request, _("You are signed out on every device, this one included.")
    )
    return redirect("account_login")
