"""Reading the source CSV files row by row, with every problem collected (file, line, field,
rule) instead of stopping at the first."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from metropoles.records import Origin
from metropoles.sources import checks
from metropoles.sources.checks import Problem

Row = dict[str, str]


@dataclass
class Reader:
    """Reads CSV rows and collects every problem instead of stopping at the first."""

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def rows(self, relative: str, required: tuple[str, ...]) -> Iterator[tuple[Origin, Row]]:
        """Yield (origin, row) for each data row; a missing file or column, a file that is not
        UTF-8, a row with too many or too few cells or a quote left open is a problem (a UTF-8
        byte order mark, as spreadsheets write it, is accepted)."""
        path, name = self.root / relative, f"{self.root.name}/{relative}"
        if not path.exists():
            self.problem(Origin(name, 0), "(file)", "required file is missing", relative)
            return
        text = self._text(path, name)
        if text is None:
            return
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        end = 0
        try:
            header = [cell.strip() for cell in next(reader, [])]
            if not self._header_ok(name, header, required):
                return
            end = reader.line_num
            for cells in reader:
                origin, end = Origin(name, end + 1), reader.line_num
                if cells and self._row_ok(origin, cells, header, end):
                    yield origin, {k: v.strip() for k, v in zip(header, cells, strict=True)}
        except csv.Error as error:
            rule = f"not valid CSV ({error}): a quote left open?"
            self.problem(Origin(name, end + 1), "(row)", rule, "")

    def _text(self, path: Path, name: str) -> str | None:
        """The file's text, or None (and a problem naming the line) when it is not UTF-8."""
        try:
            data = path.read_bytes()
        except OSError as error:
            self.problem(Origin(name, 0), "(file)", f"cannot be read: {error.strerror}", "")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            byte = data[error.start]
            rule = f"not UTF-8 (byte 0x{byte:02X}): the expected encoding is UTF-8, save it as such"
            self.problem(Origin(name, line), "(file)", rule, data[error.start : error.end].hex())
            return None

    def _header_ok(self, name: str, header: list[str], required: tuple[str, ...]) -> bool:
        origin = Origin(name, 1)
        if not header:
            self.problem(origin, "(file)", "the file is empty: a header line is expected", "")
            return False
        for column in sorted({c for c in header if header.count(c) > 1}):
            self.problem(origin, column, "column appears more than once in the header", column)
        missing = [c for c in required if c not in header]
        for column in missing:
            self.problem(origin, column, "required column is missing", "")
        return not missing and len(set(header)) == len(header)

    def _row_ok(self, origin: Origin, cells: list[str], header: list[str], end: int) -> bool:
        if len(cells) != len(header):
            rule = f"the row has {len(cells)} cells, the header {len(header)}"
            self.problem(origin, "(row)", rule, ",".join(cells[len(header) :]))
            return False
        if end != origin.line:
            rule = f"a line break inside a cell (the row runs to line {end}): a quote left open?"
            self.problem(origin, "(row)", rule, "")
            return False
        return True

    def problem(self, origin: Origin, field_: str, rule: str, value: str) -> None:
        """Record a problem once, though two readings of one file may both meet it."""
        found = Problem(origin, field_, rule, value)
        if found not in self.problems:
            self.problems.append(found)

    def check(
        self,
        origin: Origin,
        row: Row,
        field_: str,
        test: Callable[[str], str | None],
        *,
        required: bool = False,
    ) -> str:
        """Return the cell; record a problem when it is required and empty or fails ``test``."""
        value = row.get(field_, "")
        if not value:
            if required:
                self.problem(origin, field_, "required value is empty", value)
            return ""
        broken = test(value)
        if broken:
            self.problem(origin, field_, broken, value)
        return value

    def text(self, origin: Origin, row: Row, field_: str) -> str:
        """A required free-text cell."""
        return self.check(origin, row, field_, lambda _: None, required=True)

    def urls(self, origin: Origin, row: Row, field_: str, *, required: bool = False) -> list[str]:
        """The cell's URLs (`` | `` between them); a problem when one is not an http(s) URL."""
        value = self.check(origin, row, field_, checks.url_list, required=required)
        if not value or checks.url_list(value):
            return []
        return [part.strip() for part in value.split(" | ") if part.strip()]
