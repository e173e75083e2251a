"""Sizing a cohort's hub from measurements made on this machine: memory of one learner's server, disk of
one learner's workspace, grading throughput, and the exchange service's memory; then CPU, memory and disk
for 66, 200 and 500 learners.

    .venv/bin/python benchmarks/sizing.py                      # 30 % of learners active at once
    .venv/bin/python benchmarks/sizing.py --active 0.5 --submissions 90

What is measured (each in a new course in a scratch folder):
  (a) one learner's server as `course lab` starts it (course/lab.py lab_command): the course home
      (/course/home) is opened, a kernel is started on a lesson (the jupyter_server sessions API) and
      every cell of the lesson is run over the kernel's websocket; the resident memory (RSS) of the
      server and of its kernel is read from /proc (psutil) at the peak, with the CPU time they used;
  (b) the disk of that learner's workspace once all four weeks are fetched (later weeks unlocked
      for the learner), and of one week's hand-in;
  (c) grading: `course grade WEEK` (with feedback pages) on N hand-ins, as submissions per CPU-second
      of the grading process (user + system time, start-up included);
  (d) the exchange service (course/hub/exchange_service.py), its RSS once it answers api/health,
      if the file exists.
The derived table is printed last; its assumptions are printed with it.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests"), str(HERE.parent / "tests" / "grading")]

from course import grading  # noqa: E402
from course.lab import lab_command  # noqa: E402
from course.scaffold import HOME_URL, init_course  # noqa: E402

LEARNER = "sizing_learner"
MEASURED_CHILD = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
if done.returncode:
    sys.exit(done.returncode)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([usage.ru_utime + usage.ru_stime, usage.ru_maxrss]))
"""
MB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise SystemExit(f"nothing answered at {url} within {seconds:.0f} s")


def tree_rss(pid: int) -> dict[str, int]:
    """RSS of a process ('server') and of all its descendants ('kernel': the lesson's kernel and any
    helper process the server started)."""
    top = psutil.Process(pid)
    children = top.children(recursive=True)
    return {"server": top.memory_info().rss, "kernel": sum(c.memory_info().rss for c in children)}


def tree_cpu(pid: int) -> float:
    top = psutil.Process(pid)
    total = 0.0
    for proc in [top, *top.children(recursive=True)]:
        times = proc.cpu_times()
        total += times.user + times.system
    return total


def lessons_of(workspace: Path, weeks: list[str]) -> list[Path]:
    """Every lesson (not the assessment) of every week, in English."""
    return [p for week in weeks for p in sorted((workspace / week).glob("0*.ipynb"))
            if not p.name.endswith(".ar.ipynb")]


async def run_cells(base: str, token: str, notebook: Path, workspace: Path) -> tuple[str, int, int]:
    """Start a kernel for ``notebook`` through the sessions API and run its code cells on the kernel's
    websocket; returns (session id, cells run, cells that raised)."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect
    client = AsyncHTTPClient()
    headers = {"Authorization": f"token {token}"}
    body = json.dumps({"path": str(notebook.relative_to(workspace)), "type": "notebook", "name": notebook.name,
                       "kernel": {"name": "python3"}})
    reply = await client.fetch(f"{base}/api/sessions", method="POST", body=body, headers=headers)
    created = json.loads(reply.body)
    kernel_id = created["kernel"]["id"]
    ws = await websocket_connect(HTTPRequest(f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels",
                                             headers=headers))
    session = uuid.uuid4().hex
    cells = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    failed = 0
    for cell in cells:
        msg_id = uuid.uuid4().hex
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session, "username": LEARNER,
                       "version": "5.3", "date": dt.datetime.now(dt.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": source, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": False}}))
        while True:
            message = await asyncio.wait_for(ws.read_message(), timeout=300)
            if message is None:
                raise SystemExit("the kernel's websocket closed")
            msg = json.loads(message)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "error":
                failed += 1
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
    ws.close()
    return created["id"], len(cells), failed


async def end_session(base: str, token: str, session_id: str) -> None:
    """Shut the session's kernel down, as closing the lesson's tab with its kernel does."""
    from tornado.httpclient import AsyncHTTPClient
    await AsyncHTTPClient().fetch(f"{base}/api/sessions/{session_id}", method="DELETE",
                                  headers={"Authorization": f"token {token}"})


def measure_learner_server(scratch: Path) -> dict:
    """(a) and (b): one learner's server running a lesson; the workspace with every week fetched."""
    layout = init_course(scratch / "course", learner=LEARNER)
    workspace = layout.workspace
    weeks = [w.id for w in layout.syllabus.weeks]
    for week in weeks[1:]:
        grading.unlock(layout, LEARNER, week, "sizing: every week fetched")
    for week in weeks:
        if not (workspace / week).exists():
            grading.fetch(layout, week, LEARNER, workspace)
    port, token = free_port(), uuid.uuid4().hex
    cmd, env = lab_command(layout, mentor=False, port=port, open_browser=False)
    cmd += [f"--IdentityProvider.token={token}"]
    env["JUPYTER_RUNTIME_DIR"] = str(scratch / "runtime")
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    lessons = []
    try:
        wait_for(f"{base}/api/status?token={token}")
        start_cpu = tree_cpu(server.pid)
        idle = tree_rss(server.pid)
        with urllib.request.urlopen(f"{base}{HOME_URL}?token={token}", timeout=60) as reply:
            reply.read()
        after_home = tree_rss(server.pid)
        for notebook in lessons_of(workspace, weeks):
            cpu_before, started = tree_cpu(server.pid), time.monotonic()
            session_id, cells, failed = asyncio.run(run_cells(base, token, notebook, workspace))
            seconds = time.monotonic() - started
            time.sleep(1)
            rss = tree_rss(server.pid)
            lessons.append({"name": notebook.name, "cells": cells, "failed": failed, "seconds": seconds,
                            "cpu": tree_cpu(server.pid) - cpu_before, "rss": rss})
            asyncio.run(end_session(base, token, session_id))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    heaviest = max(lessons, key=lambda lesson: lesson["rss"]["server"] + lesson["rss"]["kernel"])
    week_folder = workspace / weeks[0]
    return {"idle": idle, "after_home": after_home, "after_lesson": heaviest["rss"], "lesson": heaviest["name"],
            "lessons": lessons, "start_cpu": start_cpu,
            "lesson_cpu": sum(lesson["cpu"] for lesson in lessons) / len(lessons),
            "workspace_bytes": disk_bytes(workspace), "hand_in_bytes": disk_bytes(week_folder), "weeks": len(weeks)}


