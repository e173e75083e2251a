"""Inside the sandbox: execute one notebook with nbclient, its kernel beside it.

Started by `sandbox.execute_notebook` as
`python -m course.grading.sandbox_runner IN OUT CELL_SECONDS` in the scratch
folder. Errors raised by cells stay in their outputs; anything that stops the
run is reported as the last line of stderr, with exit code 2.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def _private_dirs(home: Path) -> None:
    """Kernels need writable runtime and config folders: all of them live in scratch."""
    for name, sub in (("JUPYTER_RUNTIME_DIR", ".jupyter/runtime"), ("JUPYTER_CONFIG_DIR", ".jupyter"),
                      ("JUPYTER_DATA_DIR", ".local/share/jupyter"), ("IPYTHONDIR", ".ipython"),
                      ("MPLCONFIGDIR", ".matplotlib"), ("XDG_CACHE_HOME", ".cache")):
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(path)
    os.environ["HOME"] = str(home)
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"


def main(argv: list[str]) -> int:
    source, target, cell_seconds = argv[0], argv[1], int(argv[2])
    home = Path.cwd()
    _private_dirs(home)
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    try:
        nb = nbformat.reads(Path(source).read_text(encoding="utf-8"), as_version=4)
    except Exception as error:  # noqa: BLE001 - anything unreadable is one answer
        print(f"the file is not a readable notebook ({type(error).__name__}).", file=sys.stderr)
        return 2
    client = NotebookClient(nb, timeout=cell_seconds, kernel_name="python3", allow_errors=True,
                            startup_timeout=60, resources={"metadata": {"path": str(home)}})
    try:
        client.execute()
    except CellTimeoutError:
        print(f"a cell ran longer than {cell_seconds} seconds.", file=sys.stderr)
        return 2
    except DeadKernelError:
        print("the notebook's kernel stopped (it may have used too much memory).", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - the reason goes back to the grader
        print(f"{type(error).__name__}: {error}".splitlines()[0], file=sys.stderr)
        return 2
    Path(target).write_text(nbformat.writes(nb), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
