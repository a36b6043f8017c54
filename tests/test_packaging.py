"""pyproject.toml tells the truth: what the product imports is declared, and what only the
tests and benchmarks use stays out of a plain `pip install -e .` (the venv `make run` builds)."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Import name -> distribution name, where they differ.
DISTRIBUTION = {"sklearn": "scikit-learn", "argon2": "argon2-cffi", "yaml": "pyyaml", "lxml_html_clean": "lxml_html_clean"}
FIRST_PARTY = {"claims", "db", "ui", "tests"}
TEST_ONLY = {"pytest", "hypothesis", "playwright", "ruff", "pysbd"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~\[;]", requirement, maxsplit=1)[0].lower().replace("-", "_")


def _third_party_imports() -> set[str]:
    found: set[str] = set()
    files = [ROOT / "app.py", *(p for d in ("claims", "db", "ui") for p in (ROOT / d).rglob("*.py"))]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else [])
            found.update(n.split(".")[0] for n in names)
    return {n for n in found if n not in FIRST_PARTY and n not in sys.stdlib_module_names}


def test_every_runtime_import_is_declared() -> None:
    declared = {_name(r) for r in PROJECT["dependencies"]}
    missing = {n for n in _third_party_imports() if DISTRIBUTION.get(n, n).lower().replace("-", "_") not in declared}
    assert not missing, f"imported but not in [project.dependencies]: {sorted(missing)}"


def test_html_cleaner_is_declared() -> None:
    # trafilatura -> jusText imports lxml.html.clean, which lxml 5.2+ ships apart; a fresh venv
    # without it fails on every HTML article.
    assert "lxml_html_clean" in {_name(r) for r in PROJECT["dependencies"]}


def test_test_tools_stay_out_of_the_runtime() -> None:
    declared = {_name(r) for r in PROJECT["dependencies"]}
    assert not declared & TEST_ONLY
    extras = {_name(r) for reqs in PROJECT["optional-dependencies"].values() for r in reqs}
    assert TEST_ONLY <= extras
