"""The site's name and address: the Site row follows the settings after every
migrate, system checks warn when it does not, and the default address follows
the port the server is run on (``make run PORT=...``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command

from kinship.core.checks import site_row_check, site_url_check, site_url_deploy_check

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_the_site_row_holds_the_settings_name_and_domain(settings: Any) -> None:
    site = Site.objects.get_current()
    assert site.name == settings.KINSHIP_SITE_NAME == "Kinship"
    assert site.domain == settings.KINSHIP_SITE_URL.split("://")[1]
    assert site.name != "example.com"
    assert site_row_check(None, databases=["default"]) == []


@pytest.mark.django_db
def test_migrate_writes_changed_settings_into_the_site_row(settings: Any) -> None:
    settings.KINSHIP_SITE_NAME = "Harbor Peers"
    settings.KINSHIP_SITE_URL = "https://peers.example.org"
    [warning] = site_row_check(None, databases=["default"])
    assert warning.id == "kinship.W001"

    call_command("migrate", verbosity=0)

    site = Site.objects.get_current()
    assert (site.name, site.domain) == ("Harbor Peers", "peers.example.org")
    assert site_row_check(None, databases=["default"]) == []


@pytest.mark.parametrize(
    ("url", "ids"),
    [
        ("https://peers.example.org", []),
        ("http://127.0.0.1:9000", []),
        ("peers.example.org", ["kinship.E001"]),
        ("https://peers.example.org/kinship", ["kinship.E001"]),
        ("ftp://peers.example.org", ["kinship.E001"]),
    ],
)
def test_the_site_url_must_be_an_absolute_http_address(
    settings: Any, url: str, ids: list[str]
) -> None:
    settings.KINSHIP_SITE_URL = url
    assert [message.id for message in site_url_check(None)] == ids


def test_a_loopback_site_url_is_a_deploy_warning(settings: Any) -> None:
    settings.KINSHIP_SITE_URL = "http://127.0.0.1:8000"
    assert [m.id for m in site_url_deploy_check(None)] == ["kinship.W002"]
    settings.KINSHIP_SITE_URL = "https://peers.example.org"
    assert site_url_deploy_check(None) == []


def _settings_site_url(**env: str) -> str:
    clean = {
        k: v for k, v in os.environ.items() if k not in ("PORT", "KINSHIP_SITE_URL")
    }
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import kinship.settings as s; print(s.KINSHIP_SITE_URL)",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_the_default_site_url_follows_the_served_port() -> None:
    assert _settings_site_url() == "http://127.0.0.1:8000"
    assert _settings_site_url(PORT="9123") == "http://127.0.0.1:9123"
    given = _settings_site_url(PORT="9123", KINSHIP_SITE_URL="https://x.example.org/")
    assert given == "https://x.example.org"


def _make_site_url(*args: str, **env: str) -> str:
    clean = {
        k: v for k, v in os.environ.items() if k not in ("PORT", "KINSHIP_SITE_URL")
    }
    make = shutil.which("make")
    assert make, "make is needed, as for make run"
    done = subprocess.run(  # noqa: S603 (a fixed command)
        [
            make,
            "--no-print-directory",
            "--eval",
            "peek: ; @echo $$KINSHIP_SITE_URL",
            "peek",
            *args,
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_make_passes_the_site_url_from_port_to_the_server_and_worker() -> None:
    assert _make_site_url() == "http://127.0.0.1:8000"
    assert _make_site_url("PORT=9123") == "http://127.0.0.1:9123"
    assert _make_site_url(PORT="7000") == "http://127.0.0.1:7000"
    given = _make_site_url("PORT=9123", KINSHIP_SITE_URL="https://x.example.org")
    assert given == "https://x.example.org"
