"""Rendered pages kept in memory, budgeted in bytes, for one generation of the data (issue 18, item 13).

A generation is what every cached page rests on: the store, its current revision and the catalogue's
version. When it moves (a publish, a rollback, a new indicator, in any process) every entry goes at
once, so memory holds only pages that can still be served. Within a generation the least recently
used pages go first once their sizes pass the budget; a page bigger than the whole budget is not kept.
The keys are the caller's business: ``layouts.state`` keys pages on the state they show, never on
arbitrary parameters, so nobody can fill the cache by inventing query strings.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable


class PageCache:
    """A least-recently-used map from a page's state to its rendered layout, within ``budget`` bytes."""

    def __init__(self, budget: int) -> None:
        self.budget = int(budget)
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._generation: Hashable = None
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def bytes(self) -> int:
        """The sizes of the kept pages together (as measured by the caller, their JSON)."""
        return self._bytes

    def get(self, generation: Hashable, key: Hashable) -> object | None:
        """The page kept for ``key`` in this generation, or None."""
        with self._lock:
            self._move_to(generation)
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, generation: Hashable, key: Hashable, value: object, size: int) -> None:
        """Keep ``value`` (``size`` bytes), making room by dropping the least recently used pages."""
        if size > self.budget:
            return
        with self._lock:
            self._move_to(generation)
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[key] = (value, size)
            self._bytes += size
            while self._bytes > self.budget:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def _move_to(self, generation: Hashable) -> None:
        if generation != self._generation:
            self._entries.clear()
            self._bytes = 0
            self._generation = generation
