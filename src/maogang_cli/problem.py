"""One problem in a data file (errors.DataError carries them), defined where only
reading a catalogue or a file loads it: a record class cost every read-only command
about 1 M instructions (errors.py still gives it by name)."""

from typing import NamedTuple


class Problem(NamedTuple):
    """One problem in a data file, located as FILE:LINE:COL (1-based)."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"
