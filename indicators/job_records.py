"""Jobs' inputs and results as JSON text: what the ``jobs`` table holds, and the only way back from it.

A job's row used to hold pickles, and unpickling runs whatever the bytes say: one UPDATE of the table
ran a command in a web worker on the next poll (issue 18). Here a record is plain JSON; a value JSON
has no word for is written as ``{"$t": name, ...}``, and ``name`` must be one of the few kinds below
(bytes, tuples, sets, dates, data frames, and the dataclasses the tasks exchange: upload and round
checks, their parsed workbooks, previews and problems, a publish's result). Reading builds exactly
those, field by field; anything else is a ``RecordError``, never code.
"""

from __future__ import annotations

import base64
import contextvars
import dataclasses
import datetime as dt
import functools
import json
import math
from typing import Any

import numpy as np
import pandas as pd

TAG = "$t"
# Kept once however often a record holds it: a published check's result holds its parsed workbook
# twice (the check's, and the publish result's), 100,000 rows each, which a pickle shared too.
SHARED = frozenset({"ParsedWorkbook"})
_SHARED: contextvars.ContextVar[dict] = contextvars.ContextVar("job_records_shared")


@functools.cache
def dataclasses_kept() -> dict[str, type]:
    """The dataclasses a job's input or result may contain, by name; a new kind of result is added here.
    Imported on first use: the reader, below these modules, imports ``indicators.jobs``."""
    from indicators.catalogue import Indicator
    from indicators.change_preview import Change, IndicatorPreview, Preview, PreviewWarning
    from indicators.ingest import ImportResult
    from indicators.problems import Problem
    from indicators.round_check import RoundCheck
    from indicators.rounds import ValueWarning
    from indicators.store import Revision
    from indicators.upload_check import UploadCheck
    from indicators.workbook import ParsedWorkbook, ReadNote, SheetReading, WorkbookReading

    return {cls.__name__: cls for cls in (
        UploadCheck, RoundCheck, ParsedWorkbook, WorkbookReading, SheetReading, ReadNote, Problem, Preview,
        IndicatorPreview, Change, PreviewWarning, ImportResult, Revision, Indicator, ValueWarning)}


class RecordError(ValueError):
    """A job's record is not what this program writes (damaged, or written by someone else)."""


def to_json(value: Any) -> str:
    """``value`` as JSON text (ASCII, so a NUL in a cell is the six characters ``\\u0000``)."""
    token = _SHARED.set({})
    try:
        return json.dumps(_encode(value), ensure_ascii=True, separators=(",", ":"))
    finally:
        _SHARED.reset(token)


def from_json(text: str | bytes | None) -> Any:
    """The value ``to_json`` wrote; ``RecordError`` for anything else (a pickle, a foreign tag)."""
    if text is None:
        return None
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RecordError(f"not JSON: {exc}") from None
    token = _SHARED.set({})
    try:
        return _decode(raw)
    except RecordError:
        raise
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        raise RecordError(f"not a job record: {type(exc).__name__}: {exc}") from None
    finally:
        _SHARED.reset(token)


# --- writing --------------------------------------------------------------------------------------------

