"""Who may change the data: users, roles and passwords, kept in the store's database.

Roles: ``viewer`` (reads), ``editor`` (uploads and publishes), ``reviewer`` (also opens, reviews
and closes collection rounds), ``admin`` (also rolls back, manages the catalogue, the regions and
users). Each role may do what the ones before it may. An editor tied to regions is a *district
editor*: a collection round is its way to the data, and only for its own regions. Passwords are
stored as werkzeug hashes.

Failed sign-ins are counted per name *and address* (a stranger elsewhere cannot lock ``admin`` out
of her own desk) and per address (one machine trying many names is slowed down); past a few, the
pair waits a while, doubling each time. Known and unknown names are treated alike, down to the
hash computed, so a name cannot be told from the answer or its timing. Sessions live on the
server: signing out, or a new password, ends them whatever cookie a browser kept.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import Column, DateTime, Float, Integer, String, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from indicators.database import insert_if_missing, writing
from indicators.store import Store, metadata

ROLES = ("viewer", "editor", "reviewer", "admin")
MIN_PASSWORD = 8
FREE_FAILURES = 3  # failures of one name from one address before the lock starts
FREE_ADDRESS_FAILURES = 20  # failures from one address, whatever the names, before it is slowed down
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

sign_in_throttle = Table(
    "sign_in_throttle", metadata,
    Column("key", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("locked_until", Float, nullable=False),
    Column("updated", Float, nullable=False),
)

user_sessions = Table(
    "user_sessions", metadata,
    Column("sid", String(64), primary_key=True),
    Column("user", String(64), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started", Float, nullable=False),  # epoch seconds: the absolute timeout counts from here
    Column("last_seen", Float, nullable=False),  # the idle timeout counts from here
)

user_regions = Table(
    "user_regions", metadata,
    Column("user", String(64), primary_key=True),
    Column("region", String(100), primary_key=True),
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


@dataclass(frozen=True)
class SessionCheck:
    user: str | None  # whose session it is; None: nobody's
    timed_out: bool = False  # it was someone's, and has just ended for being idle or old


def role_allows(role: str | None, needed: str) -> bool:
    """Whether ``role`` may do what ``needed`` may (admin > editor > viewer)."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


SEEN_EVERY_SECONDS = 60.0  # a session's last_seen is written at most this often, not on every request


