"""Site-wide views: the health check and the living style page."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .forms import StyleguideForm

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def styleguide(request: HttpRequest) -> HttpResponse:
    """The living style page: every component with its class names. Staff only
    (anyone while DEBUG is on); everyone else gets a 404."""
    user = request.user
    if not (settings.DEBUG or (user.is_authenticated and user.is_staff)):
        raise Http404("No such page")
    form = StyleguideForm(initial={"craving": 3, "mood": 4, "tags": ["sleep"]})
    return render(request, "core/styleguide.html", {"form": form})
