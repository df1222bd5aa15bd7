"""Real CSV files, read with pandas: column roles, missing values, one-hot encoding.

A ``data.source: "csv"`` project that sets any of

* ``data.columns``: ``{"Name": "numeric" | "categorical" | "ignore"}`` (a column
  not named is numeric, as before),
* ``data.missing``: ``"drop" | "mean" | "median" | "most_frequent"``,
* ``data.standardize_target``: ``true`` (regression: the network trains on the
  standardised target; see :func:`core.data.build_data`),

is read here; a project without them is read by the hand-written reader in
:mod:`core.datafiles` exactly as before.  :func:`read_table` reads the text
(cells ``NA``, ``?``, empty and the like are missing), :func:`guess_roles`
guesses each column's role (an Id-like column of unique whole numbers is
ignored, a text column with few levels is categorical, a text column with many
is ignored), and :func:`table_dataset` applies the choices: missing values
(counted in a :class:`TableSummary`), one-hot columns named ``"Col=level"``,
the target as class labels or a number.

Broken files raise :class:`~core.registry.ConfigError` with a code naming the
problem and args naming the row (data rows counted from 1 after the header)
and the column: ``csv_empty``, ``csv_no_header``, ``csv_bad_row``,
``csv_target_missing``, ``csv_text_target``, ``csv_not_a_number``,
``csv_not_finite``, ``csv_missing_value``, ``csv_column_missing``, ``csv_no_inputs``,
``csv_few_rows``, ``csv_duplicate_column``.

Missing values are imputed with statistics of all rows that have a value (the
input standardisation, fitted on the training rows only, comes later).  A
categorical column's missing cells become a level of their own,
``"Col=(missing)"``, with ``mean`` or ``median`` (they have no mean); with
``most_frequent`` they take the most frequent level; ``drop`` drops the row.
Rows whose target is missing are dropped whatever ``missing`` says.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import numpy as np

from .datafiles import MAX_DATA_BYTES, MAX_DATA_ELEMENTS, Dataset, check_input_file
from .registry import ConfigError, show

ROLES = ("numeric", "categorical", "ignore")
MISSING_CHOICES = ("drop", "mean", "median", "most_frequent")
#: cells read as missing (after stripping spaces); pandas' longer default list is not used
NA_VALUES = ("", "NA", "N/A", "n/a", "?", "NaN", "nan", "null", "NULL")
MISSING_LEVEL = "(missing)"
#: a text column with more distinct values than this is guessed ``ignore`` (free text, names)
MAX_LEVELS = 50
#: a column whose non-missing cells are numbers in at least this share is guessed numeric
NUMERIC_SHARE = 0.95
#: a numeric target with at most this many distinct whole numbers is guessed classification
CLASS_LEVELS = 20
PREVIEW_ROWS = 50

_ID_NAME = re.compile(r"^(id|index|row|no|#)$|[_\s.-]id$|[a-z]Id$|^ID", re.IGNORECASE)


def uses_table_options(spec: dict) -> bool:
    """True if a csv data spec sets any option that only :mod:`core.tabular` reads."""
    return spec.get("columns") is not None or spec.get("missing") is not None or bool(spec.get("standardize_target"))


@dataclass
class TableSummary:
    """What reading a table did, for the import dialog and the tests."""

    rows_read: int
    rows_used: int
    roles: dict[str, str]  # every column but the target
    missing: dict[str, int]  # missing cells per column (columns with none left out), target included
    imputed: dict[str, int] = field(default_factory=dict)  # cells filled per column
    dropped_rows: int = 0  # rows dropped for a missing input (``drop``)
    target_missing: int = 0  # rows dropped because the target is missing
    feature_names: list[str] = field(default_factory=list)


# ---- reading
def read_table(path: str, key: str = "data.path", nrows: int | None = None):
    """The file as a DataFrame of stripped strings (missing cells NaN), columns named
    by the header row.  Refuses an empty file, a header-only file, a first line of
    numbers (no header) and a row with more fields than the header."""
    import pandas as pd

    check_input_file(path, MAX_DATA_BYTES, key)
    name = os.path.basename(path)
    header, sep = _header(path, key)
    seen = set()
    for column in header:
        if column in seen and column:
            raise ConfigError(
                f"{key}: {path!r} has two columns named {column!r}",
                "csv_duplicate_column",
                key=key,
                value=path,
                column=column,
                file=name,
            )
        seen.add(column)
    try:
        df = pd.read_csv(
            path,
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_values=[],
            encoding="utf-8-sig",
            skip_blank_lines=True,
            nrows=nrows,
            on_bad_lines="error",
            engine="c",
        )
    except pd.errors.EmptyDataError:
        raise ConfigError(f"{key}: {path!r} is empty", "csv_empty", key=key, value=path, file=name) from None
    except pd.errors.ParserError as exc:
        found = re.search(r"line (\d+), saw (\d+)", str(exc))
        if not found:  # an unclosed quote...
            detail = str(exc).strip().removeprefix("Error tokenizing data. C error: ")
            raise ConfigError(f"{key}: {path!r}: {detail}", "bad_file", key=key, value=path) from None
        line = int(found[1])
        raise ConfigError(
            f"{key}: {path!r} line {line} has {found[2]} fields, more than the header",
            "csv_bad_row",
            key=key,
            value=path,
            file=name,
            line=line,
            row=max(line - 1, 0),
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{key}: {path!r} is not a UTF-8 text file", "bad_file", key=key, value=path) from None
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"{key}: cannot read {path!r}: {getattr(exc, 'strerror', None) or exc}", "cannot_read", key=key, value=path
        ) from None
    columns = [str(c).strip() for c in df.columns]
    if columns and all(_is_number(c) for c in columns):
        shown = ",".join(columns)
        raise ConfigError(
            f"{key}: {path!r} has no header row: its first line {shown[:60]!r} is numbers, not column names",
            "csv_no_header",
            key=key,
            value=path,
            file=name,
            line=1,
        )
    if len(df) == 0:
        raise ConfigError(
            f"{key}: {path!r} has a header row but no data rows", "csv_empty", key=key, value=path, file=name
        )
    df.columns = columns
    for col in columns:
        s = df[col].str.strip()
        df[col] = s.mask(s.isin(NA_VALUES))
    return df


def _header(path: str, key: str) -> tuple[list[str], str]:
    """The first non-blank line's column names, and the separator: a comma, or a
    semicolon or tab when the line has no comma but one of those."""
    import csv

    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            line = ""
            for _ in range(1000):
                line = fh.readline(1 << 20)
                if line.strip() or not line:
                    break
    except UnicodeDecodeError:
        raise ConfigError(f"{key}: {path!r} is not a UTF-8 text file", "bad_file", key=key, value=path) from None
    except OSError as exc:
        raise ConfigError(
            f"{key}: cannot read {path!r}: {exc.strerror or exc}", "cannot_read", key=key, value=path
        ) from None
    sep = ","
    if "," not in line:
        sep = ";" if ";" in line else "\t" if "\t" in line else ","
    try:
        names = next(csv.reader([line], delimiter=sep), [])
    except csv.Error:
        names = []
    return [n.strip() for n in names], sep


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _numbers(series) -> np.ndarray:
    """Floats of a column of strings, NaN where missing or not a number (for guessing)."""
    import pandas as pd

    return pd.to_numeric(series, errors="coerce").to_numpy(np.float64, na_value=np.nan)


# ---- guessing
def guess_role(series, name: str = "") -> str:
    values = series.dropna()
    if values.empty:
        return "ignore"
    nums = _numbers(values)
    finite = np.isfinite(nums)
    if finite.mean() >= NUMERIC_SHARE:
        whole = finite.all() and np.all(nums == np.round(nums))
        if whole and len(values) == len(series) and len(np.unique(nums)) == len(nums) and len(nums) > 2:
            consecutive = np.all(np.diff(np.sort(nums)) == 1)
            if consecutive or _ID_NAME.search(name):
                return "ignore"
        return "numeric"
    levels = values.nunique()
    return "categorical" if levels <= MAX_LEVELS and levels <= max(2, len(values) // 2) else "ignore"


def guess_roles(df, target: str | None = None) -> dict[str, str]:
    """Each column's guessed role (the target left out)."""
    return {c: guess_role(df[c], c) for c in df.columns if c != target}


