from __future__ import annotations

from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_GET

from kinship.directory.models import Program

from .export import meeting_guide_chunks, meetings_for_export


@require_GET
def meetings_json(request: HttpRequest) -> StreamingHttpResponse:
    """The public directory as a Meeting Guide feed; ``?program=aa`` for one."""
    program = request.GET.get("program", "")
    if program and not Program.objects.filter(code=program).exists():
        raise Http404("No such program")
    base_url = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        meeting_guide_chunks(meetings_for_export(program or None), base_url=base_url),
        content_type="application/json; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response
