"""A person's account: e-mail login, a display name and the time zone their days follow."""

import zoneinfo
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA time zone name, for the account form."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def name_for(*, display_name: str, email: str) -> str:
    """The name shown for a person: the one they chose, else the start of their address."""
    return display_name or email.split("@", 1)[0]


class UserManager(BaseUserManager["User"]):
    """Creates users by e-mail; Attune has no usernames."""

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """One person. Partners are always two separate accounts."""

    username = None  # type: ignore[assignment]  # e-mail is the login
    first_name = None  # type: ignore[assignment]  # one display name instead of name parts
    last_name = None  # type: ignore[assignment]
    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField(
        max_length=60,
        blank=True,
        help_text="What Attune and your partner call you. Leave empty to use your e-mail.",
    )
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        help_text="Your days in Attune begin at midnight here.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[assignment,misc]  # e-mail based, no usernames

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name shown to the person and, if linked, to their partner."""
        return name_for(display_name=self.display_name, email=self.email)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The person's time zone, falling back to UTC for a name the system no longer knows."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")
