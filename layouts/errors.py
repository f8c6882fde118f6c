"""Answers for requests no page expects: a 4xx with a message in both languages, never a 500.

Dash raises for a script path it does not serve; a 20-digit number overflows the database's
integer; the handlers here turn those into what they are, a request for something that is not
there (404) or cannot be (400). A crafted request never costs a 500 (tests/test_no_500.py).

A store that cannot be reached (PostgreSQL down) or written (a read-only file) is neither: every
request that needs it, pages, sign-in, upload, publish and callbacks, is answered 503 saying so
(tests/test_store_outage.py), and the next request after the store is back works again.
"""

from __future__ import annotations

import json

from dash.exceptions import DependencyException
from flask import Flask, Response, request
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from indicators.labels import t

CALLBACK_PATH = "/_dash-update-component"
RETRY_SECONDS = 30  # what a 503 asks a client to wait before trying again
READ_ONLY_SQLSTATE = "25006"  # PostgreSQL's read_only_sql_transaction: a standby, or a database set read-only


def store_unavailable_error(error: DBAPIError) -> bool:
    """Whether the database failed as a store, not over this request: unreachable, gone mid-query, or
    refusing writes. Anything else (a value it refused, say) is the request's own problem."""
    if isinstance(error, (OperationalError, InterfaceError)) or error.connection_invalidated:
        return True
    return getattr(error.orig, "sqlstate", None) == READ_ONLY_SQLSTATE


def _text(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain; charset=utf-8")


def register_error_handlers(server: Flask) -> None:
    @server.errorhandler(DependencyException)
    def unknown_script(_error: Exception) -> Response:
        return _text(404, "没有这个文件 (no such file)")

    @server.errorhandler(OverflowError)
    def number_too_large(_error: Exception) -> Response:
        return _text(400, "数字太大 (a number in the request is too large)")

    @server.errorhandler(DBAPIError)
    def store_unavailable(error: DBAPIError) -> Response | Exception:
        """The database cannot be reached or written: 503 in both languages, never a 500 or a 400."""
        if not store_unavailable_error(error):
            return crafted_callback(error)
        server.logger.error("store unavailable on %s: %s", request.path, error)
        message = f"{t('store_unavailable', 'zh')} ({t('store_unavailable', 'en')})"
        if request.path == CALLBACK_PATH:
            response = Response(json.dumps({"error": message}, ensure_ascii=False) + "\n", status=503,
                                mimetype="application/json")
        else:
            response = _text(503, message)
        response.headers["Retry-After"] = str(RETRY_SECONDS)
        return response

    @server.errorhandler(Exception)
    def crafted_callback(error: Exception) -> Response | Exception:
        """A callback request that does not fit its page (a missing state, a value of the wrong
        type, a body that is not what the page sends): 400, logged with its traceback for review.
        Anywhere else an unexpected error stays what it is."""
        if isinstance(error, HTTPException):
            return error
        if request.path != CALLBACK_PATH:
            raise error
        server.logger.warning("callback request refused: %s: %s", type(error).__name__, error, exc_info=error)
        return Response('{"error": "请求与页面不符 (the request does not fit this page)"}\n', status=400,
                        mimetype="application/json")
