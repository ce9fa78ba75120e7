"""Load benchmark: Attune's Today and home pages beside a "hello" view, in one run.

Run with `make bench`. It builds a scratch database with realistic data (people, couples,
a month of journey answers and finished days each), serves Attune the way production does
(gunicorn sync workers, one per core, DEBUG off, static files collected) and, in the same
run, a one-view "hello" served the same way: through Attune's own settings and middleware,
and also as an empty Django project, the framework's floor. Then it drives each page with
many concurrent connections (wrk when it is installed, else a Python client) and reports
requests per second, p50/p99 latency and the memory of each worker.

Reading the result: the hello view served the same way — same server, settings, middleware
and signed-in client — is what a signed-in Attune page costs before it does anything; what
matters is Today's share of it (target: >= 40% of its throughput, p99 < 25 ms at 16
connections, < 150 MB per worker). The visitor's hello and the empty project's are printed
too, for the cost of sessions and of the middleware themselves. The load generator runs on
the same machine, so absolute numbers move with the machine; ratios from one run are fair.
This is not a test: `make test` never runs it. See docs/performance.md.
"""

import argparse
import asyncio
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "bench-only-password-" + "x" * 12  # a scratch database, deleted after the run
TARGETS = {"today_p99_ms": 25.0, "today_share_of_hello": 0.40, "worker_mb": 150.0}


@dataclass
class Result:
    """What one page did under load."""

    name: str
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float


def environment(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "ATTUNE_VAR_DIR": str(scratch),
            "LOG_LEVEL": "WARNING",
        }
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    return env


def prepare_scratch(env: dict[str, str], people: int) -> str:
    """Migrate, import and seed the scratch database; returns the e-mail address of the
    person the bench signs in as (password: PASSWORD)."""
    print("bench: preparing a scratch database with realistic data…", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "import_content")
    manage(env, "collectstatic", "--noinput", "-v0")
    return manage(env, "shell", "-c", seed_script(people, PASSWORD)).strip().splitlines()[-1]


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} did not work:\n{done.stderr}")
    return done.stdout


def serve(
    env: dict[str, str],
    app: str,
    port: int,
    args: argparse.Namespace,
    settings: str = "attune.settings",
) -> subprocess.Popen[bytes]:
    """gunicorn as docs/deployment.md runs it: sync workers, one per core, by default."""
    threads = ["--threads", str(args.threads)] if args.worker_class == "gthread" else []
    return subprocess.Popen(
        [
            PYTHON, "-m", "gunicorn", app,
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(args.workers),
            "--worker-class", args.worker_class, *threads,
            "--keep-alive", "5",
            "--no-control-socket",  # three servers run at once; they would share one path
            "--log-level", "warning",
        ],
        cwd=REPO,
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
    )  # fmt: skip


def sign_in(port: int, email: str) -> str:
    """Sign in through Attune's own form, as a person would; returns the session cookie."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/accounts/login/")
    form = connection.getresponse()
    cookies = SimpleCookie()
    for header in form.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.read().decode())
    if token is None:
        raise SystemExit("the sign-in page has no CSRF token")
    connection.request(
        "POST",
        "/accounts/login/",
        body=urlencode({"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token[1]}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items()),
        },
    )
    answer = connection.getresponse()
    answer.read()
    for header in answer.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    if answer.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"signing in as {email} did not work (status {answer.status})")
    return f"sessionid={cookies['sessionid'].value}"


def wait_until_up(port: int, path: str = "/") -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            asyncio.run(one_request(port, path, ""))
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server on port {port} did not start")


async def one_request(port: int, path: str, cookie: str) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    status, _ = await fetch(reader, writer, path, cookie)
    writer.close()
    return status


async def fetch(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str, cookie: str
) -> tuple[int, bool]:
    """One GET; returns the status code, after reading the whole body, and whether the
    server keeps the connection open (sync workers close it after each response)."""
    head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n"
    if cookie:
        head += f"Cookie: {cookie}\r\n"
    writer.write((head + "\r\n").encode())
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionResetError("the server closed the connection")
    length, keep_alive = 0, True
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
        if name.lower() == "connection" and value.strip().lower() == "close":
            keep_alive = False
    await reader.readexactly(length)
    return int(status_line.split()[1]), keep_alive


async def drive(port: int, path: str, cookie: str, connections: int, seconds: float) -> Result:
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + seconds

    async def connection() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                status, keep_alive = await fetch(reader, writer, path, cookie)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors += 1
            if not keep_alive:
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(connections)))
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies) or [0.0]
    return Result(
        name=path,
        requests=len(latencies),
        errors=errors,
        seconds=round(elapsed, 2),
        rps=round(len(latencies) / elapsed, 1),
        p50_ms=round(statistics.median(ordered) * 1000, 2),
        p99_ms=round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
    )


def drive_with_wrk(port: int, path: str, cookie: str, connections: int, seconds: float) -> Result:
    """The same measurement with wrk (Debian's `wrk`), a load generator written in C: it
    takes far less of the machine's CPU than the Python client, so the servers get more."""
    header = ["-H", f"Cookie: {cookie}"] if cookie else []
    done = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds:.0f}s", "--latency", *header,
         f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = done.stdout
    requests, elapsed, unit = _wrk_find(r"(\d+) requests in ([\d.]+)(ms|s|m)\b", out)
    seconds_taken = float(elapsed) * {"ms": 0.001, "s": 1.0, "m": 60.0}[unit]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return Result(
        name=path,
        requests=int(requests),
        errors=errors,
        seconds=round(seconds_taken, 2),
        rps=round(int(requests) / seconds_taken, 1),
        p50_ms=_wrk_ms(out, "50%"),
        p99_ms=_wrk_ms(out, "99%"),
    )


