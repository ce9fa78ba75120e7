"""Safety basics on every page, the crisis resources, and settings that fail safe."""

import os
import subprocess
import sys
from collections.abc import Callable

import pytest
import yaml
from django.test import Client

from attune.accounts.models import User
from tests.cast import REPO, text_of

PAGES = [
    "/",
    "/safety/",
    "/safety/quick-exit/",
    "/journeys/",
    "/accounts/login/",
    "/accounts/signup/",
]
SIGNED_IN_PAGES = ["/today/", "/partner/", "/account/", "/journeys/attachment-healing/"]


def assert_safety_basics(html: str) -> None:
    assert 'id="quick-exit"' in html
    assert 'rel="noreferrer noopener"' in html
    # Quick exit comes before everything else in the keyboard order.
    assert html.index('id="quick-exit"') < html.index('class="skip-link"') < html.index("<main")
    assert 'href="/safety/"' in html
    assert "Attune is not therapy and not for emergencies" in html


@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_carries_the_safety_basics(db: None, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    assert_safety_basics(text_of(response))
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_every_signed_in_page_carries_the_safety_basics(
    alice: User, client_for: Callable[[User | None], Client], path: str, journey_content: None
) -> None:
    assert_safety_basics(text_of(client_for(alice).get(path)))


def test_the_resources_page_lists_every_number_in_the_data_file(db: None) -> None:
    data = yaml.safe_load((REPO / "content" / "safety" / "crisis-resources.yaml").read_text())
    page = text_of(Client().get("/safety/"))
    for region in data["regions"]:
        assert region["region"] in page
        for resource in region["resources"]:
            assert resource["name"] in page and resource["how"] in page
    assert "988" in page and "116 123" in page and "13 11 14" in page


def test_quick_exit_page_is_honest_about_its_limits(db: None) -> None:
    page = text_of(Client().get("/safety/quick-exit/"))
    assert "Browser history" in page and "monitored device" in page


def django(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_placeholder_secret() -> None:
    result = django({"DEBUG": "0"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY is the development placeholder" in result.stderr


def test_production_settings_pass_the_deploy_check() -> None:
    result = django(
        {
            "DEBUG": "0",
            "SECRET_KEY": "x" * 60 + "-a-real-random-key",
            "ALLOWED_HOSTS": "attune.example",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_database_url() -> None:
    from attune.settings import database_from_url

    postgres = database_from_url("postgres://ann:s%40fe@db.example:6543/attune?sslmode=require")
    assert postgres["ENGINE"] == "django.db.backends.postgresql"
    assert (postgres["USER"], postgres["PASSWORD"], postgres["HOST"], postgres["PORT"]) == (
        "ann",
        "s@fe",
        "db.example",
        "6543",
    )
    assert postgres["OPTIONS"] == {"sslmode": "require"}
    assert database_from_url("sqlite:////tmp/a.sqlite3")["NAME"] == "/tmp/a.sqlite3"
