"""500 learners at once against the exchange service of a real hub, on loopback: latency and nothing lost.

    sudo .venv/bin/python benchmarks/hub.py                    # 500 learners, all starting together
    sudo .venv/bin/python benchmarks/hub.py --learners 200 --ramp 10

Runs as root (the hub makes Unix accounts and runs its services as the course account). What it does:
  1. starts a real JupyterHub of a new course (tests/hub/running_hub.py: `course hub` with its proxy,
     PostgreSQL and the exchange service), with one roster learner and one mentor of their own;
  2. adds N learners to the course's roster (`course roster`, as the course account) and publishes
     their gates the course's own way (``grading.publish_all``): each has a gate file of their own;
  3. makes N hub users through the hub's REST API (admin token) and gives each a token with the scope
     ``access:services!service=exchange`` only. They have no Unix account: they never start a lab,
     they call the service as a learner's lab does, through the proxy (``<hub>/services/exchange/``);
  4. N simulated learners, concurrently (asyncio, aiohttp, one connection each): list the open weeks
     (``GET api/weeks``), fetch week 1 (``GET api/weeks/W/release``), hand it in once with every
     answer right (``POST api/weeks/W/submissions``, a fresh submission id), list again;
  5. checks that nothing was lost: every learner's hand-in is in inbound exactly once, then runs
     ``course grade W`` as the course account and counts the gradebook's attempts of week 1.
Prints p50 and p95 (ms) of list, fetch and submit, the number of requests, the errors, the checks,
the command and the machine. With ``--ramp S`` the learners start evenly spread over S seconds
(a cohort opening the course in the same minute) instead of all in the same instant.
"""
from __future__ import annotations

import argparse
import asyncio
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests" / "hub")]

SCOPE = "access:services!service=exchange"
TARGET_MS = 200


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))] if ordered else float("nan")


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model or platform.machine()}), Python {platform.python_version()}"


def course_env(hub) -> dict[str, str]:
    from course.hub.hub_config import HubSettings
    from course.hub.launcher import course_environment
    return course_environment(hub.root, HubSettings.read(hub.root / "hub").db_url)


def as_course(hub, code: str, *args: str, what: str) -> str:
    """Run Python ``code`` as the course account, in the course's environment; its output."""
    from course.hub.launcher import as_account
    from course.hub.singleuser import account_python
    return as_account(hub.course_account, [account_python(), "-c", code, *args], course_env(hub), what)


def add_to_roster(hub, learners: list[str], scratch: Path) -> None:
    """Import ``learners`` into the course's roster and publish every learner's gate."""
    csv = scratch / "learners.csv"
    mentor = hub.mentors[0]
    csv.write_text("id,name,country,language,mentor\n" + "".join(
        f"{lid},Learner {i + 1},LB,en,{mentor}\n" for i, lid in enumerate(learners)), encoding="utf-8")
    os.chmod(csv, 0o644)
    from course.hub.launcher import as_account
    from course.hub.singleuser import account_python
    as_account(hub.course_account, [account_python(), "-m", "course", "--root", str(hub.root), "roster", str(csv)],
               course_env(hub), "Importing the roster")
    as_course(hub, "import sys; from course.layout import CourseLayout; from course.storage import Ledger; "
                   "from course.grading import publish_all; layout = CourseLayout.at(sys.argv[1]); "
                   "ledger = Ledger(layout.db_url); publish_all(layout, ledger); ledger.close()",
              str(hub.root), what="Publishing the gates")


def hand_in(layout, week) -> bytes:
    """Week ``week`` as released, answered right, as the gzip tar a learner's lab sends."""
    from course.answer_key import load_key
    from course.reference import fill
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / week.id
        shutil.copytree(layout.exchange / layout.course_id / "outbound" / week.id, copy)
        fill(copy / week.assessment, None, load_key(layout.keys, week.id), "full")
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
            for path in sorted(copy.rglob("*")):
                if path.is_file():
                    tar.add(path, arcname=path.relative_to(copy).as_posix(), recursive=False)
        return buffer.getvalue()


