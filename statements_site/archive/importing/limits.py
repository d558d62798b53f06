"""What reading one uploaded file may cost, and the error that says it could not be read.

ReadError carries a message for staff; time_limit stops a reader (or the
parser) that runs past its time, so a small hostile file is refused in
seconds instead of taking a worker down.
"""

import signal
import threading
from contextlib import contextmanager

READ_SECONDS = 10  # per file, below gunicorn's 30 s worker timeout


class ReadError(Exception):
    """A file that cannot be turned into text; str(error) is for staff."""


class _OutOfTime(BaseException):
    # A BaseException, so that no library's `except Exception` swallows the alarm.
    pass


@contextmanager
def time_limit(name: str, doing: str = "reading the file", seconds: float | None = None):
    """Stop the block with a ReadError once it has run `seconds` (READ_SECONDS by default).

    A SIGALRM timer interrupts pure-Python work (pypdf, the parser) wherever it is; the size limits
    bound the C code (zlib, lxml) in between. Signals reach only the main thread, which is where the
    command and gunicorn's sync workers run; elsewhere (the threaded development server) only the
    size limits apply. An enclosing time_limit keeps its own timer and message.
    """
    seconds = READ_SECONDS if seconds is None else seconds
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0]
    ):
        yield
        return

    def expire(signum, frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OutOfTime:
        raise ReadError(f"{name}: {doing} took longer than the {seconds:g} second limit; it was stopped.") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
