"""Writing a generated dataset: the fixed CSV formatting every generator uses (so a run reproduces the
shipped file byte for byte) and the command line they share (``--out``, ``--seed``)."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def write_table(frame, path: Path | str, float_format: str | None = None) -> Path:
    """Write ``frame`` as UTF-8 CSV with ``\\n`` line ends and no index; return the path."""
    path = Path(path)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", float_format=float_format)
    return path


def command_line(doc: str, write_csv: Callable[[Path, int], object], output: Path, seed: int,
                 argv: list[str] | None = None) -> int:
    """``python -m course.data.generate_X [--out FILE] [--seed N]``: write the dataset; exit status 0."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", type=Path, default=output, help="where to write the CSV")
    parser.add_argument("--seed", type=int, default=seed, help="random seed")
    args = parser.parse_args(argv)
    write_csv(args.out, args.seed)
    return 0
