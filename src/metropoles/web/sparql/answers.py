"""A small in-process LRU cache of finished answers, bounded in bytes: keys are digests of what
shapes an answer (a query may be 32 KB long; its digest is 32 bytes) and each entry counts its
digest, its body and its bookkeeping. The publication is immutable while the server runs, so an
answer never goes stale."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from metropoles.web.sparql.engine import Answer

ENTRY_OVERHEAD = 512  # bytes an entry costs beyond its body: digest, Answer, dict slot


def digest(key: tuple[object, ...]) -> bytes:
    """The cache key of an answer: a digest of everything that shapes it.

    >>> digest(("ASK {}", "text/csv")) == digest(("ASK {}", "text/csv")) != digest(("ASK {}",))
    True
    """
    return hashlib.sha256(repr(key).encode("utf-8", "surrogatepass")).digest()


class AnswerCache:
    """Least-recently-used answers up to ``budget`` bytes; bigger answers are not kept."""

    def __init__(self, budget: int = 64 << 20, largest: int = 1 << 20) -> None:
        self._entries: OrderedDict[bytes, Answer] = OrderedDict()
        self._budget = budget
        self._largest = largest
        self._size = 0

    @property
    def size(self) -> int:
        """Bytes the cache holds, by its own count."""
        return self._size

    def get(self, key: tuple[object, ...]) -> Answer | None:
        """The cached answer for ``key``, if any."""
        name = digest(key)
        answer = self._entries.get(name)
        if answer is not None:
            self._entries.move_to_end(name)
        return answer

    def put(self, key: tuple[object, ...], answer: Answer) -> None:
        """Keep a successful answer, evicting the oldest ones past the budget."""
        name = digest(key)
        if answer.status != 200 or len(answer.body) > self._largest or name in self._entries:
            return
        self._entries[name] = answer
        self._size += _cost(answer)
        while self._size > self._budget:
            _, old = self._entries.popitem(last=False)
            self._size -= _cost(old)


def _cost(answer: Answer) -> int:
    return len(answer.body) + ENTRY_OVERHEAD