def _wrk_ms(out: str, percentile: str) -> float:
    value, unit = _wrk_find(rf"{percentile}\s+([\d.]+)(us|ms|s)\b", out)
    return round(float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit], 2)


def _wrk_find(pattern: str, out: str) -> tuple[str, ...]:
    found = re.search(pattern, out)
    if found is None:
        raise SystemExit(f"could not read wrk's report:\n{out}")
    return found.groups()


def worker_memory_mb(master: subprocess.Popen[bytes]) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), from /proc."""
    sizes = []
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            status = (pid_dir / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master.pid):
            sizes.append(round(int(fields["VmRSS"].split()[0]) / 1024, 1))
    return sizes


# What is driven, in order: (port, path, label, signed in). Ports: 8101 Attune, 8102 the
# empty Django project, 8103 Attune's settings and middleware with only the hello view.
PAGES = (
    (8102, "/", "hello, empty Django project", False),
    (8103, "/", "hello, Attune's stack", False),
    (8103, "/", "hello, Attune's stack, signed in", True),
    (8101, "/", "home (visitor)", False),
    (8101, "/today/", "Today (signed in)", True),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default="sync")
    parser.add_argument("--threads", type=int, default=4, help="with --worker-class gthread")
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument(
        "--client", choices=("auto", "wrk", "python"), default="auto",
        help="load generator: wrk when installed (auto), else a Python asyncio client",
    )  # fmt: skip
    args = parser.parse_args()
    if args.client == "auto":
        args.client = "wrk" if shutil.which("wrk") else "python"
        if args.client == "python":
            print(
                "bench: NOTE wrk is not installed (Debian: apt install wrk); the Python client "
                "takes a core of its own, so expect lower throughput and longer tails.",
                flush=True,
            )

    with tempfile.TemporaryDirectory(prefix="attune-bench-") as scratch_name:
        scratch = Path(scratch_name)
        env = environment(scratch)
        email = prepare_scratch(env, args.people)

        attune = serve(env, "attune.wsgi:application", 8101, args)
        hello = serve(env, "bench.hello:application", 8102, args)
        stack = serve(env, "attune.wsgi:application", 8103, args, "bench.stack_settings")
        servers = (attune, hello, stack)
        try:
            for port, path in ((8101, "/safety/"), (8102, "/"), (8103, "/")):
                wait_until_up(port, path)
            cookie = sign_in(8101, email)
            results = []
            for port, path, label, signed_in in PAGES:
                session = cookie if signed_in else ""
                status = asyncio.run(one_request(port, path, session))
                if status != 200:
                    raise SystemExit(f"{label}: {path} answered {status}, not 200")
                asyncio.run(drive(port, path, session, 4, 1.0))  # warm up
                if args.client == "wrk":
                    result = drive_with_wrk(port, path, session, args.connections, args.seconds)
                else:
                    result = asyncio.run(drive(port, path, session, args.connections, args.seconds))
                result.name = label
                results.append(result)
            memory = {"attune": worker_memory_mb(attune), "hello": worker_memory_mb(hello)}
        finally:
            for server in servers:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)

    report(results, memory, args)


def report(results: list[Result], memory: dict[str, list[float]], args: argparse.Namespace) -> None:
    empty, stack, stack_signed_in, _, today = results
    print(
        f"\n{args.connections} connections, {args.seconds:.0f}s each, {args.workers} "
        f"{args.worker_class} workers, load from {args.client}\n"
    )
    print(f"{'page':<34}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for result in results:
        print(
            f"{result.name:<34}{result.rps:>10}{result.p50_ms:>10}{result.p99_ms:>10}"
            f"{result.errors:>8}"
        )

    def share(hello: Result) -> float:
        return today.rps / hello.rps if hello.rps else 0.0

    worst_worker = max(memory["attune"] or [0.0])
    print(f"\nworker memory (MB): attune {memory['attune']}, hello {memory['hello']}")
    # The target compares requests that differ only in the view: the same server, settings,
    # middleware and signed-in client. The other two shares are printed beside it.
    print(
        f"Today's share of the hello view served the same way (signed in): "
        f"{share(stack_signed_in):.0%}; of the same hello for a visitor: {share(stack):.0%}; "
        f"of an empty Django project's hello: {share(empty):.0%}"
    )
    checks = {
        "Today >= 40% of hello served the same way": share(stack_signed_in)
        >= TARGETS["today_share_of_hello"],
        "Today p99 < 25 ms": today.p99_ms < TARGETS["today_p99_ms"],
        "worker < 150 MB": worst_worker < TARGETS["worker_mb"],
        "no errors": not any(result.errors for result in results),
    }
    for name, ok in checks.items():
        print(f"  {'met ' if ok else 'MISSED'}  {name}")
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(
        json.dumps(
            {
                "results": [asdict(r) for r in results],
                "memory_mb": memory,
                "share_of_hello": round(share(stack_signed_in), 3),
                "share_of_visitor_hello": round(share(stack), 3),
                "share_of_empty_project_hello": round(share(empty), 3),
                "checks": checks,
                "connections": args.connections,
                "workers": args.workers,
                "worker_class": args.worker_class,
                "client": args.client,
            },
            indent=2,
        )
    )


def seed_script(people: int, password: str) -> str:
    """Django shell code that creates realistic data and prints the e-mail address of the
    person the bench signs in as."""
    return f"""
