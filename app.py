"""工会指标看板 — build the Dash app on the store and run it.

    python app.py [--host H] [--port P] [--db URL]
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

import dash
from dash import Dash, dcc

from indicators import settings
from indicators.ingest import seed_if_empty
from indicators.labels import t
from indicators.rendering import RenderError, warm_up
from indicators.stat_year import check_basis
from indicators.store import Store, StoreError
from indicators.users import Users
from layouts import ids
from layouts.auth import setup_auth
from layouts.errors import register_error_handlers
from layouts.routes import register_routes
from layouts.security import setup_security_headers
from layouts.state import request_lang
from layouts.upload_flow import register_upload_routes

HERE = Path(__file__).resolve().parent


def create_app(overrides: dict | None = None) -> Dash:
    """The Dash app, on the store the settings name, seeded with the built-in data on first start."""
    check_basis(settings.get("year_basis", overrides))  # a wrong setting stops the start, not a page
    store = Store(settings.db_url(settings.get("db", overrides)))
    seed_if_empty(store)
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(HERE / "layouts" / "pages"),
        assets_folder=str(HERE / "layouts" / "assets"),
        serve_locally=True,  # government intranets have no internet: every script comes from here
        title="工会指标看板",
        update_title=None,
        suppress_callback_exceptions=True,
    )
    register_routes(app.server)
    register_upload_routes(app.server)
    users = Users(store)
    password = users.ensure_first_admin()
    if password:
        print(f"已创建管理员 admin，初始密码（只显示这一次）：{password}\n"
              f"Created the admin user 'admin'; its password (shown only this once): {password}", flush=True)
    setup_auth(app.server, users)
    setup_security_headers(app, bool(settings.get("secure_cookies", overrides)))
    register_error_handlers(app.server)
    limit = int(settings.get("max_upload_mb", overrides)) * 1024 * 1024
    app.server.config["UPLOAD_LIMIT"] = limit
    app.server.config["MAX_CONTENT_LENGTH"] = limit + 64 * 1024  # the form's own fields on top of the file
    app.server.config["STORE"] = store
    app.server.config["SETTINGS"] = dict(overrides or {})
    app.layout = dash.html.Div([dcc.Location(id=ids.URL, refresh="callback-nav"), dash.page_container])

    def interpolate_index(**parts: str) -> str:  # the first paint's tab title in the URL's language
        return Dash.interpolate_index(app, **{**parts, "title": t("app_title", request_lang())})

    app.interpolate_index = interpolate_index
    return app


def _warm_renderer() -> None:
    try:
        warm_up()
    except RenderError as exc:
        print(f"图表导出暂不可用 (chart export unavailable): {exc}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="工会指标看板")
    parser.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default 8050)")
    parser.add_argument("--db", default=None, help="store: SQLite file or PostgreSQL URL")
    args = parser.parse_args(argv)
    overrides = {"db": args.db, "host": args.host, "port": args.port}
    try:
        app = create_app(overrides)
    except StoreError as exc:  # a store that cannot be opened: say why, without a traceback
        parser.exit(2, f"{exc}\n")
    # Start Chromium for chart exports now, beside the server, so the first export is quick.
    threading.Thread(target=_warm_renderer, name="warm-renderer", daemon=True).start()
    app.run(host=settings.get("host", overrides), port=int(settings.get("port", overrides)), debug=False)


if __name__ == "__main__":
    main()
