"""Revision numbers that were taken but never published, so the history can say why numbers skip.

A revision's number is drawn when its publish begins (PostgreSQL's sequence; a sequence is never
rolled back), so a publish that fails or is interrupted leaves its number unused: 18 → 46 after
failed publishes and a crash (issue 18). The history states each such gap instead of leaving it
unexplained.
"""

from __future__ import annotations

from collections.abc import Iterable


def revision_gaps(ids: Iterable[int]) -> list[tuple[int, int]]:
    """The runs of numbers missing between published revisions, as (first, last), oldest first."""
    gaps: list[tuple[int, int]] = []
    previous = 0
    for number in sorted(ids):
        if number > previous + 1:
            gaps.append((previous + 1, number - 1))
        previous = number
    return gaps


def gap_key(first: int, last: int) -> str:
    """The label that says it: one number, or a range."""
    return "revision_gap_one" if first == last else "revision_gap"
