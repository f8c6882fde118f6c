"""Who may change the data: users, roles and passwords, kept in the store's database.

Roles: ``viewer`` (reads), ``editor`` (uploads and publishes), ``admin`` (also rolls back and
manages users). Passwords are stored as werkzeug hashes. Repeated failed sign-ins lock the name
for a while, doubling each time, so guessing is slow; every process sees the same lock.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import Column, DateTime, Float, Integer, String, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from indicators.store import Store, metadata

ROLES = ("viewer", "editor", "admin")
MIN_PASSWORD = 8
FREE_FAILURES = 3  # failures before the lock starts
MAX_LOCK_SECONDS = 15 * 60

users_table = Table(
    "users", metadata,
    Column("name", String(64), primary_key=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(10), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("failures", Integer, nullable=False, default=0),
    Column("locked_until", Float, nullable=False, default=0.0),
)

app_secrets = Table(
    "app_secrets", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", String(255), nullable=False),
)


class UserError(Exception):
    """A user action that cannot be done, with a message for the person doing it."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    created_at: dt.datetime

    @property
    def can_edit(self) -> bool:
        return self.role in ("editor", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class SignIn:
    user: User | None
    locked_seconds: int = 0  # > 0: too many failures, try again later


def role_allows(role: str | None, needed: str) -> bool:
    """Whether ``role`` may do what ``needed`` may (admin > editor > viewer)."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


class Users:
    def __init__(self, store: Store) -> None:
        # The tables exist: opening the store brought its database to the newest migration.
        self.engine = store.engine

    def add(self, name: str, password: str, role: str) -> User:
        name = name.strip()
        if not name or len(name) > 64 or any(ch.isspace() for ch in name):
            raise UserError(f"用户名不可为空、不可含空格、不超过64字 (a user name has no spaces, 1–64 characters): {name!r}")
        if role not in ROLES:
            raise UserError(f"角色应为 {' / '.join(ROLES)} (role must be one of them): {role}")
        if len(password) < MIN_PASSWORD:
            raise UserError(f"密码至少 {MIN_PASSWORD} 位 (a password has at least {MIN_PASSWORD} characters)")
        now = dt.datetime.now(dt.UTC)
        with self.engine.begin() as conn:
            if conn.execute(select(users_table.c.name).where(users_table.c.name == name)).first():
                raise UserError(f"用户已存在 (the user exists already): {name}")
            conn.execute(insert(users_table).values(name=name, password_hash=generate_password_hash(password),
                                                    role=role, created_at=now, failures=0, locked_until=0.0))
        return User(name, role, now)

    def remove(self, name: str) -> None:
        with self.engine.begin() as conn:
            if conn.execute(delete(users_table).where(users_table.c.name == name)).rowcount == 0:
                raise UserError(f"没有这个用户 (no such user): {name}")

    def list(self) -> list[User]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(users_table.c.name, users_table.c.role, users_table.c.created_at)
                                .order_by(users_table.c.name)).all()
        return [User(r.name, r.role, r.created_at) for r in rows]

    def get(self, name: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users_table.c.name, users_table.c.role, users_table.c.created_at)
                               .where(users_table.c.name == name)).first()
        return User(row.name, row.role, row.created_at) if row else None

    def sign_in(self, name: str, password: str, now: float | None = None) -> SignIn:
        """Check a password. Failures count against the name; past three it is locked a while."""
        now = time.time() if now is None else now
        with self.engine.begin() as conn:
            row = conn.execute(select(users_table).where(users_table.c.name == name)).first()
            if row is None:
                check_password_hash(_DUMMY_HASH, password)  # same cost as a real check: names stay secret
                return SignIn(None)
            if row.locked_until > now:
                return SignIn(None, int(row.locked_until - now) + 1)
            if check_password_hash(row.password_hash, password):
                conn.execute(update(users_table).where(users_table.c.name == name)
                             .values(failures=0, locked_until=0.0))
                return SignIn(User(row.name, row.role, row.created_at))
            failures = row.failures + 1
            lock = min(2 ** (failures - FREE_FAILURES), MAX_LOCK_SECONDS) if failures >= FREE_FAILURES else 0
            conn.execute(update(users_table).where(users_table.c.name == name)
                         .values(failures=failures, locked_until=now + lock))
            return SignIn(None, lock)

    def ensure_first_admin(self) -> str | None:
        """With no users at all, create ``admin`` with a random password and return it (once)."""
        if self.list():
            return None
        password = secrets.token_urlsafe(12)
        self.add("admin", password, "admin")
        return password

    def secret_key(self) -> str:
        """The session-signing key, made once and shared by every server process."""
        for _ in range(2):
            try:
                with self.engine.begin() as conn:
                    row = conn.execute(select(app_secrets.c.value).where(app_secrets.c.name == "session")).first()
                    if row:
                        return row.value
                    value = secrets.token_hex(32)
                    conn.execute(insert(app_secrets).values(name="session", value=value))
                    return value
            except IntegrityError:  # another process made it first: read theirs
                continue
        raise UserError("cannot create the session key")


_DUMMY_HASH = generate_password_hash("not a real password")
