"""Headless Chromium on the pages: the rendered DOM holds the expected content (maps and the time
axis included), and screenshots at phone (390x844, taken in the same run as the DOM) and desktop
(1366x900) widths are saved under tests/artifacts/ to look at."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "pages"
WIDTHS = {"phone": "390,844", "desktop": "1366,900"}
MAP = '<svg class="map-drawing"'
AXIS = '<svg class="timeline-drawing"'
PAGES = {
    "home": (
        "/",
        ["métropoles", "Les pactes dans le temps", "Téléchargements", "/sparql", MAP, AXIS],
    ),
    "metropole": (
        "/doc/metropole/200046977",
        [
            "Métropole de Lyon",
            "200046977",
            "Communes membres",
            "Villeurbanne",
            "Référencé par",
            MAP,
        ],
    ),
    "pacte": (
        "/doc/pacte/pmi-grandparis",
        ["Métropole du Grand Paris", "janvier 2017", "précision : mois", "Sources"],
    ),
    "contrat": (
        "/doc/contrat/ct-tlse-ppg",
        ["PETR Pays Portes de Gascogne", "10 juillet 2017", "Pacte lié", "Type", MAP],
    ),
    "commune": ("/doc/commune/69266", ["Villeurbanne", "69266", MAP, "commune de cette page"]),
    "ontologie": ("/def/metropoles", ['id="Metropole"', "MetropoleShape", "Propriétés"]),
}


@pytest.fixture(scope="module")
def screenshot(chromium_command: Callable[[str], list[str]]) -> Callable[[str, Path, str], None]:
    """A function that saves a screenshot of a URL at a window size ('w,h')."""

    def shoot(url: str, target: Path, size: str) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as profile:
            command = [*chromium_command(profile), "--hide-scrollbars", f"--window-size={size}"]
            subprocess.run(
                [*command, f"--screenshot={target}", url],
                capture_output=True,
                timeout=90,
                check=True,
            )

    return shoot


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_renders_in_chromium(
    name: str,
    live_server: str,
    chromium_dump_dom: Callable[..., str],
    screenshot: Callable[[str, Path, str], None],
    sources: dict[str, set[str]],
) -> None:
    path, expected = PAGES[name]
    if name == "home":
        expected = [*expected, f"Les {len(sources['metropoles'])} métropoles"]
    targets = {width: ARTIFACTS / f"{name}-{width}.png" for width in WIDTHS}
    for target in targets.values():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
    phone = ["--hide-scrollbars", f"--window-size={WIDTHS['phone']}"]
    url = f"{live_server}{path}"
    dom = chromium_dump_dom(url, 2_000, *phone, f"--screenshot={targets['phone']}")
    assert '<html lang="fr">' in dom and '<main id="contenu"' in dom
    for text in expected:
        assert text in dom, f"{text!r} missing from {path}"
    screenshot(url, targets["desktop"], WIDTHS["desktop"])
    for target in targets.values():
        assert target.stat().st_size > 10_000


# Pages with a map, shot whole (a tall window) so that the map and the time axis are in the picture
WHOLE = {"phone": "390,4600", "desktop": "1366,3000"}


@pytest.mark.parametrize("name", ["commune", "contrat", "home", "metropole"])
def test_pages_with_a_map_shot_whole(
    name: str, live_server: str, screenshot: Callable[[str, Path, str], None]
) -> None:
    for width, size in WHOLE.items():
        target = ARTIFACTS / f"{name}-{width}-whole.png"
        target.unlink(missing_ok=True)
        screenshot(f"{live_server}{PAGES[name][0]}", target, size)
        assert target.stat().st_size > 10_000
