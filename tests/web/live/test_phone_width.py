"""Headless Chromium at a phone's width (390 CSS px) on the pages that carry maps: nothing is
wider than the window, so the page never scrolls sideways. Chromium is driven through the
DevTools protocol on a pipe (``--remote-debugging-pipe``: JSON messages ended by a NUL byte,
read on fd 4 and written on fd 3), so no extra package is needed."""

from __future__ import annotations

import fcntl
import json
import os
import select
import subprocess
import tempfile
import time
from collections.abc import Callable
from typing import Any

import pytest

PHONE = 390
PAGES = [
    "/",
    "/doc/metropole/200046977",
    "/doc/metropole/243500139",
    "/doc/contrat/ct-rennes-coop",
    "/doc/commune/69266",
]
MEASURE = (
    "[document.documentElement.scrollWidth, window.innerWidth, document.readyState, location.href]"
)


class DevTools:
    """A Chromium process and its DevTools pipe."""

    def __init__(self, command: list[str]) -> None:
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()

        def wire() -> None:  # in the child: the protocol reads fd 3 and writes fd 4
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [*command, "--remote-debugging-pipe", "about:blank"],
            preexec_fn=wire,
            pass_fds=(3, 4),  # kept open past the close of inherited descriptors
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self._next, self._buffer = 0, b""

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and return its result (events in between are skipped)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._next:
                assert "error" not in answer, answer
                return dict(answer.get("result", {}))

    def _receive(self, timeout: float = 30) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._read], [], [], timeout)
            assert ready, "Chromium did not answer"
            chunk = os.read(self._read, 1 << 16)
            assert chunk, "Chromium closed the pipe"
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return dict(json.loads(message))

    def close(self) -> None:
        try:
            self.call("Browser.close")
        finally:
            self.process.wait(timeout=10)
            os.close(self._write)
            os.close(self._read)


@pytest.fixture(scope="module")
def browser(chromium_command: Callable[[str], list[str]]) -> Any:
    with tempfile.TemporaryDirectory() as profile:
        tools = DevTools([*chromium_command(profile), f"--window-size={PHONE},844"])
        yield tools
        tools.close()


def widths(browser: DevTools, url: str) -> tuple[int, int]:
    """(document width, window width) once ``url`` has loaded, at the phone's width."""
    target = browser.call("Target.createTarget", url="about:blank")["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    try:
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=PHONE,
            height=844,
            deviceScaleFactor=1,
            mobile=True,
        )
        browser.call("Page.navigate", session, url=url)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            found = browser.call(
                "Runtime.evaluate", session, expression=MEASURE, returnByValue=True
            )["result"].get("value")  # none while the page is replaced
            if found and found[2] == "complete" and found[3] == url:
                return int(found[0]), int(found[1])
            time.sleep(0.1)
        raise AssertionError(f"{url} did not load")
    finally:
        browser.call("Target.closeTarget", targetId=target)


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_phone_width(browser: DevTools, live_server: str, path: str) -> None:
    document, window = widths(browser, f"{live_server}{path}")
    assert window == PHONE
    assert document <= window, f"{path} is {document} px wide at {window} px"
