"""
The progress bar of every long command (tqdm): drawn on the command's
standard error, and only on a terminal, so that standard output (the
commands' contract with scripts) and logs never carry it.
"""

from contextlib import nullcontext

from tqdm import tqdm


def progress_bar(command, *, total, unit, verbosity=1, **options):
    """A tqdm bar for `command` (a BaseCommand); it draws nothing unless stderr is a terminal and verbosity is on."""
    # Django's OutputWrapper adds a line ending to every write; the bar
    # draws on the stream inside it.
    stream = command.stderr._out
    return tqdm(
        total=total,
        unit=unit,
        file=stream,
        disable=not (verbosity and stream.isatty()),
        dynamic_ncols=True,
        **options,
    )


def writing_past(bar, stream):
    """
    A context for writing a line to `stream` while `bar` may be on the same
    terminal: the bar steps aside and is drawn again below the line.
    """
    if bar.disable or not stream.isatty():
        return nullcontext()
    return bar.external_write_mode(file=bar.fp)
