"""Run nbgrader's learner commands as many learners at once, each as their own Unix user, cheaply.

    python tests/hub/as_learners.py JOBS.json       # as root; prints one JSON result per job

Each job is ``{"learner", "uid", "gid", "env", "cwd", "write": {path: base64}, "command": [...]}``:
a child forked from this process drops to the learner's uid and gid (no other groups), takes ``env``
as its whole environment (a learner's lab's: ``COURSE_*``, ``JUPYTER_CONFIG_PATH``, the token),
writes the ``write`` files (a learner saving their notebook), then runs ``nbgrader COMMAND`` in that
process, exactly as ``python -m nbgrader COMMAND`` would. nbgrader is imported once here, before
the forks, which keeps a cohort's commands to a fraction of a second each instead of seconds.
"""
from __future__ import annotations

import base64
import json
import os
import sys
from pathlib import Path

from jupyter_core.application import NoStart
from nbgrader.apps.nbgraderapp import NbGraderApp
import course.hub.exchange_client  # noqa: F401  (the lab's exchange classes, imported before the fork)


def _child(job: dict) -> int:
    os.setgroups([])
    os.setgid(job["gid"])
    os.setuid(job["uid"])
    os.environ.clear()
    os.environ.update(job["env"])
    cwd = Path(job["cwd"])
    cwd.mkdir(parents=True, exist_ok=True)
    os.chdir(cwd)
    for path, data in job.get("write", {}).items():
        Path(path).write_bytes(base64.b64decode(data))
    app = NbGraderApp.instance()
    try:
        app.initialize(job["command"])
        app.start()
    except NoStart:          # jupyter_core's way of saying the subcommand ran (launch_instance returns)
        return 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def _start(job: dict, output: Path) -> int:
    """Fork a child that runs ``job`` with its output in ``output``; the child's pid."""
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        code = _child(job)
    except BaseException as exc:   # reported through the output; the child never returns into the parent's code
        os.write(2, f"{type(exc).__name__}: {exc}\n".encode())
    finally:
        os._exit(code)


def run_all(jobs: list[dict], workers: int, scratch: Path) -> list[dict]:
    """Every job, ``workers`` children at a time (no threads: forking from one would copy their locks)."""
    results, running, waiting = {}, {}, list(enumerate(jobs))
    while waiting or running:
        while waiting and len(running) < workers:
            index, job = waiting.pop(0)
            output = scratch / f"{index}.out"
            running[_start(job, output)] = (index, job, output)
        pid, status = os.wait()
        if pid in running:
            index, job, output = running.pop(pid)
            text = output.read_text(encoding="utf-8", errors="replace") if output.exists() else ""
            results[index] = {"learner": job["learner"], "code": os.waitstatus_to_exitcode(status),
                              "output": text[-2000:]}
    return [results[i] for i in range(len(jobs))]


def main() -> int:
    import tempfile
    jobs = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    with tempfile.TemporaryDirectory() as scratch:
        for result in run_all(jobs, workers, Path(scratch)):
            print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
