"""Checking an uploaded file before anyone publishes it: read, validate against the current data, preview.

The check runs as a background job (``indicators.jobs``) in whichever process or worker picks it
up; its result, an ``UploadCheck``, waits in the database until its editor publishes it, answers
its questions (which checks the same bytes again) or leaves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.change_preview import Preview, preview_changes
from indicators.ingest import ImportResult, reader_context, report_change_problems
from indicators.problems import Problem, errors
from indicators.store import Store
from indicators.store_limits import limit_problems
from indicators.validation import check_cumulative
from indicators.workbook import ParsedWorkbook, read_workbook

STEPS = 4


@dataclass
class UploadCheck:
    filename: str
    user: str
    mode: str
    data: bytes
    parsed: ParsedWorkbook
    preview: Preview | None = None
    published: ImportResult | None = None
    answers: dict[str, str] = field(default_factory=dict)
    report_changes: list[Problem] = field(default_factory=list)  # figures of the report it would change

    @property
    def ok(self) -> bool:
        return self.parsed.ok

    @property
    def asks(self) -> bool:
        """Only questions stand in the way: the page asks them instead of listing problems."""
        return bool(self.parsed.questions) and not errors(self.parsed.problems)


def check_upload(store: Store, settings: dict, data: bytes, filename: str, user: str, mode: str, progress,
                 answers: dict[str, str] | None = None, cancelled=None) -> UploadCheck:  # type: ignore[no-untyped-def]
    """Container checks, bounded parse, validation against the current data, then the preview."""
    progress(1, STEPS)
    parsed = read_workbook(data, settings, within_file_only=True,
                           context=reader_context(store, settings, answers=answers), cancelled=cancelled)
    parsed.problems.extend(limit_problems(parsed, filename))  # what the store's columns cannot keep
    progress(2, STEPS)
    _, observations, targets = store.data()  # one read serves the running-total check and the preview
    if parsed.ok and mode == "merge":
        found = check_cumulative(parsed.observations, observations)
        parsed.problems.extend(p for p in found if p not in parsed.problems)
    progress(3, STEPS)
    check = UploadCheck(filename, user, mode, data, parsed, answers=dict(answers or {}))
    if parsed.ok:
        check.preview = preview_changes(observations, targets, parsed.observations, parsed.targets, mode)
        check.report_changes = report_change_problems(observations, parsed, mode)
    progress(STEPS, STEPS)
    return check
