"""The API contract: the committed OpenAPI snapshot, and Schemathesis against a live
server over every operation, without credentials and with a token of alex's.

Regenerate the snapshot after a deliberate API change with:

    .venv/bin/python manage.py export_openapi_schema --api kinship.api.api \\
        --output docs/openapi.json --indent 2 --sorted
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder
from pytest_django.live_server_helper import LiveServer
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kinship.api import api
from kinship.members.tests.personas import Cast, cast_create
from kinship.tokens.tests.helpers import token_for

SNAPSHOT = Path(django_settings.BASE_DIR) / "docs" / "openapi.json"
REGENERATE = (
    ".venv/bin/python manage.py export_openapi_schema --api kinship.api.api "
    "--output docs/openapi.json --indent 2 --sorted"
)


def current_schema() -> dict[str, Any]:
    """The API's schema as JSON (what /api/v1/openapi.json serves)."""
    loaded: dict[str, Any] = json.loads(
        json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder)
    )
    return loaded


@pytest.mark.django_db
def test_the_api_matches_the_committed_snapshot() -> None:
    committed = json.loads(SNAPSHOT.read_text())
    assert committed == current_schema(), (
        f"The API differs from {SNAPSHOT.name}. If the change is deliberate, "
        f"regenerate the snapshot with `{REGENERATE}` and commit it."
    )


# Schemathesis: deterministic and small enough for every test run.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CONFIG = {
    "seed": 20260707,
    "generation": {"max-examples": 25, "deterministic": True, "database": "none"},
    "phases": {"stateful": {"enabled": False}},
}


# Loaded from the API itself, so the run covers every operation even before the
# snapshot is regenerated; the live server's address is given to each call.
api_schema = schemathesis.openapi.from_dict(
    current_schema(), config=schemathesis.Config.from_dict(CONFIG)
)


@pytest.fixture
def alex_token(transactional_db: None) -> str:
    """alex, with the cast's group and meeting, and a read and write token."""
    cast: Cast = cast_create()
    return token_for(cast.alex)


@api_schema.parametrize()
@settings(
    # The server and the token stay the same across generated cases, on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    deadline=None,
)
def test_every_operation_without_credentials(
    case: Any, live_server: LiveServer, alex_token: str
) -> None:
    case.call_and_validate(base_url=live_server.url, checks=CHECKS)


@api_schema.parametrize()
@settings(
    # The server and the token stay the same across generated cases, on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    deadline=None,
)
def test_every_operation_with_alex_token(
    case: Any, live_server: LiveServer, alex_token: str
) -> None:
    case.call_and_validate(
        base_url=live_server.url,
        headers={"Authorization": f"Bearer {alex_token}"},
        checks=CHECKS,
    )
