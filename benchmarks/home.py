"""How long the learner's course home takes to open, cold and warm, against what it replaced.

Starts a real learner's lab (`course lab`, as `make lab` does) on a fresh course, then measures, in the same run:

- **home, cold**: the first request of ``/course/home`` after the server started (nothing cached yet);
- **home, warm**: the median of ``--repeat`` further requests, and of the page's own refresh (``/course/home/state``);
- **baseline**: the median of the server's cheapest answer (``/api/status``), to show what the machine gives now;
- **before**: the old home, a notebook cell (``from course.home import show; show()``) run in a fresh kernel,
  which is what START_HERE cost a learner (kernel start included), with nbclient.

Prints a table and, as its last line, how many times faster the home opens than the old notebook home.

    .venv/bin/python benchmarks/home.py [--repeat 20]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def timed_get(url: str) -> float:
    start = time.perf_counter()
    request = urllib.request.Request(url, headers={"Referer": url})
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
    return time.perf_counter() - start


def old_home_seconds(layout) -> float:
    """The old home: START_HERE's cell in a fresh kernel, as the learner ran it."""
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from course.home import show\nshow()")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    env = dict(os.environ, COURSE_ROOT=str(layout.root), COURSE_LEARNER="bench")
    old = dict(os.environ)
    os.environ.update(env)
    from course.check import private_kernel
    try:
        with tempfile.TemporaryDirectory() as sockets:
            start = time.perf_counter()
            NotebookClient(nb, km=private_kernel(sockets), timeout=120,
                           resources={"metadata": {"path": str(layout.workspace)}}).execute(stderr=subprocess.DEVNULL)
            return time.perf_counter() - start
    finally:
        os.environ.clear()
        os.environ.update(old)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from servers import free_port, stop

    from course.scaffold import init_course
    root = Path(tempfile.mkdtemp(prefix="bench-home-"))
    layout = init_course(root / "course", learner="bench")
    before = old_home_seconds(layout)
    time.sleep(2)   # the old kernel's last words land before the lab starts
    port = free_port()
    log = root / "lab.log"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(root / "runtime"))
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "course", "--root", str(layout.root), "lab", "--no-browser",
                                 "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        token = None
        deadline = time.monotonic() + 180
        while token is None and time.monotonic() < deadline:
            found = re.search(r"/course/home\?token=([0-9a-f]+)", log.read_text())
            token = found and found[1]
            time.sleep(0.2)
        if token is None:
            raise SystemExit(f"the lab did not start:\n{log.read_text()}")
        base = f"http://127.0.0.1:{port}"
        cold = timed_get(f"{base}/course/home?token={token}")
        warm = statistics.median(timed_get(f"{base}/course/home?token={token}") for _ in range(args.repeat))
        state = statistics.median(timed_get(f"{base}/course/home/state?token={token}") for _ in range(args.repeat))
        status = statistics.median(timed_get(f"{base}/api/status?token={token}") for _ in range(args.repeat))
    finally:
        stop(proc)
    rows = [("home, cold (first request)", cold), ("home, warm (median)", warm),
            ("home's refresh /course/home/state (median)", state), ("baseline /api/status (median)", status),
            ("before: START_HERE cell in a fresh kernel", before)]
    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  seconds  x baseline")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.3f}  {seconds / status:9.1f}")
    print(f"{before / max(cold, warm):.1f}x")


if __name__ == "__main__":
    main()
