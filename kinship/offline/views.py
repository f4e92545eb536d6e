"""The manifest, the service worker and the offline page: for everyone."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from .manifest import web_manifest
from .worker import worker_script


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(
        web_manifest(),
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    patch_cache_control(response, no_cache=True)
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the root, so its scope is the whole site. Its allow-list
    depends on whether the browser is signed in: always checked again."""
    script = worker_script(signed_in=request.user.is_authenticated)
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    patch_cache_control(response, no_cache=True, max_age=0)
    patch_vary_headers(response, ("Cookie",))
    return response


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    """What the worker shows for a page that cannot be reached offline."""
    return render(request, "offline/offline_page.html")
