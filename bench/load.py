"""Load benchmark: Attune's Today and home pages beside a bare Django "hello" view.

Run with `make bench`. It builds a scratch database with realistic data (people, couples,
a month of journey answers and finished days each), serves Attune the way production does
(gunicorn workers, DEBUG off, static files collected) and, in the same run, a one-view
Django project served the same way. Then it drives each page with many concurrent
keep-alive connections and reports requests per second, p50/p99 latency and the memory of
each worker.

Reading the result: the hello view is the ceiling this machine gives Django at all; what
matters is Attune's share of it (target: the signed-in Today page at >= 40% of hello's
throughput, p99 < 25 ms at 16 connections, < 150 MB per worker). The load generator runs on
the same machine, so absolute numbers move with the machine; ratios from one run are fair.
This is not a test: `make test` never runs it. See docs/performance.md.
"""

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
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


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} did not work:\n{done.stderr}")
    return done.stdout


def serve(
    env: dict[str, str], app: str, port: int, workers: int, settings: str = "attune.settings"
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            PYTHON, "-m", "gunicorn", app,
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers),
            "--worker-class", "gthread",
            "--threads", "4",
            "--keep-alive", "5",
            "--log-level", "warning",
        ],
        cwd=REPO,
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
    )  # fmt: skip


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
    status = await fetch(reader, writer, path, cookie)
    writer.close()
    return status


async def fetch(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str, cookie: str
) -> int:
    """One keep-alive GET; returns the status code after reading the whole body."""
    head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n"
    if cookie:
        head += f"Cookie: {cookie}\r\n"
    writer.write((head + "\r\n").encode())
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionResetError("the server closed the connection")
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    await reader.readexactly(length)
    return int(status_line.split()[1])


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
                status = await fetch(reader, writer, path, cookie)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors += 1
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--people", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="attune-bench-") as scratch_name:
        scratch = Path(scratch_name)
        env = environment(scratch)
        print("bench: preparing a scratch database with realistic data…", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "createcachetable")
        manage(env, "import_content")
        manage(env, "collectstatic", "--noinput", "-v0")
        cookie = manage(env, "shell", "-c", seed_script(args.people)).strip().splitlines()[-1]

        attune = serve(env, "attune.wsgi:application", 8101, args.workers)
        hello = serve(env, "bench.hello:application", 8102, args.workers)
        stack = serve(env, "attune.wsgi:application", 8103, args.workers, "bench.stack_settings")
        servers = (attune, hello, stack)
        try:
            wait_until_up(8101, "/safety/")
            wait_until_up(8102)
            wait_until_up(8103)
            results = []
            for port, path, name, with_cookie in (
                (8102, "/", "hello (bare Django)", False),
                (8103, "/", "hello (Attune stack)", True),
                (8101, "/", "home (visitor)", False),
                (8101, "/today/", "Today (signed in)", True),
            ):
                asyncio.run(drive(port, path, cookie if with_cookie else "", 4, 1.0))  # warm up
                result = asyncio.run(
                    drive(port, path, cookie if with_cookie else "", args.connections, args.seconds)
                )
                result.name = name
                results.append(result)
            memory = {"attune": worker_memory_mb(attune), "hello": worker_memory_mb(hello)}
        finally:
            for server in servers:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)

    report(results, memory, args)


def report(results: list[Result], memory: dict[str, list[float]], args: argparse.Namespace) -> None:
    hello, stack, _, today = results
    print(f"\n{args.connections} connections, {args.seconds:.0f}s each, {args.workers} workers\n")
    print(f"{'page':<22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for result in results:
        print(
            f"{result.name:<22}{result.rps:>10}{result.p50_ms:>10}{result.p99_ms:>10}"
            f"{result.errors:>8}"
        )
    share = today.rps / hello.rps if hello.rps else 0.0
    stack_share = today.rps / stack.rps if stack.rps else 0.0
    worst_worker = max(memory["attune"] or [0.0])
    print(f"\nworker memory (MB): attune {memory['attune']}, hello {memory['hello']}")
    checks = {
        "Today >= 40% of hello": share >= TARGETS["today_share_of_hello"],
        "Today p99 < 25 ms": today.p99_ms < TARGETS["today_p99_ms"],
        "worker < 150 MB": worst_worker < TARGETS["worker_mb"],
    }
    print(
        f"Today's share of hello: {share:.0%} (of hello through Attune's stack: {stack_share:.0%})"
    )
    for name, ok in checks.items():
        print(f"  {'met ' if ok else 'MISSED'}  {name}")
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(
        json.dumps(
            {
                "results": [asdict(r) for r in results],
                "memory_mb": memory,
                "share": round(share, 3),
                "share_of_stack_hello": round(stack_share, 3),
                "checks": checks,
                "connections": args.connections,
                "workers": args.workers,
            },
            indent=2,
        )
    )


def seed_script(people: int) -> str:
    """Django shell code that creates realistic data and prints one signed-in session cookie."""
    return f"""
from datetime import timedelta
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from attune.accounts.sessions import SessionStore
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
session = SessionStore()
session[SESSION_KEY] = str(person.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = person.get_session_auth_hash()
session.create()
print(f"{{settings.SESSION_COOKIE_NAME}}={{session.session_key}}")
"""


if __name__ == "__main__":
    main()
