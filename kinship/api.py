"""The JSON API at /api/v1/: each app's router mounted on one NinjaAPI.

The directory is public; the member endpoints need a signed-in session (with
CSRF on writes) or a personal access token (``Authorization: Bearer``). The
committed contract is docs/openapi.json (see the README to regenerate it).
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError

from kinship.attendance.api import router as attendance_router
from kinship.directory.api import router as directory_router
from kinship.matching.api import router as matching_router
from kinship.members.api import router as members_router
from kinship.recovery.api_checkins import router as checkins_router
from kinship.recovery.api_clocks import router as clocks_router

api = NinjaAPI(
    title="Kinship API",
    version="1",
    description=(
        "Public directory of peer support groups and meetings, and the member's "
        "own data: profile, memberships, RSVPs and attendance. Member endpoints "
        "accept a signed-in session (with the CSRF token on writes) or a personal "
        "access token from /me/tokens/ as `Authorization: Bearer <token>`; a read "
        "token may only read. POST endpoints accept an `Idempotency-Key` header."
    ),
    urls_namespace="api",
    # Swagger UI from ninja's own static files; no validator badge from another site.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/", directory_router)
api.add_router("/", matching_router)
api.add_router("/", members_router)
api.add_router("/", attendance_router)
api.add_router("/", checkins_router)
api.add_router("/", clocks_router)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """401 with the reason, and how to authenticate."""
    detail = exc.message
    if detail == "Unauthorized":  # ninja's default: no credentials at all
        detail = _(
            "Sign in, or send a personal access token as "
            "'Authorization: Bearer <token>'."
        )
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="kinship"'
    return response
