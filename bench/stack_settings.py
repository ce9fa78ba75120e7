"""Attune's own settings and middleware with a one-view URLconf: Django's cost inside our stack.

bench/load.py serves this beside Attune and the bare hello app, so a reader can tell what the
framework and middleware cost apart from what Attune's pages do.
"""

from attune.settings import *  # noqa: F403 - the same settings, on purpose

ROOT_URLCONF = "bench.stack_urls"
