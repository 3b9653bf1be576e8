"""The load benchmark's own parts still work: a small seed, every page measured in-process.

The benchmark is not part of `make test` (bench/load.py drives gunicorn with wrk); this keeps
its seed and its statement counter from rotting unnoticed between runs.
"""

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
    statements, profile = measure(url, plan, targets, "dashboard", requests=2)
    assert set(statements) == {name for name, *_ in plan}
    assert all(warm >= 1 and cold >= warm for warm, cold in statements.values()), statements
    assert "dashboard" in profile or "index" in profile
