"""Errors that reach the user: each class carries its exit code; the CLI prints them."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from maogang_cli.problem import Problem as Problem


class MaogangError(Exception):
    """Base for every error shown to the user as one line (or a few, for data problems)."""

    exit_code = 1

    def lines(self) -> list[str]:
        from maogang_cli.i18n import _

        return [_("error: {message}").format(message=self)]


class UsageError(MaogangError):
    """The command line itself is wrong: a bad option value, a missing path."""

    exit_code = 2


class RefusedError(MaogangError):
    """A well-formed value the data refuses: a month before the plan, a unit that does not
    owe a report, a month that has not begun."""


def refused_value(exc: ValueError, prefix: str = "") -> MaogangError:
    """The one rule for a value a command was given and a rule refused: one that cannot be
    read (`domain.dates.Unreadable`: 2024-6, 2024-13, 2024-02-30, contradicting options)
    is a usage error (2); a well-formed one the data refuses is exit 1."""
    from maogang_cli.domain.dates import Unreadable

    kind = UsageError if isinstance(exc, Unreadable) else RefusedError
    return kind(f"{prefix}{exc}")


class NotFoundError(MaogangError):
    """A task, unit, duty or file named on the command line does not exist."""


class InvalidRecordError(MaogangError):
    """A progress record or submission that would be wrong to store."""


class OutputExistsError(MaogangError):
    """Refusing to overwrite an existing output file without --force."""


class DataError(MaogangError):
    """The catalogue (or an imported file) is invalid; carries every problem found."""

    def __init__(self, problems: "list[Problem]", hint: str = "") -> None:
        self.problems = sorted(problems)
        self.hint = hint
        super().__init__(str(self.problems[0]) if self.problems else "invalid data")

    def lines(self) -> list[str]:
        out = [str(p) for p in self.problems]
        if self.hint:
            out.append(self.hint)
        return out


class KeyChangeError(DataError):
    """A valid catalogue that would hand a unit's records to another key (refused)."""


def nearest(name: str, candidates: list[str], n: int = 3) -> list[str]:
    """The closest known names to a mistyped one, for 'did you mean' hints: only those
    nearly as close as the best, so a clear match is not drowned by weak ones."""
    from difflib import SequenceMatcher

    scores = {c: SequenceMatcher(None, name, c).ratio() for c in candidates}
    good = [c for c in scores if scores[c] >= 0.4]
    if good:
        best = max(scores[c] for c in good)
        close = [c for c in good if scores[c] >= best * 0.75]
        return sorted(close, key=lambda c: -scores[c])[:n]
    # Chinese names are short: a shared substring is a better hint than edit distance.
    return [c for c in candidates if name and (name in c or c in name)][:n]


def did_you_mean(name: str, candidates: list[str], *, english: bool = False) -> str:
    """The hint for a mistyped name; `english` for the catalogue's problems, which are
    English throughout (they are read by whoever edits the data files)."""
    from maogang_cli.i18n import _

    close = nearest(name, candidates)
    if not close:
        return ""
    if english:
        return f" (did you mean: {', '.join(close)}?)"
    return _(" (did you mean: {names}?)").format(names=_(", ").join(close))


def __getattr__(name: str) -> Any:
    """Problem lives in problem.py, loaded only where a file's problems are told."""
    if name == "Problem":
        from maogang_cli.problem import Problem

        return Problem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