def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value if not isinstance(value, float) or math.isfinite(value) else {TAG: "float", "v": repr(value)}
    if isinstance(value, np.generic):
        return _encode(value.item())
    if value is pd.NA or value is pd.NaT:
        return {TAG: "na"}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {TAG: "bytes", "v": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {TAG: "tuple", "v": [_encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {TAG: "set", "v": [_encode(v) for v in sorted(value, key=repr)]}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and TAG not in value:
            return {k: _encode(v) for k, v in value.items()}
        return {TAG: "dict", "v": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, dt.datetime):
        return {TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {TAG: "date", "v": value.isoformat()}
    if isinstance(value, pd.DataFrame):
        return _encode_frame(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if dataclasses_kept().get(name) is not type(value):
            raise TypeError(f"a job cannot keep a {type(value).__qualname__}: add it to job_records.dataclasses_kept")
        if name not in SHARED:
            return {TAG: name, "v": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
        seen = _SHARED.get()
        if id(value) in seen:
            return {TAG: "same", "v": seen[id(value)]}
        seen[id(value)] = number = len(seen)
        return {TAG: name, "n": number, "v": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    raise TypeError(f"a job cannot keep a {type(value).__qualname__}")


def _encode_frame(frame: pd.DataFrame) -> dict:
    columns = []
    for name in frame.columns:
        series = frame[name]
        if isinstance(series.dtype, pd.CategoricalDtype):
            columns.append({"name": _encode(name), "dtype": "category",
                            "categories": _encode(list(series.cat.categories)),
                            "codes": series.cat.codes.tolist(), "ordered": bool(series.cat.ordered)})
        elif series.dtype.kind in "iub" and not isinstance(series.dtype, pd.api.extensions.ExtensionDtype):
            columns.append({"name": _encode(name), "dtype": str(series.dtype), "values": series.tolist()})
        elif series.dtype.kind == "f" and not isinstance(series.dtype, pd.api.extensions.ExtensionDtype) \
                and not np.isinf(series.to_numpy()).any():  # plain numbers, NaN as null: no value-by-value pass
            columns.append({"name": _encode(name), "dtype": str(series.dtype), "numbers": True,
                            "values": series.astype(object).where(series.notna(), None).tolist()})
        else:
            columns.append({"name": _encode(name), "dtype": str(series.dtype), "values": _encode(series.tolist())})
    index = frame.index
    plain = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
    return {TAG: "frame", "columns": columns, "length": len(frame),
            "index": None if plain else {"dtype": str(index.dtype), "values": _encode(index.tolist())}}


# --- reading --------------------------------------------------------------------------------------------

def _decode(raw: Any) -> Any:
    if isinstance(raw, list):
        return [_decode(v) for v in raw]
    if not isinstance(raw, dict):
        return raw
    if TAG not in raw:
        return {k: _decode(v) for k, v in raw.items()}
    tag = raw[TAG]
    if tag == "float":
        if raw["v"] not in ("nan", "inf", "-inf"):
            raise RecordError(f"not a float: {raw['v']!r:.40}")
        return float(raw["v"])
    if tag == "na":
        return None
    if tag == "bytes":
        return base64.b64decode(raw["v"], validate=True)
    if tag == "tuple":
        return tuple(_decode(v) for v in _list(raw["v"]))
    if tag == "set":
        return {_decode(v) for v in _list(raw["v"])}
    if tag == "dict":
        return {_decode(k): _decode(v) for k, v in _list(raw["v"])}
    if tag == "datetime":
        return dt.datetime.fromisoformat(raw["v"])
    if tag == "date":
        return dt.date.fromisoformat(raw["v"])
    if tag == "frame":
        return _decode_frame(raw)
    shared = _SHARED.get()
    if tag == "same":
        if not isinstance(raw["v"], int) or raw["v"] not in shared:
            raise RecordError("a reference to nothing before it")
        return shared[raw["v"]]
    cls = dataclasses_kept().get(tag) if isinstance(tag, str) else None
    if cls is None:
        raise RecordError(f"not a kind a job keeps: {str(tag)[:40]!r}")
    made = _decode_dataclass(cls, raw["v"])
    if tag in SHARED and isinstance(raw.get("n"), int):
        shared[raw["n"]] = made
    return made


def _list(raw: Any) -> list:
    if not isinstance(raw, list):
        raise RecordError("a list was expected")
    return raw


def _decode_dataclass(cls: type, raw: Any) -> Any:
    if not isinstance(raw, dict):
        raise RecordError(f"{cls.__name__}: fields were expected")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    if unknown := set(raw) - set(fields):
        raise RecordError(f"{cls.__name__} has no field {sorted(unknown)[0][:40]!r}")
    values = {name: _decode(v) for name, v in raw.items()}
    made = cls(**{k: v for k, v in values.items() if fields[k].init})
    for name, value in values.items():
        if not fields[name].init:
            object.__setattr__(made, name, value)
    return made


def _decode_frame(raw: dict) -> pd.DataFrame:
    length = int(raw["length"])
    data: dict[Any, Any] = {}
    for column in _list(raw["columns"]):
        name = _decode(column["name"])
        if column["dtype"] == "category":
            data[name] = pd.Categorical.from_codes(np.asarray(column["codes"], dtype="int64"),
                                                   categories=_decode(column["categories"]),
                                                   ordered=bool(column["ordered"]))
        elif _plain_numbers(column):
            values = _list(column["values"])
            if not all(v is None or isinstance(v, (int, float)) for v in values):
                raise RecordError(f"column {str(name)[:40]!r} holds something other than numbers")
            data[name] = pd.Series(np.array([np.nan if v is None else v for v in values]), dtype=_dtype(column["dtype"]))
        else:
            data[name] = pd.Series(_decode(column["values"]), dtype=_dtype(column["dtype"]))
        if len(data[name]) != length:
            raise RecordError(f"column {str(name)[:40]!r} has {len(data[name])} rows, not {length}")
    frame = pd.DataFrame(data) if data else pd.DataFrame(index=range(length))
    if raw["index"] is not None:
        frame.index = pd.Index(_decode(raw["index"]["values"]), dtype=_dtype(raw["index"]["dtype"]))
    return frame


def _plain_numbers(column: dict) -> bool:
    """A NumPy integer, boolean or (written as numbers) float column: its values are read without a pass each."""
    dtype = _dtype(column["dtype"])
    return isinstance(dtype, np.dtype) and (dtype.kind in "iub" or (dtype.kind == "f" and bool(column.get("numbers"))))


def _dtype(name: Any) -> Any:
    """A column's dtype by the name pandas gave it: only plain kinds, never an arbitrary object."""
    if not isinstance(name, str) or len(name) > 40:
        raise RecordError("not a column type")
    dtype = pd.api.types.pandas_dtype(name)
    if isinstance(dtype, pd.CategoricalDtype):
        raise RecordError("a categorical column is written with its codes")
    return dtype
