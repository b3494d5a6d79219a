"""Headless Chromium on the pages: the rendered DOM holds the expected content (maps and the time
axis included), and screenshots at phone (390x844, taken in the same run as the DOM) and desktop
(1366x900) widths are saved under tests/artifacts/ to look at."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from cdp import Tab

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


PHONE = (390, 844)
# One page of every kind, for the phone layout check.
PAGE_KINDS = {
    "home": "/",
    "metropole": "/doc/metropole/200046977",
    "pacte": "/doc/pacte/pmi-grandparis",
    "contrat": "/doc/contrat/ct-tlse-ppg",
    "commune": "/doc/commune/69266",
    "concept": "/code/themes-cooperation-interterritoriale/coop-mobilites",
    "ontologie": "/def/metropoles",
    "recherche": "/recherche?q=saint",
    "sparql": "/sparql",
}


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_does_not_scroll_sideways_on_a_phone(
    kind: str, live_server: str, chromium_tab: Tab
) -> None:
    """At 390x844 nothing is wider than the screen (document scrollWidth <= innerWidth); the
    screenshot of the same rendering is saved to look at."""
    chromium_tab.open(f"{live_server}{PAGE_KINDS[kind]}", *PHONE)
    layout = chromium_tab.layout()
    chromium_tab.screenshot(ARTIFACTS / f"{kind}-phone-cdp.png")
    assert layout.inner_width == PHONE[0]
    assert layout.scroll_width <= layout.inner_width, f"wider than the phone: {layout.wide}"


def test_sparql_page_has_the_site_header_and_its_editor_on_the_first_screen(
    live_server: str, chromium_tab: Tab
) -> None:
    chromium_tab.open(f"{live_server}/sparql", *PHONE)
    assert chromium_tab.evaluate("!!document.querySelector('header.site nav a[href=\"/\"]')")
    editor_top = chromium_tab.evaluate(
        "document.querySelector('#yasgui .CodeMirror').getBoundingClientRect().top"
    )
    visible = PHONE[1] - editor_top
    assert visible > 200, "the example tabs push the editor off the first screen"


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
