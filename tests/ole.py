"""A minimal OLE compound file writer, to build .xls-like containers the tests need (macros, encryption).

Compound File Binary format, version 3 (512-byte sectors). Every stream is padded to 4,096 bytes
so no mini stream is needed. Siblings are chained through their right pointers in the format's
name order, which is a valid (if unbalanced) tree: olefile and python-calamine read it.
"""

from __future__ import annotations

import struct

SECTOR = 512
FREE, END, FAT_SECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _order(name: str) -> tuple[int, str]:
    return len(name), name.upper()


def build(tree: dict) -> bytes:
    """An OLE file of ``tree``: name -> bytes (a stream) or name -> dict (a storage)."""
    entries: list[dict] = [{"name": "Root Entry", "type": 5, "child": NOSTREAM, "right": NOSTREAM, "data": b""}]

    def add(children: dict) -> int:
        indexes = []
        for name in sorted(children, key=_order):
            content = children[name]
            entry = {"name": name, "type": 1 if isinstance(content, dict) else 2, "child": NOSTREAM,
                     "right": NOSTREAM, "data": b"" if isinstance(content, dict) else content}
            entries.append(entry)
            indexes.append(len(entries) - 1)
            if isinstance(content, dict):
                entry["child"] = add(content)
        for a, b in zip(indexes, indexes[1:], strict=False):
            entries[a]["right"] = b
        return indexes[0] if indexes else NOSTREAM

    entries[0]["child"] = add(tree)
    dir_sectors = (len(entries) * 128 + SECTOR - 1) // SECTOR
    data_start = 1 + dir_sectors  # sector 0 is the FAT
    streams = b""
    for entry in entries:
        if entry["type"] == 2:
            payload = entry["data"].ljust(4096, b"\0")
            payload += b"\0" * (-len(payload) % SECTOR)
            entry["start"] = data_start + len(streams) // SECTOR
            entry["sectors"] = len(payload) // SECTOR
            entry["data"] = payload  # its declared size too: under 4,096 bytes would mean the mini stream
            streams += payload
    total = data_start + len(streams) // SECTOR
    if total > SECTOR // 4:
        raise ValueError("too large for a one-sector FAT")
    fat = [FAT_SECT] + [i + 2 if i + 1 < dir_sectors else END for i in range(dir_sectors)]
    for entry in entries:
        if entry["type"] == 2:
            start, n = entry["start"], entry["sectors"]
            fat += [start + i + 1 if i + 1 < n else END for i in range(n)]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    directory = b""
    for entry in entries:
        name = entry["name"].encode("utf-16-le") + b"\0\0"
        directory += struct.pack(
            "<64sHBBIII16sIQQIII", name, len(name), entry["type"], 1, NOSTREAM, entry["right"], entry["child"],
            b"\0" * 16, 0, 0, 0, entry.get("start", END if entry["type"] != 5 else END),
            len(entry["data"]) if entry["type"] == 2 else 0, 0)
    directory = directory.ljust(dir_sectors * SECTOR, b"\0")
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16, 0x3E, 3,
                         0xFFFE, 9, 6, b"\0" * 6, 0, 1, 1, 0, 4096, END, 0, END, 0)
    header += struct.pack("<I", 0) + struct.pack("<108I", *[FREE] * 108)
    return header + struct.pack(f"<{SECTOR // 4}I", *fat) + directory + streams


def biff_globals(sheet_types: list[int]) -> bytes:
    """A BIFF8 workbook globals stream: BOF, one BOUNDSHEET per sheet (0 worksheet, 1 Excel 4 macro
    sheet), EOF. Enough for the container check to walk; not a whole readable workbook."""
    records = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0, 0, 0, 0)
    for i, kind in enumerate(sheet_types):
        name = f"Sheet{i + 1}".encode("latin-1")
        body = struct.pack("<IBBBB", 0, 0, kind, len(name), 0) + name
        records += struct.pack("<HH", 0x0085, len(body)) + body
    return records + struct.pack("<HH", 0x000A, 0)