def guess_task(series) -> str:
    values = series.dropna()
    nums = _numbers(values)
    if len(nums) == 0 or not np.all(np.isfinite(nums)):
        return "classification"
    distinct = np.unique(nums)
    return (
        "classification" if np.all(distinct == np.round(distinct)) and len(distinct) <= CLASS_LEVELS else "regression"
    )


def guess_target(df) -> str:
    """The last column, as a guess (Kaggle puts the target last)."""
    return df.columns[-1]


# ---- applying the choices
def load_table(
    path: str, target: str, task: str | None = None, columns: dict | None = None, missing: str | None = None
) -> tuple[Dataset, TableSummary]:
    df = read_table(path)
    return table_dataset(df, target, task, columns, missing, os.path.basename(path))


def table_dataset(
    df, target: str, task: str | None = None, columns: dict | None = None, missing: str | None = None, name: str = ""
) -> tuple[Dataset, TableSummary]:
    """The rows of a :func:`read_table` frame as a :class:`Dataset`, with the roles,
    missing-value handling and task given (None: every input numeric, a missing
    value refused, the task guessed from the target)."""
    header = list(df.columns)
    if target not in header:
        raise ConfigError(
            f"data.target: no column {target!r} in {name!r} (columns: {', '.join(header)})",
            "unknown_value",
            key="data.target",
            value=target,
            known=header,
        )
    columns = columns or {}
    for col, role in columns.items():
        if col not in header:
            raise ConfigError(
                f"data.columns: no column {col!r} in {name!r}",
                "unknown_value",
                key="data.columns",
                value=col,
                known=header,
            )
        if role not in ROLES:
            raise ConfigError(
                f"data.columns.{col}: role {show(role)} is not one of {', '.join(ROLES)}",
                "unknown_value",
                key=f"data.columns.{col}",
                value=role,
                known=list(ROLES),
            )
    roles = {c: columns.get(c, "numeric") for c in header if c != target}
    used = [c for c, r in roles.items() if r != "ignore"]
    if not roles:
        raise ConfigError(
            f"data.path: {name!r} has only the target column {target!r}; it needs at least one input column",
            "csv_no_inputs",
            key="data.path",
            file=name,
        )
    if not used:
        raise ConfigError(
            f"data.columns: every column of {name!r} but the target is ignored; the network needs an input",
            "csv_no_inputs",
            key="data.columns",
            file=name,
        )
    n = len(df)
    isna = {c: df[c].isna().to_numpy() for c in [*used, target]}
    counts = {c: int(m.sum()) for c, m in isna.items() if m.any()}

    # the target
    t_missing = isna[target]
    if t_missing.all():
        raise ConfigError(
            f"data.target: column {target!r} of {name!r} is missing in every row",
            "csv_target_missing",
            key="data.target",
            value=target,
            column=target,
            file=name,
        )
    if t_missing.any() and missing is None:
        raise _missing_error(name, target, int(np.argmax(t_missing)), "data.target")
    t_values = df[target].to_numpy(object)
    t_numbers = _numbers(df[target])
    text_rows = np.flatnonzero(~t_missing & ~np.isfinite(t_numbers))
    if task is None:
        task = guess_task(df[target])
    if task == "regression" and len(text_rows):
        r = int(text_rows[0])
        raise ConfigError(
            f"data.target: column {target!r} row {r + 1}: {show(t_values[r])} is text, so the column "
            "cannot be a regression target",
            "csv_text_target",
            key="data.target",
            value=t_values[r],
            column=target,
            row=r + 1,
            file=name,
        )

    # the inputs: numbers checked in every row that has one
    numeric = {}
    for c in used:
        if roles[c] == "numeric":
            numeric[c] = _parse_column(df[c], isna[c], c, name)
    keep = ~t_missing
    summary = TableSummary(n, 0, roles, counts, target_missing=int(t_missing.sum()))
    if missing is None:
        for c in used:
            if isna[c].any():
                raise _missing_error(name, c, int(np.argmax(isna[c])), "data.path")
    elif missing == "drop":
        any_missing = np.zeros(n, bool)
        for c in used:
            any_missing |= isna[c]
        summary.dropped_rows = int((any_missing & keep).sum())
        keep &= ~any_missing
    rows = int(keep.sum())
    if rows < 2:
        raise ConfigError(
            f"data.missing: only {rows} rows of {name!r} are left after dropping rows with missing "
            "values; at least 2 are needed",
            "csv_few_rows",
            key="data.missing",
            value=missing,
            rows=rows,
            file=name,
        )
    summary.rows_used = rows

    # columns, imputed and one-hot encoded
    parts, names = [], []
    levels_of = {}
    for c in used:
        if roles[c] == "categorical":
            cells = df[c].to_numpy(object)[keep]
            gap = isna[c][keep]
            if gap.any():
                fill = _most_frequent(cells[~gap]) if missing == "most_frequent" else MISSING_LEVEL
                cells = cells.copy()
                cells[gap] = fill
                summary.imputed[c] = int(gap.sum())
            levels_of[c] = sorted({str(v) for v in cells})
    width = sum(len(levels_of[c]) if roles[c] == "categorical" else 1 for c in used)
    if rows * width > MAX_DATA_ELEMENTS:
        raise ConfigError(
            f"data.path: {name!r} makes {rows:,} rows of {width:,} inputs, more than {MAX_DATA_ELEMENTS:,} values",
            "too_large",
            key="data.path",
            value=name,
            limit=MAX_DATA_ELEMENTS,
        )
    for c in used:
        if roles[c] == "numeric":
            col = numeric[c][keep]
            gap = np.isnan(col)
            if gap.any():
                present = col[~gap]
                if len(present) == 0:
                    raise ConfigError(
                        f"data.columns.{c}: column {c!r} of {name!r} is missing in every row; ignore it",
                        "csv_column_missing",
                        key=f"data.columns.{c}",
                        column=c,
                        file=name,
                    )
                col = col.copy()
                col[gap] = _impute(present, missing)
                summary.imputed[c] = int(gap.sum())
            parts.append(col[:, None])
            names.append(c)
        else:
            cells = df[c].to_numpy(object)[keep]
            gap = isna[c][keep]
            if gap.any():
                cells = cells.copy()
                cells[gap] = _most_frequent(cells[~gap]) if missing == "most_frequent" else MISSING_LEVEL
            cells = cells.astype(str)
            for level in levels_of[c]:
                parts.append((cells == level).astype(np.float64)[:, None])
                names.append(f"{c}={level}")
    x = np.hstack(parts) if parts else np.zeros((rows, 0))
    summary.feature_names = names

    if task == "regression":
        y = t_numbers[keep].reshape(-1, 1)
        return Dataset(x, y, "regression", name, names), summary
    labels = t_values[keep]
    if len(text_rows) == 0:
        classes, y = np.unique(t_numbers[keep], return_inverse=True)
        class_names = [str(int(c) if float(c).is_integer() else c) for c in classes]
    else:
        classes, y = np.unique(labels.astype(str), return_inverse=True)
        class_names = [str(c) for c in classes]
    return Dataset(x, y.astype(np.int64), "classification", name, names, class_names), summary


