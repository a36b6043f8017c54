"""The direction of imports is the architecture, and this test holds it.

    claims/text/   pure text logic: stdlib and numeric/text libraries only
    db/            models, engine, queries, full-text index: never claims/ or streamlit
    claims/*.py    workflows: db/ and claims.text, never streamlit or the CLI
    claims/eval/   evaluations: claims workflows and text, never the CLI or streamlit
    claims/cli/    the command line: claims (and db.engine to open a database), never db queries
    app.py, ui/    the Streamlit edge: claims and db.engine only
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Libraries that touch a database or a UI: none of them may appear in claims/text/.
STORAGE_OR_UI = {"db", "sqlalchemy", "alembic", "psycopg", "streamlit", "ui"}


def imports_of(path: Path) -> set[str]:
    """Dotted names of every absolute import in the file, and each of their prefixes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for name in found:
            parts = name.split(".")
            names.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    return names


def tops(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


def modules(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.py"))


def ids(path: Path) -> str:
    return str(path.relative_to(ROOT))


def workflow_modules() -> list[Path]:
    return sorted(p for p in (ROOT / "claims").glob("*.py") if p.name != "__init__.py")


def test_layout_has_the_four_layers() -> None:
    for folder in ("claims/text", "claims/eval", "claims/cli", "db/queries"):
        assert (ROOT / folder / "__init__.py").is_file(), f"{folder} is missing"
    # A newcomer finds no stray module of a layer outside its folder.
    stray = [p.name for p in workflow_modules() if p.stem.startswith(("eval", "cli", "cmd"))]
    assert stray == []


# The one vocabulary (statuses, stances, kinds) is a leaf module that imports nothing: db/ may
# take its allowed values from there, and nothing else of claims/.
VOCABULARY = "claims.text.vocab"


@pytest.mark.parametrize("path", modules("db"), ids=ids)
def test_db_imports_neither_claims_nor_streamlit(path: Path) -> None:
    found = imports_of(path)
    assert not tops(found) & {"streamlit", "ui"}
    claims_used = {n for n in found if n.startswith("claims.") and not n.startswith(VOCABULARY)} - {"claims.text"}
    assert not claims_used, f"{ids(path)} imports {sorted(claims_used)}"


def test_the_vocabulary_is_a_leaf() -> None:
    found = imports_of(ROOT / "claims" / "text" / "vocab.py")
    assert tops(found) <= {"__future__"}


@pytest.mark.parametrize("path", modules("claims/text"), ids=ids)
def test_text_modules_are_pure(path: Path) -> None:
    found = imports_of(path)
    assert not tops(found) & STORAGE_OR_UI, f"{ids(path)} imports {sorted(tops(found) & STORAGE_OR_UI)}"
    outside = {n for n in found if n.startswith("claims.") and not n.startswith("claims.text")}
    assert not outside, f"{ids(path)} imports workflows {sorted(outside)}"


@pytest.mark.parametrize("path", workflow_modules(), ids=ids)
def test_workflows_never_import_the_edges(path: Path) -> None:
    found = imports_of(path)
    assert not tops(found) & {"streamlit", "ui"}
    assert not {n for n in found if n.startswith(("claims.cli", "claims.eval"))}


@pytest.mark.parametrize("path", modules("claims/eval"), ids=ids)
def test_evaluations_run_the_product_not_the_database(path: Path) -> None:
    # An evaluation stores data through the workflows (claims.ingest), as the desk does.
    found = imports_of(path)
    assert not tops(found) & {"streamlit", "ui", "sqlalchemy"}
    assert not {n for n in found if n.startswith("claims.cli")}
    db_used = {n for n in found if n.startswith("db.")}
    assert db_used <= {"db.engine"} | {n for n in db_used if n.startswith("db.engine.")}, sorted(db_used)


@pytest.mark.parametrize("path", modules("claims/cli"), ids=ids)
def test_cli_calls_workflows_not_queries(path: Path) -> None:
    found = imports_of(path)
    assert not tops(found) & {"streamlit", "ui", "sqlalchemy"}
    db_used = {n for n in found if n.startswith("db.")}
    assert db_used <= {"db.engine"} | {n for n in db_used if n.startswith("db.engine.")}, sorted(db_used)


@pytest.mark.parametrize("path", [ROOT / "app.py", *modules("ui")], ids=ids)
def test_ui_imports_claims_and_db_engine_only(path: Path) -> None:
    found = imports_of(path)
    assert "sqlalchemy" not in tops(found)
    db_used = {n for n in found if n == "db" or n.startswith("db.")}
    assert db_used <= {"db", "db.engine"} | {n for n in db_used if n.startswith("db.engine.")}, sorted(db_used)
    assert "db" not in db_used or "db.engine" in db_used


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    # The rules above are only as good as imports_of: prove it reads both import forms.
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy.orm\nfrom db.queries import claims\n", encoding="utf-8")
    assert {"sqlalchemy", "sqlalchemy.orm", "db.queries", "db.queries.claims"} <= imports_of(bad)
