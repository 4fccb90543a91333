"""The one exception type for bad input; the CLI turns it into a one-line error."""
from __future__ import annotations


class InputError(Exception):
    """Bad input (file, corpus, data file) described in one line for the user."""

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source


class DataFileError(InputError):
    """A lexicon, codebook, rules or override file that does not follow its schema."""

    def __init__(self, path: str, message: str, line: int | None = None,
                 field: str | None = None) -> None:
        where = path if line is None else f"{path}:{line}"
        if field:
            where = f"{where}: field {field!r}"
        super().__init__(f"{where}: {message}", source=path)
        self.path = path
        self.line = line
        self.field = field
