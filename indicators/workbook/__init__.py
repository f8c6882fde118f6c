"""Reading workbooks (.xlsx, .xls, .ods, .csv): the container checks, the layouts, and the account
of how each sheet was read. ``read_workbook`` is the one door."""

from indicators.workbook.context import ReadContext
from indicators.workbook.reader import ParsedWorkbook, default_context, read_workbook
from indicators.workbook.reading import ReadNote, SheetReading, WorkbookReading

__all__ = ["ParsedWorkbook", "ReadContext", "ReadNote", "SheetReading", "WorkbookReading", "default_context",
           "read_workbook"]
