"""The load benchmark's own parts still work: a small seed, every page measured in-process.

The benchmark is not part of `make test` (bench/load.py drives gunicorn with wrk); this keeps
its seed and its statement counter from rotting unnoticed between runs.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.profile import measure
from bench.seed import seed_large

pytestmark = pytest.mark.once


def test_bench_seed_and_measure_run_on_a_small_database(tmp_path):
    url = f"sqlite:///{tmp_path}/bench.sqlite3"
    targets = seed_large(url, organisations=120, applications=40)
    plan = [
        ("dashboard", targets["dashboard"], "leader", None),
        ("mijn taken", targets["tasks"], "leader", None),
        ("stemmen", targets["votes"], "member", None),
        ("stempagina", targets["vote_page"], "member", None),
        ("stem (htmx)", targets["vote_page"], "member", {"choice": "twijfel", "motivation": "x"}),
        ("partners", targets["directory"], "", None),
    ]
    statements, processor, profile = measure(url, plan, targets, "dashboard", requests=2)
    assert set(statements) == set(processor) == {name for name, *_ in plan}
    assert all(1 <= count <= 12 for count in statements.values()), statements
    assert all(0 < ms < 5000 for ms in processor.values()), processor
    assert "dashboard" in profile or "index" in profile


def test_the_transition_benchmark_runs_and_prints_its_ratio():
    bench = Path(__file__).resolve().parent.parent / "bench" / "transitions.py"
    done = subprocess.run(
        [sys.executable, str(bench), "--rounds", "20"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    ratio = re.search(r"^ratio: (\d+\.\d+)$", done.stdout, re.M)
    assert ratio and float(ratio.group(1)) > 0, done.stdout
