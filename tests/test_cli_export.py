"""`claims export`: an Excel-ready CSV, and an empty ClaimReview export that says why."""
from __future__ import annotations

from tests.test_cli import run


def test_excel_csv_starts_with_a_byte_order_mark(sample_url: str) -> None:
    plain = run(sample_url, "export", "--status", "reviewed").stdout
    excel = run(sample_url, "export", "--status", "reviewed", "--excel").stdout
    assert plain.startswith("claim_id,") and excel == "\ufeff" + plain


def test_exporting_no_claimreview_says_why(sample_url: str) -> None:
    # The sample data's only reviewed claims are its three imported fact-checks.
    p = run(sample_url, "export", "--format", "claimreview", "--status", "reviewed")
    assert p.stdout.strip() == "[]"
    assert p.stderr == ("claims: nothing to publish: of the 3 claims selected, 0 are reviewed by this desk "
                        "(a ClaimReview needs a final verdict of ours; imported fact-checks are not re-published)\n")
