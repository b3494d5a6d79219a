"""Work done beside the build: a function run in a child process forked from the build, so that it
reads the build's graphs as they are (copy-on-write, nothing pickled on the way in) while the build
goes on; its result comes back pickled through a pipe. Where ``fork`` is not available the function
runs in the build's own process, when its result is asked for.

>>> with Aside(lambda: 6 * 7) as answer:
...     answer.result()
42
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")


class AsideError(RuntimeError):
    """The work failed (its traceback is the message) or its process died before answering."""


class Aside(Generic[T]):
    """``work()`` run in a forked child from the moment the ``with`` block is entered; leaving the
    block stops the child if its result was never asked for."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        self.process: multiprocessing.process.BaseProcess | None = None
        self.answers: Connection | None = None

    def __enter__(self) -> Aside[T]:
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            answers, sender = context.Pipe(duplex=False)
            self.process = context.Process(target=_answer, args=(self.work, sender), daemon=True)
            self.process.start()
            sender.close()  # the child holds its end: EOF here if it dies
            self.answers = answers
        return self

    def result(self) -> T:
        """The work's return value; AsideError if it raised or its process died."""
        if self.process is None or self.answers is None:
            return self.work()
        try:
            outcome, value = self.answers.recv()
        except EOFError as died:
            self.process.join()
            code = self.process.exitcode
            raise AsideError(f"stopped without an answer (exit code {code})") from died
        finally:
            self.answers.close()
        self.process.join()
        if outcome == "error":
            raise AsideError(value)
        return value  # type: ignore[no-any-return]

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
        if self.answers is not None:
            self.answers.close()


def _answer(work: Callable[[], object], sender: Connection) -> None:
    """In the child: send ("ok", result) or ("error", traceback)."""
    try:
        sender.send(("ok", work()))
    except BaseException:  # noqa: BLE001 - every failure goes back to the parent, as text
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()