async def make_users(hub, names: list[str]) -> dict[str, str]:
    """Hub users ``names`` and a token each (the exchange's scope only); ``{name: token}``."""
    import aiohttp
    headers = {"Authorization": f"token {hub.api_token}"}
    api = f"{hub.url}/hub/api"
    async with aiohttp.ClientSession(headers=headers) as session:
        for start in range(0, len(names), 100):
            async with session.post(f"{api}/users", json={"usernames": names[start:start + 100]}) as response:
                if response.status != 201:
                    raise RuntimeError(f"making hub users: {response.status} {await response.text()}")
        limit = asyncio.Semaphore(16)

        async def token(name: str) -> tuple[str, str]:
            async with limit, session.post(f"{api}/users/{name}/tokens",
                                           json={"note": "benchmark", "expires_in": 7200, "scopes": [SCOPE]}) as r:
                if r.status != 201:
                    raise RuntimeError(f"a token for {name}: {r.status} {await r.text()}")
                return name, (await r.json())["token"]

        return dict(await asyncio.gather(*(token(n) for n in names)))


async def load(base: str, tokens: dict[str, str], week: str, tar: bytes, ramp: float) -> dict:
    """Every learner, concurrently: list, fetch, submit once, list; latencies (s) per step and errors."""
    import aiohttp
    times: dict[str, list[float]] = {"list": [], "fetch": [], "submit": [], "list, first": [], "list, again": []}
    errors: Counter = Counter()
    examples: dict[str, str] = {}
    submitted: set[str] = set()
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=300)

    async def call(session, step: str, method: str, path: str, headers: dict, **kwargs) -> bytes | None:
        started = time.perf_counter()
        try:
            async with session.request(method, base + path, headers=headers, **kwargs) as response:
                body = await response.read()
                elapsed = time.perf_counter() - started
                if response.status >= 300:
                    errors[f"{step} {response.status}"] += 1
                    examples.setdefault(f"{step} {response.status}", body[:200].decode(errors="replace"))
                    return None
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            errors[f"{step} {type(exc).__name__}"] += 1
            examples.setdefault(f"{step} {type(exc).__name__}", str(exc)[:200])
            return None
        times[step.split(",")[0]].append(elapsed)
        if "," in step:
            times[step].append(elapsed)
        return body

    async def learner(index: int, name: str, token: str, session) -> None:
        if ramp:
            await asyncio.sleep(ramp * index / len(tokens))
        headers = {"Authorization": f"token {token}"}
        await call(session, "list, first", "GET", "api/weeks", headers)
        await call(session, "fetch", "GET", f"api/weeks/{week}/release", headers)
        done = await call(session, "submit", "POST", f"api/weeks/{week}/submissions",
                          {**headers, "X-Course-Submission-Id": str(uuid.uuid4()),
                           "Content-Type": "application/gzip"}, data=tar)
        if done is not None:
            submitted.add(name)
        await call(session, "list, again", "GET", "api/weeks", headers)

    started = time.perf_counter()
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await asyncio.gather(*(learner(i, n, t, session) for i, (n, t) in enumerate(tokens.items())))
    return {"times": times, "errors": errors, "examples": examples, "submitted": submitted,
            "seconds": time.perf_counter() - started}


def inbound_counts(layout, week: str) -> Counter:
    from course.cohort import INBOUND_NAME
    counts: Counter = Counter()
    for entry in os.scandir(layout.exchange / layout.course_id / "inbound"):
        m = INBOUND_NAME.match(entry.name)
        if m and m["week"] == week and entry.is_dir(follow_symlinks=False):
            counts[m["learner"]] += 1
    return counts


