"""Drive a headless Chromium over the DevTools protocol (CDP, through a websocket), for what
``--dump-dom`` cannot tell: layout measures taken by script in the page (does it scroll
sideways on a phone?) and a screenshot of the same rendering."""

from __future__ import annotations

import base64
import itertools
import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection

MEASURE = (
    "JSON.stringify({scrollWidth: document.documentElement.scrollWidth,"
    " innerWidth: window.innerWidth, wide: [...document.querySelectorAll('body *')]"
    ".filter(e => e.getBoundingClientRect().right > screen.width + 1)"
    ".slice(-6).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '')"
    ".trim().slice(0, 60))})"
)


@dataclass(frozen=True)
class Layout:
    """What a page measured of itself once loaded."""

    scroll_width: int
    inner_width: int
    wide: list[str]  # the innermost elements that reach past the screen's right edge


class Tab:
    """One page target of a Chromium, driven by CDP commands."""

    def __init__(self, socket: ClientConnection) -> None:
        self._socket = socket
        self._ids = itertools.count(1)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command and return its result (events in between are skipped)."""
        ident = next(self._ids)
        self._socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv(timeout=60))
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message["result"]
                return result

    def evaluate(self, expression: str) -> Any:
        found = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return found["result"].get("value")

    def open(self, url: str, width: int, height: int) -> None:
        """Load ``url`` in a phone-sized viewport and wait until it and its fonts are ready."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=True,
        )
        self.send("Page.navigate", url=url)
        deadline = time.monotonic() + 30
        while self.evaluate("document.readyState") != "complete":
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not finish loading")
            time.sleep(0.05)
        self.evaluate("document.fonts.ready.then(() => true)")
        time.sleep(0.3)  # let scripts (YASGUI) lay out what they draw on load

    def layout(self) -> Layout:
        found = json.loads(self.evaluate(MEASURE))
        return Layout(found["scrollWidth"], found["innerWidth"], found["wide"])

    def screenshot(self, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        data = self.send("Page.captureScreenshot", format="png")["data"]
        target.write_bytes(base64.b64decode(data))


def devtools_port(profile: Path, process: subprocess.Popen[bytes]) -> int:
    """The port Chromium chose (``--remote-debugging-port=0`` writes it in the profile)."""
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with {process.returncode}")
        if marker.exists() and marker.read_text().strip():
            return int(marker.read_text().splitlines()[0])
        time.sleep(0.05)
    raise RuntimeError("chromium did not open its DevTools port")
