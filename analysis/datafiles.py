"""Reading the project's data files (CSV) with errors that name the file."""
from __future__ import annotations

import csv

from .errors import DataFileError


def read_csv_rows(path: str) -> list[list[str]]:
    """All rows of a UTF-8 CSV data file; DataFileError naming the file if it cannot be read."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh))
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None
    except (UnicodeDecodeError, csv.Error) as e:
        raise DataFileError(path, f"not a UTF-8 CSV file ({e.__class__.__name__})") from None