def graded_attempts(hub, week: str) -> Counter:
    out = as_course(hub, "import sys; from course.layout import CourseLayout; from course.storage import Ledger; "
                         "layout = CourseLayout.at(sys.argv[1]); ledger = Ledger(layout.db_url); "
                         "print('\\n'.join(r['learner'] for r in ledger.attempts() if r['week'] == sys.argv[2]))",
                    str(hub.root), week, what="Reading the gradebook")
    return Counter(line for line in out.splitlines() if line.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--ramp", type=float, default=0.0, help="start the learners over this many seconds (0: at once)")
    args = parser.parse_args(argv)
    from running_hub import start_hub, unique_ids, why_not
    why = why_not()
    if why:
        print(f"cannot run: {why}")
        return 2
    print("command:", " ".join([".venv/bin/python", "benchmarks/hub.py", *(sys.argv[1:] if argv is None else argv)]))
    print("machine:", machine())
    scratch = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    os.chmod(scratch, 0o755)
    clock = time.perf_counter()
    hub = start_hub(scratch, learners=unique_ids("l", 1), mentors=unique_ids("m", 1))
    try:
        from course.layout import CourseLayout
        layout = CourseLayout.at(hub.root)
        week = layout.syllabus.weeks[0]
        print(f"hub up in {time.perf_counter() - clock:.0f} s at {hub.url}")
        prefix = uuid.uuid4().hex[:6]
        names = [f"s{prefix}{i:04d}" for i in range(args.learners)]
        clock = time.perf_counter()
        add_to_roster(hub, names, scratch)
        gates = sum(1 for n in names if (layout.gate_dir / f"{n}.json").is_file())
        tokens = asyncio.run(make_users(hub, names))
        print(f"{len(names)} roster learners with {gates} gate files, hub users and tokens in "
              f"{time.perf_counter() - clock:.0f} s")
        tar = hand_in(layout, week)
        base = f"{hub.url}/services/exchange/"
        result = asyncio.run(load(base, tokens, week.id, tar, args.ramp))
        times, errors = result["times"], result["errors"]
        requests_made = sum(len(times[s]) for s in ("list", "fetch", "submit")) + sum(errors.values())
        print(f"\n{args.learners} learners {'at once' if not args.ramp else f'over {args.ramp:g} s'}, "
              f"through the proxy: {requests_made} requests in {result['seconds']:.1f} s "
              f"({requests_made / result['seconds']:.0f} a second), hand-in {len(tar) / 1024:.0f} KB, "
              f"release {week.id}")
        print(f"{'step':12} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for step in ("list", "list, first", "list, again", "fetch", "submit"):
            ms = [v * 1000 for v in times[step]]
            print(f"{step if ',' not in step else '  ' + step.split(', ')[1]:12} {len(ms):6d} {statistics.median(ms) if ms else float('nan'):8.0f} "
                  f"{percentile(ms, 0.95):8.0f} {max(ms, default=float('nan')):8.0f}")
        print(f"errors: {sum(errors.values())}" + "".join(f"\n  {k}: {n} ({result['examples'][k]})"
                                                          for k, n in errors.items()))
        counts = inbound_counts(layout, week.id)
        once = sum(1 for n in names if counts.get(n) == 1)
        missing = [n for n in names if n not in counts]
        twice = [n for n in names if counts.get(n, 0) > 1]
        print(f"inbound: {once} of {len(names)} learners' hand-ins there exactly once "
              f"(missing {len(missing)}, more than once {len(twice)}; {len(result['submitted'])} answered 201)")
        clock = time.perf_counter()
        graded = as_account_grade(hub, week.id)
        attempts = graded_attempts(hub, week.id)
        ours = sum(attempts.get(n, 0) for n in names)
        print(f"course grade {week.id}: {time.perf_counter() - clock:.0f} s; {graded}")
        print(f"gradebook: {ours} attempts of {week.id} for {len(names)} learners "
              f"({sum(1 for n in names if attempts.get(n) == 1)} graded exactly once)")
        lost = len(names) - once + (len(names) - ours)
        print("nothing lost" if not lost and not errors else f"LOST OR FAILED: {lost} hand-ins, {sum(errors.values())} errors")
        p95 = {s: percentile([v * 1000 for v in times[s]], 0.95) for s in ("list", "fetch")}
        verdict = "met" if all(v < TARGET_MS for v in p95.values()) else "NOT met"
        print(f"p95 list {p95['list']:.0f} ms, fetch {p95['fetch']:.0f} ms: target < {TARGET_MS} ms {verdict} "
              f"({max(p95.values()) / TARGET_MS:.2f}x of the target)")
        return 0 if not lost and not errors else 1
    finally:
        hub.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def as_account_grade(hub, week: str) -> str:
    """``course grade WEEK`` as the course account; its summary line."""
    from course.hub.launcher import as_account
    from course.hub.singleuser import account_python
    out = as_account(hub.course_account, [account_python(), "-m", "course", "--root", str(hub.root), "grade", week],
                     course_env(hub), "Grading")
    return next((line for line in out.splitlines() if line.startswith(week + ":")), out.strip()[-300:])


if __name__ == "__main__":
    raise SystemExit(main())
