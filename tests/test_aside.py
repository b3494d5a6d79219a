"""Work run beside the build in a forked child: its result, its failure and its death come back to
the parent, and leaving the block stops a child whose result nobody asked for."""

from __future__ import annotations

import os
import time

import pytest

from metropoles.publish.aside import Aside, AsideError


def test_the_child_reads_the_parents_objects_and_returns_its_result() -> None:
    graph = {"triples": list(range(1000))}  # read as it is in the parent, nothing pickled
    with Aside(lambda: (os.getpid(), sum(graph["triples"]))) as aside:
        child, total = aside.result()
    assert total == sum(range(1000)) and child != os.getpid()


def test_a_failure_in_the_child_comes_back_with_its_traceback() -> None:
    def broken() -> None:
        raise ValueError("no shapes graph")

    with Aside(broken) as aside, pytest.raises(AsideError, match="ValueError: no shapes graph"):
        aside.result()


def test_a_child_that_dies_is_an_error_naming_its_exit_code() -> None:
    with Aside(lambda: os._exit(3)) as aside, pytest.raises(AsideError, match="exit code 3"):
        aside.result()


def test_leaving_the_block_stops_a_child_still_at_work() -> None:
    with Aside(lambda: time.sleep(60)) as aside:
        process = aside.process
        assert process is not None and process.is_alive()
    assert not process.is_alive()