def _parse_column(series, gap: np.ndarray, column: str, name: str) -> np.ndarray:
    """Floats of a numeric column (NaN where missing); a text or non-finite cell is refused
    with its row and column."""
    cells = series.to_numpy(object)
    out = np.full(len(cells), np.nan)
    present = np.flatnonzero(~gap)
    try:
        out[present] = np.asarray(cells[present], dtype=object).astype(np.float64)
    except (ValueError, TypeError):
        for r in present:
            try:
                float(cells[r])
            except (ValueError, TypeError):
                raise ConfigError(
                    f"data.path: {name!r} column {column!r} row {r + 1}: {show(cells[r])} is not a number",
                    "csv_not_a_number",
                    key="data.path",
                    value=cells[r],
                    column=column,
                    row=int(r) + 1,
                    file=name,
                ) from None
    bad = present[~np.isfinite(out[present])]
    if len(bad):
        r = int(bad[0])
        raise ConfigError(
            f"data.path: {name!r} column {column!r} row {r + 1}: {show(cells[r])} is not finite",
            "csv_not_finite",
            key="data.path",
            value=cells[r],
            column=column,
            row=r + 1,
            file=name,
        )
    return out


def _missing_error(name: str, column: str, r: int, key: str) -> ConfigError:
    return ConfigError(
        f"{key}: {name!r} column {column!r} row {r + 1}: the value is missing (choose how to handle "
        f"missing values: data.missing is one of {', '.join(MISSING_CHOICES)})",
        "csv_missing_value",
        key=key,
        column=column,
        row=r + 1,
        file=name,
    )


