"""Crisis and safety resources, read from the one data file that holds them."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings


@dataclass(frozen=True)
class Resource:
    """One helpline: its name, how to reach it, and what it is for."""

    name: str
    how: str
    purpose: str


@dataclass(frozen=True)
class Region:
    """The helplines of one country or group of countries."""

    name: str
    code: str
    resources: tuple[Resource, ...]


def resources_path() -> Path:
    return Path(settings.CONTENT_DIR) / "safety" / "crisis-resources.yaml"


@cache
def crisis_regions() -> tuple[Region, ...]:
    """Every region's helplines, in the file's order. The file is static, so read it once."""
    data = yaml.safe_load(resources_path().read_text(encoding="utf-8"))
    return tuple(
        Region(
            name=region["region"],
            code=region["code"],
            resources=tuple(
                Resource(name=item["name"], how=item["how"], purpose=item["for"])
                for item in region["resources"]
            ),
        )
        for region in data["regions"]
    )
