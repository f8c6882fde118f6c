"""Upload speed: a 100,000-row workbook sent through the browser's form to "preview ready",
against the command line's ``validate`` of the same file, side by side in one run.

    python bench/bench_upload.py [--rows 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.big_workbook import prepare_store, write_long_workbook  # noqa: E402
from browser import running_server  # noqa: E402
from indicators.store import Store  # noqa: E402
from indicators.users import Users  # noqa: E402

OUT = ROOT / "bench" / "out"


def token(opener, url: str) -> str:
    page = opener.open(url).read().decode()
    return page.split('name="csrf" value="')[1].split('"')[0]


def multipart(fields: dict[str, str], name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload_to_preview(opener, base: str, path: Path) -> float:
    csrf = token(opener, base + "/upload/form")
    body, kind = multipart({"csrf": csrf, "mode": "merge", "lang": "zh"}, path.name, path.read_bytes())
    started = time.perf_counter()
    request = urllib.request.Request(base + "/upload/file", data=body, headers={"Content-Type": kind})
    response = opener.open(request)
    job = urllib.parse.parse_qs(urllib.parse.urlparse(response.geturl()).query)["job"][0]
    while True:
        status = json.loads(opener.open(f"{base}/upload/status/{job}").read())
        if status["status"] != "running":
            break
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    assert status.get("preview_ready"), status
    return elapsed


def cli_validate(db: Path, path: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "indicators", "--db", str(db), "validate", str(path)], cwd=ROOT,
                   check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"long_{args.rows}.xlsx"
    if not path.exists():
        write_long_workbook(path, args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        store = Store(f"sqlite:///{db}")
        prepare_store(store, args.rows)
        Users(store).add("bench", "bench-password", "editor")
        store.close()
        with running_server(db) as base:
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
            csrf = token(opener, base + "/login")
            opener.open(base + "/login", data=urllib.parse.urlencode(
                {"csrf": csrf, "name": "bench", "password": "bench-password", "next": "/"}).encode())
            uploads, validates = [], []
            for _ in range(args.rounds):
                validates.append(cli_validate(db, path))
                uploads.append(upload_to_preview(opener, base, path))
    upload, validate = statistics.median(uploads), statistics.median(validates)
    print(f"file: {path.name}, {args.rows:,} rows")
    print(f"upload to preview ready (median of {args.rounds})   {upload:6.2f} s")
    print(f"python -m indicators validate (median)      {validate:6.2f} s")
    print(f"ratio upload / validate                     {upload / validate:6.2f}x  (goal: at most 1.5x)")


if __name__ == "__main__":
    main()
