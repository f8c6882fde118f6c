"""工会指标看板 — build the Dash app on the store and run it.

    python app.py [--host H] [--port P] [--db URL] [--workers N]
"""

from __future__ import annotations

import argparse
import atexit
import os
import sys
import threading
import time
from pathlib import Path

import dash
from dash import Dash, dcc
from flask import g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from indicators import settings
from indicators.application import Application
from indicators.catalogue import activate, deactivate
from indicators.labels import t
from indicators.rendering import RenderError, warm_up
from indicators.store import StoreError
from layouts import ids
from layouts.auth import setup_auth
from layouts.errors import register_error_handlers
from layouts.round_routes import register_round_routes
from layouts.routes import register_routes
from layouts.security import setup_security_headers
from layouts.state import request_lang
from layouts.upload_flow import register_upload_routes

HERE = Path(__file__).resolve().parent


def create_app(overrides: dict | None = None, application: Application | None = None) -> Dash:
    """The Dash app around one application object (settings, store, caches, jobs), built here once."""
    application = application or Application(overrides)
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
    server = app.server
    server.config["APPLICATION"] = application
    server.config["MAX_CONTENT_LENGTH"] = application.upload_limit + 64 * 1024  # the form's own fields on top
    if application.settings.behind_proxy:  # one nginx in front: its X-Forwarded-For/-Proto are the truth
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1)
    _catalogue_per_request(server, application)
    register_routes(server)
    register_upload_routes(server)
    register_round_routes(server)
    _print_first_admin(application)
    setup_auth(server, application.users)
    setup_security_headers(app, bool(application.settings.secure_cookies))
    register_error_handlers(server)
    app.layout = dash.html.Div([dcc.Location(id=ids.URL, refresh="callback-nav"), dash.page_container])

    def interpolate_index(**parts: str) -> str:  # the first paint's tab title in the URL's language
        return Dash.interpolate_index(app, **{**parts, "title": t("app_title", request_lang())})

    app.interpolate_index = interpolate_index
    return app


STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon")


def _catalogue_per_request(server, application: Application) -> None:  # type: ignore[no-untyped-def]
    """Each request runs with the store's catalogue as it is now (one query: has its version moved?)."""

    @server.before_request
    def catalogue_in_effect() -> None:
        if not request.path.startswith(STATIC_PREFIXES):
            g.catalogue_token = activate(application.catalogue())

    @server.teardown_request
    def catalogue_done(_error: BaseException | None) -> None:
        token = g.pop("catalogue_token", None)
        if token is not None:
            deactivate(token)


def _print_first_admin(application: Application) -> None:
    password = application.users.ensure_first_admin()
    if password:
        print(f"已创建管理员 admin，初始密码（只显示这一次）：{password}\n"
              f"Created the admin user 'admin'; its password (shown only this once): {password}", flush=True)


def _warm_renderer() -> None:
    try:
        warm_up()
    except RenderError as exc:
        print(f"图表导出暂不可用 (chart export unavailable): {exc}", flush=True)


def _warm_in_background() -> None:
    # Start Chromium for chart exports now, beside the server, so the first export is quick.
    threading.Thread(target=_warm_renderer, name="warm-renderer", daemon=True).start()


def _one_renderer_for_the_host() -> None:
    """Start the chart renderer service beside gunicorn, unless one is configured: every worker then
    renders through its one Chromium instead of starting its own (about 1 GB each)."""
    if settings.get("render_socket"):
        return  # the host runs one already (systemd, docs/deploy.md); the workers use it
    import subprocess
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="union-indicators-render-")) / "render.sock"
    service = subprocess.Popen([sys.executable, "-m", "indicators", "render-service", "--socket", str(path)])
    os.environ[settings.BY_NAME["render_socket"].env] = str(path)  # inherited by the workers gunicorn forks
    master = os.getpid()
    deadline = time.monotonic() + 60
    while not path.exists() and service.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)  # listening before the workers take requests (Chromium itself warms after)
    if not path.exists():
        print("图表导出暂不可用：图表渲染服务未能启动 (chart export unavailable: the chart renderer service did "
              "not start)", flush=True)

    def stop() -> None:
        if os.getpid() != master:
            return  # a worker leaving (it inherited this hook): the service stays for the others
        service.terminate()
        try:
            service.wait(10)
        except subprocess.TimeoutExpired:
            service.kill()

    atexit.register(stop)


def serve(overrides: dict, workers: int) -> None:
    """A production server: gunicorn with ``workers`` processes (Linux, macOS), waitress on Windows.

    The store is opened (migrated, seeded, the first admin made) once here, before any worker
    starts; each worker then builds its own application object, so no connection crosses a fork.
    """
    first = Application(overrides)
    _print_first_admin(first)
    host, port = first.settings.host, int(first.settings.port)
    first.store.close()
    print(f"工会指标看板: http://{host}:{port}/  ({workers} worker process(es))", flush=True)
    if sys.platform == "win32":
        from waitress import serve as waitress_serve

        if workers > 1:
            print("Windows: one process with threads (waitress); --workers is not used.", flush=True)
        app = create_app(overrides)
        _warm_in_background()
        waitress_serve(app.server, host=host, port=port, threads=8)
        return
    from gunicorn.app.base import BaseApplication

    _one_renderer_for_the_host()

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {"bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread",
                               "threads": 8, "timeout": 180, "graceful_timeout": 10, "accesslog": None,
                               "errorlog": "-", "loglevel": "warning", "preload_app": False,
                               "limit_request_line": 8190}.items():
                self.cfg.set(key, value)

        def load(self):  # type: ignore[no-untyped-def]
            app = create_app(overrides)
            _warm_in_background()
            return app.server

    Server().run()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="工会指标看板")
    parser.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default 8050)")
    parser.add_argument("--db", default=None, help="store: SQLite file or PostgreSQL URL")
    parser.add_argument("--workers", type=int, default=None, help="server processes (default 1; $INDICATORS_WORKERS)")
    args = parser.parse_args(argv)
    overrides = {"db": args.db, "host": args.host, "port": args.port, "workers": args.workers}
    try:
        workers = int(settings.resolve(overrides).workers)
        if workers < 1:
            parser.error("--workers must be at least 1")
        serve(overrides, workers)
    except (StoreError, ValueError) as exc:  # a store that cannot be opened, a wrong setting: say why
        parser.exit(2, f"{exc}\n")


if __name__ == "__main__":
    main()
