"""Reading the project's data files (CSV and YAML) with errors that name the file."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from .errors import DataFileError


def packaged(name: str) -> str:
    """Path of a data file shipped in the package (``analysis/data/<name>``)."""
    return str(Path(__file__).parent / "data" / name)


def read_csv_rows(path: str) -> list[list[str]]:
    """All rows of a UTF-8 CSV data file; DataFileError naming the file if it cannot be read."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh))
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None
    except (UnicodeDecodeError, csv.Error) as e:
        raise DataFileError(path, f"not a UTF-8 CSV file ({e.__class__.__name__})") from None


def read_yaml(path: str) -> Any:
    """The parsed content of a UTF-8 YAML data file; DataFileError naming the file (and the
    line, for a syntax error) if it cannot be read or parsed."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise DataFileError(path, f"not a UTF-8 file ({e.reason} at byte {e.start})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise DataFileError(path, f"not valid YAML: {getattr(e, 'problem', None) or e}",
                            line=mark.line + 1 if mark else None) from None
