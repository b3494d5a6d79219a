"""Live-server fixtures: a headless Chromium tab driven over CDP (see cdp.py)."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from cdp import Tab, devtools_port
from websockets.sync.client import connect


@pytest.fixture(scope="module")
def chromium_tab(chromium_command: Callable[[str], list[str]]) -> Iterator[Tab]:
    """A headless Chromium's one tab, for the tests of a module."""
    with tempfile.TemporaryDirectory() as profile:
        command = [*chromium_command(profile), "--remote-debugging-port=0", "about:blank"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            port = devtools_port(Path(profile), process)
            targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
            page = next(t for t in targets if t["type"] == "page")
            with connect(page["webSocketDebuggerUrl"], max_size=None) as socket:
                yield Tab(socket)
        finally:
            process.terminate()
            process.wait(timeout=10)
