"""Time one page in-process, and optionally profile it: where does a request's time go?

    .venv/bin/python -m bench.profile_page /today/ --signed-in
    .venv/bin/python -m bench.profile_page /today/ --signed-in --profile

It builds the same scratch database as bench/load.py (in a temporary folder, removed
afterwards), then calls Attune's WSGI application directly — no server, no network — many
times with `DEBUG=0`, and prints the fastest and the median time per request over several
rounds. With --profile it also prints cProfile's most expensive functions. Not a test.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from bench.load import PASSWORD, REPO, environment, prepare_scratch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("path")
    parser.add_argument("--signed-in", action="store_true", help="as one of the seeded people")
    parser.add_argument("--requests", type=int, default=1000, help="per round (7 rounds)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top 30")
    parser.add_argument("--people", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="attune-profile-") as scratch_name:
        env = environment(Path(scratch_name))
        email = prepare_scratch(env, args.people)
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "attune.settings"
        os.chdir(REPO)
        from django.core.wsgi import get_wsgi_application

        application = get_wsgi_application()
        from django.test import Client

        client = Client()
        if not client.login(email=email, password=PASSWORD):
            raise SystemExit(f"could not sign in as {email}")
        cookie = f"sessionid={client.cookies['sessionid'].value}"
        request = one_request(application, args.path, cookie if args.signed_in else "")
        request()  # the first request loads templates and opens the connection
        rounds = []
        for _ in range(7):
            started = time.perf_counter()
            for _ in range(args.requests):
                request()
            rounds.append((time.perf_counter() - started) / args.requests * 1000)
        rounds.sort()
        print(f"{args.path}: fastest {rounds[0]:.3f} ms, median {rounds[3]:.3f} ms per request")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [request() for _ in range(args.requests)])
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def one_request(
    application: Callable[..., Iterable[bytes]], path: str, cookie: str
) -> Callable[[], None]:
    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        if not status.startswith("200"):
            raise SystemExit(f"{path} answered {status}, not 200")

    def request() -> None:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        b"".join(application(environ, start_response))

    return request


if __name__ == "__main__":
    main()
