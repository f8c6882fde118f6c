"""Headers that keep the pages from being framed, sniffed or made to run foreign script.

A Content-Security-Policy with no inline script but Dash's own (allowed by their hashes, which
Dash computes once every callback is registered), no other origin, and no framing by other
sites; cookies marked ``Secure`` when the site is served over HTTPS (``INDICATORS_SECURE_COOKIES``).
"""

from __future__ import annotations

from dash import Dash
from flask import Response


def content_security_policy(app: Dash) -> str:
    hashes = " ".join(app.csp_hashes())  # already quoted: 'sha256-…'
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {hashes}".strip(),
        "style-src 'self' 'unsafe-inline'",  # Dash's components set style attributes
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'self'",  # the upload form is framed by the upload page, nobody else
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ])


def setup_security_headers(app: Dash, secure_cookies: bool) -> None:
    server = app.server
    server.config.update(SESSION_COOKIE_SECURE=secure_cookies, REMEMBER_COOKIE_SECURE=secure_cookies,
                         REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax")
    policy: list[str] = []

    @server.after_request
    def headers(response: Response) -> Response:
        if not policy:  # after the first request every page's callbacks are known
            policy.append(content_security_policy(app))
        response.headers.setdefault("Content-Security-Policy", policy[0])
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response
