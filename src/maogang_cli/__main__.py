"""The `maogang` console script and `python -m maogang_cli`: start up, then run the command."""

import gc


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
    run_command()


if __name__ == "__main__":
    main()