def _impute(present: np.ndarray, how: str) -> float:
    if how == "mean":
        return float(np.mean(present))
    if how == "median":
        return float(np.median(present))
    values, counts = np.unique(present, return_counts=True)
    return float(values[np.argmax(counts)])  # the smallest of the most frequent


def _most_frequent(cells: np.ndarray):
    values, counts = np.unique(cells.astype(str), return_counts=True)
    return values[np.argmax(counts)] if len(values) else MISSING_LEVEL


def validate_columns(value) -> dict | None:
    """``data.columns`` checked for shape: None, or an object of column name -> role."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ConfigError(
            f"data.columns: must be an object of column name -> role, got {show(value)}",
            "bad_type",
            key="data.columns",
            value=value,
            expected="object",
        )
    for col, role in value.items():
        if role not in ROLES:
            raise ConfigError(
                f"data.columns.{col}: role {show(role)} is not one of {', '.join(ROLES)}",
                "unknown_value",
                key=f"data.columns.{col}",
                value=role,
                known=list(ROLES),
            )
    return dict(value)


def describe_summary(summary: TableSummary) -> str:
    """One English line: rows used, dropped, imputed (the GUI says the same in its words)."""
    parts = [f"{summary.rows_used} of {summary.rows_read} rows used"]
    if summary.target_missing:
        parts.append(f"{summary.target_missing} without a target dropped")
    if summary.dropped_rows:
        parts.append(f"{summary.dropped_rows} with a missing value dropped")
    if summary.imputed:
        parts.append(f"{sum(summary.imputed.values())} missing values filled in {len(summary.imputed)} columns")
    return ", ".join(parts)
