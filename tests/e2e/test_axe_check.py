"""The accessibility check itself must be able to fail."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import axe_check

INACCESSIBLE_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Bad</title></head>
<body><main><h1>Bad page</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input type="text" name="unlabelled">
<p style="color:#bbb;background:#fff">Pale text on white</p>
</main></body></html>"""


def test_axe_check_fails_on_serious_violations(page: Page) -> None:
    page.set_content(INACCESSIBLE_PAGE)
    with pytest.raises(pytest.fail.Exception) as failure:
        axe_check(page)
    message = str(failure.value)
    for rule in ("image-alt", "label", "color-contrast"):
        assert f"- {rule} (" in message, message
