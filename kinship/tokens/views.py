"""The member's tokens page: list, create (the secret is shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kinship.members.access import MemberRequest, member_required

from .forms import TokenForm
from .selectors import tokens_of
from .services import token_create, token_revoke


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def token_list(request: MemberRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    created = secret = None
    if form.is_valid():
        try:
            created, secret = token_create(
                by=request.member, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenForm()  # the secret is in this answer only, never again
    context = {
        "form": form,
        "tokens": list(tokens_of(request.member)),
        "created": created,
        "secret": secret,
        "now": timezone.now(),
    }
    return render(request, "tokens/token_list.html", context)


@require_POST
@never_cache
@member_required
def token_revoke_view(request: MemberRequest, token_id: int) -> HttpResponse:
    token_revoke(by=request.member, token_id=token_id, request=request)
    messages.success(request, _("The token is revoked: it no longer works."))
    return redirect("tokens:list")
