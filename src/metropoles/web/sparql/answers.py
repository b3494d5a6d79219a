"""A small in-process LRU cache of finished answers, bounded in bytes. The publication is
immutable while the server runs, so an answer never goes stale; keys start with its ETag."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from metropoles.web.sparql.engine import Answer


class AnswerCache:
    """Least-recently-used answers up to ``budget`` bytes; bigger answers are not kept."""

    def __init__(self, budget: int = 64 << 20, largest: int = 1 << 20) -> None:
        self._entries: OrderedDict[Hashable, Answer] = OrderedDict()
        self._budget = budget
        self._largest = largest
        self._size = 0

    def get(self, key: Hashable) -> Answer | None:
        """The cached answer for ``key``, if any."""
        answer = self._entries.get(key)
        if answer is not None:
            self._entries.move_to_end(key)
        return answer

    def put(self, key: Hashable, answer: Answer) -> None:
        """Keep a successful answer, evicting the oldest ones past the budget."""
        if answer.status != 200 or len(answer.body) > self._largest or key in self._entries:
            return
        self._entries[key] = answer
        self._size += len(answer.body)
        while self._size > self._budget:
            _, old = self._entries.popitem(last=False)
            self._size -= len(old.body)