from datetime import timedelta
from allauth.account.models import EmailAddress
from django.utils import timezone
from attune.accounts.models import User
from attune.couples.models import Couple, CoupleMember
from attune.journeys.models import (
    DayProgress, Enrollment, Journey, JourneyDay, ReflectionAnswer, ReflectionQuestion,
)

journey = Journey.objects.get(slug="attachment-healing")
questions = list(ReflectionQuestion.objects.filter(day__journey=journey, day__number__lte=28))
start = timezone.localdate() - timedelta(days=27)
users = User.objects.bulk_create(
    [User(email=f"person{{i}}@bench.invalid", display_name=f"Person {{i}}", password="!")
     for i in range({people})]
)
for first, second in zip(users[0::2], users[1::2]):
    couple = Couple.objects.create()
    CoupleMember.objects.bulk_create(
        [CoupleMember(couple=couple, person=first), CoupleMember(couple=couple, person=second)]
    )
    Enrollment.objects.bulk_create(
        [Enrollment(person=p, journey=journey, couple=couple, started_on=start)
         for p in (first, second)]
    )
answers = [
    ReflectionAnswer(person=person, question=q, text="A thoughtful answer. " * 20, sharing="shared")
    for person in users for q in questions
]
ReflectionAnswer.objects.bulk_create(answers, batch_size=2000)
days = list(JourneyDay.objects.filter(journey=journey, number__lte=27))
DayProgress.objects.bulk_create(
    [DayProgress(enrollment=e, day=d, steps_done=[1, 2], completed_at=timezone.now())
     for e in Enrollment.objects.all() for d in days],
    batch_size=2000,
)
person = users[0]
person.set_password({password!r})
person.save(update_fields=["password"])
EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
print(person.email)
"""


if __name__ == "__main__":
    main()
