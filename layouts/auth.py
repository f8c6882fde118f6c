"""Sign-in (Flask-Login): /login, /logout, who may see which page, and form tokens.

Roles are checked on the server for every page and every action that changes data; what the
browser shows or hides is only a convenience. Sessions are signed with a key kept in the
database, so every server process accepts the same sign-in.
"""

from __future__ import annotations

import hmac
import html
import secrets
from urllib.parse import urlencode, urlparse

from flask import Flask, Response, abort, current_app, g, redirect, request, session
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from indicators.labels import t
from indicators.users import User, Users, role_allows

EDITOR_PATHS = ("/upload", "/history", "/regions", "/rounds", "/round-", "/catalogue")  # pages only editors may open
OPEN_PREFIXES = ("/login", "/logout", "/assets/", "/_dash-component-suites/", "/_favicon", "/_reload-hash", "/healthz")


class SessionUser(UserMixin):
    def __init__(self, user: User) -> None:
        self.user = user
        self.id = user.name

    @property
    def role(self) -> str:
        return self.user.role


def current_role() -> str | None:
    """The signed-in user's role, or None: what every data-changing action checks itself."""
    return current_user.role if current_user.is_authenticated else None


def current_name() -> str | None:
    return current_user.id if current_user.is_authenticated else None


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


def check_csrf() -> None:
    sent = request.form.get("csrf", "")
    if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
        abort(400, "表单已过期，请刷新页面后再试 (the form has expired; reload the page and try again)")


def safe_next(target: str | None) -> str:
    """Only a path on this site: never send someone elsewhere after signing in."""
    if not target or any(ch in target for ch in "\r\n\t\\") or len(target) > 2000:
        return "/"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def sign_in_url() -> str:
    """/login, to come back to this request's page: the path quoted, so nothing in it reaches a header;
    with ``ended=1`` when this request's session has just timed out."""
    query = {"next": safe_next(request.full_path.rstrip("?"))}
    if g.get("session_timed_out"):
        query["ended"] = "1"
    return "/login?" + urlencode(query, safe="/")


def _lang() -> str:
    lang = request.args.get("lang") or request.form.get("lang") or current_app.config["APPLICATION"].settings.lang
    return lang if lang in ("zh", "en") else "zh"


def _page(title: str, body: str, lang: str) -> str:
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · {html.escape(t("app_title", lang))}</title>
<link rel="stylesheet" href="/assets/style.css"></head><body>
<header class="site-header"><div class="brand"><a class="brand-title" href="/">{html.escape(t("app_title", lang))}</a>
</div></header><main id="main" class="prose">{body}</main></body></html>"""


def login_form(lang: str, next_path: str, message: str = "") -> str:
    note = f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""
    return _page(t("sign_in", lang), f"""
<h1>{html.escape(t("sign_in", lang))}</h1>{note}
<form method="post" action="/login" class="login-form">
<input type="hidden" name="csrf" value="{csrf_token()}">
<input type="hidden" name="next" value="{html.escape(next_path)}">
<input type="hidden" name="lang" value="{lang}">
<label>{html.escape(t("user_name", lang))} <input name="name" id="login-name" autocomplete="username" required autofocus></label>
<label>{html.escape(t("password", lang))} <input name="password" id="login-password" type="password"
 autocomplete="current-password" required></label>
<button type="submit" class="button" id="login-submit">{html.escape(t("sign_in", lang))}</button>
</form>""", lang)


def setup_auth(server: Flask, users: Users) -> None:
    """Sessions, the sign-in pages, and the gate in front of every request."""
    server.secret_key = users.secret_key()
    server.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")
    manager = LoginManager()
    manager.init_app(server)

    @manager.user_loader
    def load_user(name: str) -> SessionUser | None:
        # The cookie names a session; it counts only while the server still has it (sign-out and a
        # new password end it, whatever a browser kept).
        check = users.check_session(session.get("sid"))
        if check.timed_out:
            g.session_timed_out = True  # the sign-in page says why, not just "sign in"
        if check.user != name:
            return None
        user = users.get(name)
        return SessionUser(user) if user else None

    @server.route("/login", methods=["GET", "POST"])
    def login() -> Response | str:
        lang = _lang()
        next_path = safe_next(request.values.get("next"))
        if request.method == "GET":
            users_ = server.config["APPLICATION"].users
            ended = (t("session_ended", lang, idle=round(users_.idle_seconds / 60), hours=round(users_.max_seconds / 3600))
                     if request.args.get("ended") == "1" else "")
            return login_form(lang, next_path, ended)
        check_csrf()
        result = users.sign_in(request.form.get("name", "").strip()[:64], request.form.get("password", "")[:1024],
                               request.remote_addr or "")
        if result.user is None:
            message = (t("locked", lang, seconds=result.locked_seconds) if result.locked_seconds
                       else t("bad_login", lang))
            return Response(login_form(lang, next_path, message), status=401, mimetype="text/html")
        session.clear()  # a fresh session on sign-in: nothing carried over from before
        session["sid"] = users.start_session(result.user.name)
        login_user(SessionUser(result.user))
        return redirect(next_path)

    @server.route("/logout", methods=["POST"])
    def logout() -> Response:
        check_csrf()  # a form on another site cannot sign anyone out
        users.end_session(session.get("sid"))
        logout_user()
        session.clear()
        return redirect("/")

    @server.before_request
    def gate() -> Response | None:
        path = request.path
        if path.startswith(OPEN_PREFIXES):
            return None
        signed_in = current_user.is_authenticated
        if path.startswith(EDITOR_PATHS) and not role_allows(current_role(), "editor"):
            return redirect(sign_in_url())
        if server.config["APPLICATION"].settings.require_login and not signed_in:
            if path.startswith(("/_dash-", "/export/", "/download/")):
                return Response("请先登录 (sign in first)\n", status=401, mimetype="text/plain; charset=utf-8")
            return redirect(sign_in_url())
        return None

    @server.errorhandler(413)
    def too_large(_error: Exception) -> Response:
        lang = request.args.get("lang") if request.args.get("lang") in ("zh", "en") else "zh"  # the body is unread
        limit = server.config["APPLICATION"].upload_limit_text
        body = (f'<h1>{html.escape(t("too_large_title", lang))}</h1><p role="alert" class="error" id="upload-too-large">'
                f'{html.escape(t("too_large", lang, limit=limit))}</p><p><a href="/upload">{html.escape(t("back_upload", lang))}</a></p>')
        return Response(_page(t("too_large_title", lang), body, lang), status=413, mimetype="text/html")
