"""The direction of imports is part of the architecture: db knows nothing of
claims or streamlit, claims never imports streamlit, text modules never import db."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Workflow modules may use db/; every other module of claims/ is pure text logic.
WORKFLOWS = {"ingest", "review", "report", "queue", "browse", "match_cache", "matching", "eval_retrieval",
             "train", "cli", "commands"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", modules("db"), ids=lambda p: str(p.relative_to(ROOT)))
def test_db_imports_neither_claims_nor_streamlit(path: Path) -> None:
    assert not imports_of(path) & {"claims", "streamlit", "ui"}


@pytest.mark.parametrize("path", modules("claims"), ids=lambda p: str(p.relative_to(ROOT)))
def test_claims_never_imports_streamlit(path: Path) -> None:
    found = imports_of(path)
    assert not found & {"streamlit", "ui"}
    rel = path.relative_to(ROOT / "claims")
    if rel.parts[0] not in WORKFLOWS and rel.stem not in WORKFLOWS and "db" in found:
        pytest.fail(f"{rel} is a text module but imports db/ (only workflows may)")