def disk_bytes(folder: Path) -> int:
    """Bytes the folder takes on disk (allocated blocks, as `du`)."""
    return sum(p.lstat().st_blocks * 512 for p in folder.rglob("*")) + folder.lstat().st_blocks * 512


def measure_grading(scratch: Path, submissions: int) -> dict:
    """(c) `course grade WEEK` on ``submissions`` hand-ins of week 1, in its own process."""
    from test_workers import W1, hand_in_many
    os.environ.pop("COURSE_DB_URL", None)
    layout = init_course(scratch / "grading-course", solo=False)
    hand_in_many(layout, W1, [f"g{i:04d}" for i in range(submissions)])
    started = time.monotonic()
    # a process of its own reports the CPU time and peak RSS of `course grade` alone
    done = subprocess.run([sys.executable, "-c", MEASURED_CHILD, sys.executable, "-m", "course", "--root",
                           str(layout.root), "grade", W1], capture_output=True, text=True)
    wall = time.monotonic() - started
    if done.returncode:
        raise SystemExit(f"course grade failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    cpu, peak_kb = json.loads(done.stdout.splitlines()[-1])
    inbound = layout.exchange / layout.course_id / "inbound"
    return {"submissions": submissions, "cpu": cpu, "wall": wall, "peak_rss": peak_kb * 1024,
            "course_bytes": disk_bytes(layout.root), "inbound_bytes": disk_bytes(inbound) if inbound.exists() else 0}


def measure_exchange_service(scratch: Path) -> dict | None:
    """(d) the exchange service's RSS once it answers api/health (None if the service does not exist)."""
    if not (HERE.parent / "course" / "hub" / "exchange_service.py").exists():
        return None
    layout = init_course(scratch / "service-course", solo=False)
    port = free_port()
    prefix = "/services/exchange/"
    env = dict(os.environ, JUPYTERHUB_API_TOKEN=uuid.uuid4().hex, JUPYTERHUB_API_URL="http://127.0.0.1:9/hub/api",
               JUPYTERHUB_SERVICE_PREFIX=prefix, JUPYTERHUB_SERVICE_URL=f"http://127.0.0.1:{port}",
               JUPYTERHUB_SERVICE_NAME="exchange")
    service = subprocess.Popen([sys.executable, "-m", "course.hub.exchange_service", "--root", str(layout.root)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        try:
            wait_for(f"http://127.0.0.1:{port}{prefix}api/health", seconds=60)
        except SystemExit:
            service.terminate()
            print("the exchange service did not answer api/health:", (service.communicate(timeout=30)[1] or "")[-800:])
            return None
        return {"rss": tree_rss(service.pid)["server"] + tree_rss(service.pid)["kernel"]}
    finally:
        if service.poll() is None:
            service.terminate()
            try:
                service.wait(timeout=30)
            except subprocess.TimeoutExpired:
                service.kill()


def derived_table(measured: dict, cohorts: list[int], active: float, lesson_minutes: float,
                  start_minutes: float, grade_minutes: float, attempts: int) -> list[tuple]:
    """Per cohort: learners active at once, CPU cores, memory (GiB) and disk (GiB) it needs."""
    lab = measured["lab"]
    per_learner_rss = lab["after_lesson"]["server"] + lab["after_lesson"]["kernel"]
    # a learner running a lesson uses lesson_cpu CPU-seconds over lesson_minutes of their own reading time
    cpu_per_active = lab["lesson_cpu"] / (lesson_minutes * 60)
    graded_per_cpu_second = measured["grading"]["submissions"] / measured["grading"]["cpu"]
    service_rss = (measured["service"] or {}).get("rss", 0)
    rows = []
    for learners in cohorts:
        at_once = math.ceil(learners * active)
        memory = at_once * per_learner_rss * 1.5 + service_rss + measured["grading"]["peak_rss"]
        # every learner hands in one week within grade_minutes (a deadline): the cores that grade it in time
        grading_cores = learners / graded_per_cpu_second / (grade_minutes * 60)
        # the servers at once all start within start_minutes (a live chat begins), or run lessons
        starting = at_once * lab["start_cpu"] / (start_minutes * 60)
        cores = max(starting, at_once * cpu_per_active) + grading_cores
        per_submission = measured["grading"]["inbound_bytes"] / measured["grading"]["submissions"]
        disk = (learners * lab["workspace_bytes"] * 2                                   # workspaces, room to double
                + learners * lab["weeks"] * attempts * per_submission * 3               # inbound, submitted, autograded
                + measured["grading"]["course_bytes"])
        rows.append((learners, at_once, cores, memory / 1024 ** 3, disk / 1024 ** 3))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--active", type=float, default=0.3, help="share of learners with a server at once (0.3)")
    parser.add_argument("--submissions", type=int, default=60, help="hand-ins graded for (c) (60)")
    parser.add_argument("--lesson-minutes", type=float, default=20.0,
                        help="minutes a learner spends on the lesson measured in (a) (20)")
    parser.add_argument("--start-minutes", type=float, default=5.0,
                        help="minutes in which all the servers at once are started (5)")
    parser.add_argument("--grade-minutes", type=float, default=10.0,
                        help="minutes in which a whole cohort's hand-ins of one week should be graded (10)")
    parser.add_argument("--attempts", type=int, default=2, help="hand-ins kept per learner and week (2)")
    parser.add_argument("--cohorts", type=int, nargs="+", default=[66, 200, 500])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-sizing-") as scratch_name:
        scratch = Path(scratch_name)
        measured = {"lab": measure_learner_server(scratch),
                    "grading": measure_grading(scratch, args.submissions),
                    "service": measure_exchange_service(scratch)}
    lab, graded, service = measured["lab"], measured["grading"], measured["service"]
    print(f"Measured on {dt.date.today().isoformat()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print("(a) one learner's server, RSS in MB (kernel: with the server's other child processes)")
    print(f"{'':<54}server  kernel   total")
    for name, key in (("started", "idle"), ("course home opened", "after_home"),
                      (f"heaviest lesson run ({lab['lesson']})", "after_lesson")):
        rss = lab[key]
        print(f"    {name[:50]:<50}{rss['server'] / MB:>8.0f}{rss['kernel'] / MB:>8.0f}{(rss['server'] + rss['kernel']) / MB:>8.0f}")
    lessons = lab["lessons"]
    print(f"    {len(lessons)} lessons, each in a new kernel: {sum(x['cells'] for x in lessons)} code cells, "
          f"{sum(x['failed'] for x in lessons)} raised; kernel RSS {min(x['rss']['kernel'] for x in lessons) / MB:.0f}"
          f"-{max(x['rss']['kernel'] for x in lessons) / MB:.0f} MB; {lab['lesson_cpu']:.1f} CPU-s a lesson on average; "
          f"server start {lab['start_cpu']:.1f} CPU-s")
    print(f"(b) workspace with {lab['weeks']} weeks fetched: {lab['workspace_bytes'] / MB:.1f} MB; "
          f"one week's folder (a hand-in): {lab['hand_in_bytes'] / MB:.1f} MB")
    print(f"(c) course grade: {graded['submissions']} hand-ins in {graded['cpu']:.1f} CPU-s ({graded['wall']:.1f} s), "
          f"{graded['submissions'] / graded['cpu']:.2f} per CPU-second, peak RSS {graded['peak_rss'] / MB:.0f} MB; "
          f"inbound {graded['inbound_bytes'] / MB / graded['submissions']:.2f} MB a hand-in")
    print("(d) exchange service: " + (f"RSS {service['rss'] / MB:.0f} MB" if service else "not measured (absent)"))
    print()
    print(f"Assumptions: {args.active:.0%} of learners have a server at once, each given 1.5x the RSS of the "
          f"heaviest lesson (one lesson open at a time); those servers start within {args.start_minutes:.0f} minutes, "
          f"and a lesson's CPU is spread over {args.lesson_minutes:.0f} minutes of reading; a whole cohort's week "
          f"graded within {args.grade_minutes:.0f} minutes; {args.attempts} hand-ins a learner and week kept "
          "3 times (inbound, submitted, autograded); workspaces given room to double. Not included: "
          "the hub, proxy and PostgreSQL themselves.")
    print("| learners | servers at once | CPU cores | memory GiB | disk GiB |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for learners, at_once, cores, memory, disk in derived_table(measured, args.cohorts, args.active,
                                                                 args.lesson_minutes, args.start_minutes,
                                                                 args.grade_minutes, args.attempts):
        print(f"| {learners} | {at_once} | {cores:.1f} | {memory:.1f} | {disk:.1f} |")


if __name__ == "__main__":
    main()
