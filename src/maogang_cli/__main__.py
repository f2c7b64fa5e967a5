"""The `maogang` console script and `python -m maogang_cli`: start up, then run the command."""

import gc
import os
import sys


def main() -> None:
    from maogang_cli.streams import fill_closed, make_safe

    fill_closed()  # `maogang status >&-` prints nothing rather than failing as a bug
    # Start-up creates some 100,000 objects that live until the process ends (typer, click,
    # our modules). Collecting while they load is wasted work, and so is scanning them again
    # in later collections and at exit: pause the collector while importing, then freeze
    # what was loaded (about 12 ms of a 100 ms command; see bench/).
    gc.disable()
    try:
        from maogang_cli.cli import main as run_command
    finally:
        gc.freeze()
        gc.enable()
    make_safe()  # a GBK stdout (a redirect on Chinese Windows) takes every report
    try:
        run_command()
    except SystemExit as exc:
        end_now(exc.code)
        raise


def end_now(code: object) -> None:
    """End the process with `code` once the command is done, without the interpreter's
    teardown: freeing every module and object one by one took 8 M instructions of a 350 M
    `overdue --json` (2 % of its time). What the teardown did that matters is done here:
    the databases are closed (so SQLite folds its -wal file back and removes it), the
    exit handlers run, and the output is flushed. Returns, leaving the ordinary exit to
    Python, when any of that fails or the code is not a number."""
    if code is None:
        code = 0
    if not isinstance(code, int):
        return
    try:
        _close_databases()
        import atexit

        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:
        return
    os._exit(code)


def _close_databases() -> None:
    """Close every SQLite connection still open: Python 3.11 keeps each in a reference
    cycle (its statement cache), so the teardown's collection was what closed them. They
    are all made after the start-up freeze, so gc still tracks them."""
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is None:
        return
    for obj in gc.get_objects():
        if isinstance(obj, sqlite3.Connection):
            obj.close()


if __name__ == "__main__":
    main()