class Users:
    def __init__(self, store: Store, idle_seconds: float = 2 * 3600, max_seconds: float = 12 * 3600) -> None:
        # The tables exist: opening the store brought its database to the newest migration.
        self.engine = store.engine
        self.idle_seconds = idle_seconds  # a session unused this long has ended
        self.max_seconds = max_seconds  # and any session this old, however busy

    def add(self, name: str, password: str, role: str) -> User:
        name = name.strip()
        if not name or len(name) > 64 or any(ch.isspace() for ch in name):
            raise UserError(f"用户名不可为空、不可含空格、不超过64字 (a user name has no spaces, 1–64 characters): {name!r}")
        if role not in ROLES:
            raise UserError(f"角色应为 {' / '.join(ROLES)} (role must be one of them): {role}")
        if len(password) < MIN_PASSWORD:
            raise UserError(f"密码至少 {MIN_PASSWORD} 位 (a password has at least {MIN_PASSWORD} characters)")
        now = dt.datetime.now(dt.UTC)
        with writing(self.engine) as conn:
            if conn.execute(select(users_table.c.name).where(users_table.c.name == name)).first():
                raise UserError(f"用户已存在 (the user exists already): {name}")
            conn.execute(insert(users_table).values(name=name, password_hash=generate_password_hash(password),
                                                    role=role, created_at=now, failures=0, locked_until=0.0))
        return User(name, role, now)

    def remove(self, name: str) -> None:
        with writing(self.engine) as conn:
            if conn.execute(delete(users_table).where(users_table.c.name == name)).rowcount == 0:
                raise UserError(f"没有这个用户 (no such user): {name}")
            conn.execute(delete(user_sessions).where(user_sessions.c.user == name))
            conn.execute(delete(user_regions).where(user_regions.c.user == name))

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

    def regions_of(self, name: str | None) -> tuple[str, ...]:
        """The regions a user is tied to (a district editor's); () for everyone else."""
        if not name:
            return ()
        with self.engine.connect() as conn:
            return tuple(conn.execute(select(user_regions.c.region).where(user_regions.c.user == name)
                                      .order_by(user_regions.c.region)).scalars())

    def ties(self) -> dict[str, tuple[str, ...]]:
        """Every user tied to regions, with the regions."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(user_regions).order_by(user_regions.c.user, user_regions.c.region)).all()
        out: dict[str, list[str]] = {}
        for row in rows:
            out.setdefault(row.user, []).append(row.region)
        return {user: tuple(regions) for user, regions in out.items()}

    def tie(self, name: str, regions: list[str]) -> None:
        """Tie a user to exactly these regions (none: untie). The caller checks the names are regions."""
        with writing(self.engine) as conn:
            if conn.execute(select(users_table.c.name).where(users_table.c.name == name)).first() is None:
                raise UserError(f"没有这个用户 (no such user): {name}")
            conn.execute(delete(user_regions).where(user_regions.c.user == name))
            for region in dict.fromkeys(regions):
                conn.execute(insert(user_regions).values(user=name, region=region))

    def sign_in(self, name: str, password: str, address: str = "", now: float | None = None) -> SignIn:
        """Check a password. Failures count against the name from this address, and the address.

        Every attempt is counted first, as a failure, in one short locked transaction; the hash is
        computed after it commits, and a right password then takes its count back. So attempts at
        the same moment queue on the throttle rows and each is counted, however many come at once,
        while no lock is held for the length of a hash.
        """
        now = time.time() if now is None else now
        keys = {"pair": f"name:{name.strip().lower()[:64]}|addr:{address[:64]}", "addr": f"addr:{address[:64]}"}
        locked, lock, undo = self._count_attempt(keys, now)
        with self.engine.connect() as conn:
            row = conn.execute(select(users_table).where(users_table.c.name == name)).first()
        # The hash is computed on every attempt, known name or not, locked or not: the same cost.
        matches = check_password_hash(row.password_hash if row else _DUMMY_HASH, password)
        if locked:
            return SignIn(None, int(lock - now) + 1)
        if row is not None and matches:
            self._take_back(keys, undo)
            return SignIn(User(row.name, row.role, row.created_at))
        return SignIn(None, int(lock - now) if lock > now else 0)

    def _count_attempt(self, keys: dict[str, str], now: float) -> tuple[bool, float, dict[str, tuple[int, float]]]:
        """Count one attempt (as a failure) against both keys, under their row locks.

        Returns whether the keys were locked before it, the lock they have after it, and per key the
        failures this attempt counted with the lock it found, for ``_take_back``. The rows are made
        first if missing (INSERT ... ON CONFLICT DO NOTHING: a row that is not there yet cannot be
        locked) and then locked in key order (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE
        already holds the whole file), so two attempts never read the same count.
        """
        frees = {keys["pair"]: FREE_FAILURES, keys["addr"]: FREE_ADDRESS_FAILURES}
        with writing(self.engine) as conn:
            for key in sorted(frees):
                insert_if_missing(conn, sign_in_throttle, {"key": key, "failures": 0, "locked_until": 0.0,
                                                            "updated": now})
            rows = conn.execute(select(sign_in_throttle).where(sign_in_throttle.c.key.in_(sorted(frees)))
                                .order_by(sign_in_throttle.c.key).with_for_update()).all()
            locked = max(row.locked_until for row in rows) > now
            lock, undo = 0.0, {}
            for row in rows:
                failures = row.failures + 1
                free = frees[row.key]
                wait = min(2 ** (failures - free), MAX_LOCK_SECONDS) if failures >= free else 0
                locked_until = max(row.locked_until, now + wait)
                lock = max(lock, locked_until)
                conn.execute(update(sign_in_throttle).where(sign_in_throttle.c.key == row.key)
                             .values(failures=failures, locked_until=locked_until, updated=now))
                # What to put back if the password is right: the row as it was before this attempt.
                undo[row.key] = (failures, row.locked_until)
        return locked, lock, undo

    def _take_back(self, keys: dict[str, str], undo: dict[str, tuple[int, float]]) -> None:
        """A right password: the pair starts afresh, and the address's count loses this attempt (and
        the lock it added, unless another attempt was counted meanwhile)."""
        counted, locked_until = undo[keys["addr"]]
        addr = sign_in_throttle.c.key == keys["addr"]
        with writing(self.engine) as conn:
            conn.execute(delete(sign_in_throttle).where(sign_in_throttle.c.key == keys["pair"]))
            conn.execute(select(sign_in_throttle.c.key).where(addr).with_for_update())
            conn.execute(update(sign_in_throttle).where(addr, sign_in_throttle.c.failures == counted)
                         .values(locked_until=locked_until))
            conn.execute(update(sign_in_throttle).where(addr, sign_in_throttle.c.failures > 0)
                         .values(failures=sign_in_throttle.c.failures - 1))

    def set_password(self, name: str, password: str) -> None:
        """A new password; every session of the user ends with the old one."""
        if len(password) < MIN_PASSWORD:
            raise UserError(f"密码至少 {MIN_PASSWORD} 位 (a password has at least {MIN_PASSWORD} characters)")
        with writing(self.engine) as conn:
            changed = conn.execute(update(users_table).where(users_table.c.name == name)
                                   .values(password_hash=generate_password_hash(password))).rowcount
            if not changed:
                raise UserError(f"没有这个用户 (no such user): {name}")
            conn.execute(delete(user_sessions).where(user_sessions.c.user == name))

    # --- sessions: a random id in the signed cookie, valid while its row is here ------------------

    def start_session(self, name: str, now: float | None = None) -> str:
        sid = secrets.token_urlsafe(32)
        now = time.time() if now is None else now
        with writing(self.engine) as conn:
            conn.execute(insert(user_sessions).values(sid=sid, user=name, created_at=dt.datetime.now(dt.UTC),
                                                      started=now, last_seen=now))
        return sid

    def session_user(self, sid: str | None, now: float | None = None) -> str | None:
        """The user a session belongs to, or None when it was ended, never was, or timed out."""
        return self.check_session(sid, now).user

    def check_session(self, sid: str | None, now: float | None = None) -> SessionCheck:
        """Whose session this is, or why it is nobody's: it timed out, unused for ``idle_seconds``
        or older than ``max_seconds``. A timed-out session is deleted, so no cookie brings it back;
        a live one is marked seen (at most once a minute)."""
        if not sid:
            return SessionCheck(None)
        now = time.time() if now is None else now
        with self.engine.connect() as conn:
            row = conn.execute(select(user_sessions.c.user, user_sessions.c.started, user_sessions.c.last_seen)
                               .where(user_sessions.c.sid == sid)).first()
        if row is None:
            return SessionCheck(None)
        if now - row.last_seen > self.idle_seconds or now - row.started > self.max_seconds:
            self.end_session(sid)
            return SessionCheck(None, timed_out=True)
        if now - row.last_seen > SEEN_EVERY_SECONDS:
            with writing(self.engine) as conn:
                conn.execute(update(user_sessions).where(user_sessions.c.sid == sid).values(last_seen=now))
        return SessionCheck(row.user)

    def end_session(self, sid: str | None) -> None:
        if sid:
            with writing(self.engine) as conn:
                conn.execute(delete(user_sessions).where(user_sessions.c.sid == sid))

    def ensure_first_admin(self) -> str | None:
        """With no users at all, create ``admin`` with a random password and return it (once)."""
        if self.list():
            return None
        password = secrets.token_urlsafe(12)
        try:
            self.add("admin", password, "admin")
        except (UserError, IntegrityError):  # another process made the first admin at the same moment
            return None
        return password

    def secret_key(self) -> str:
        """The session-signing key, made once and shared by every server process."""
        for _ in range(2):
            try:
                with writing(self.engine) as conn:
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
