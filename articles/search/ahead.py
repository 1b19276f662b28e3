"""
Stemming the words of wire files in a second process, ahead of the import.

Most of what importing an archive costs is Sastrawi meeting words it has not
seen: for each, it tries dozens of affix rules against its dictionary. That
work depends on nothing but the text, so while the importer parses, renders
and writes one file, a worker process reads the files after it and stems
their new words. Before the importer stems a word itself, it takes what the
worker has done up to the file in hand (waiting for it if need be) and adds
it to its cache (stemming.remember), where it then finds the word.

The stems are the ones the importer would have made: the worker runs the
same code on the same words. Whatever the worker misses (a file it cannot
read, a word the cache has forgotten, a worker that died) the importer stems
itself, as it does without a worker. The importer only asks when it has a
word to stem, so a file that turns out unchanged never waits.

The worker is used only where it can help: for enough files to pay for
starting it (the command gives it only the stories new to the site, so a
re-run over an imported folder starts none), on a machine with a second
CPU, where processes can be forked
(Linux; elsewhere StemsAhead does nothing). Forking copies the loaded
dictionary instead of loading it again; the worker never touches the
database connections it inherits, and it ends itself if the importer dies.
"""

import multiprocessing
import os
import signal
import threading
import time
import unicodedata
from collections import deque
from concurrent.futures import ProcessPoolExecutor

from ..wire import format as wire
from . import stemming

# Files per task: few enough that the importer rarely waits for a task to
# finish, enough that passing tasks and results costs little.
CHUNK = 16
# Fewer files than this are imported in less time than a worker takes to start.
MIN_FILES = 2 * CHUNK


def worker_can_help():
    """Whether this machine can stem in a second process at the same time."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 1
    return cpus > 1


class StemsAhead:
    """
    Stems the words of the wire files at `paths` in a worker process, for
    an import that goes through them in order and calls at(index) before
    each one. A path given as None is a file to skip (not wire copy).
    Use as a context manager; while it is open, stemming.stem() asks it
    for the worker's stems before stemming a word itself.
    """

    def __init__(self, paths):
        self.paths = [None if path is None else str(path) for path in paths]
        self.position = 0
        # (index of a task's first file, its future), in file order.
        self.pending = deque()
        self.executor = None

    @property
    def running(self):
        return self.executor is not None

    def __enter__(self):
        if sum(path is not None for path in self.paths) >= MIN_FILES and worker_can_help():
            try:
                self._start()
            except OSError as exc:
                # Out of processes or memory: import as without a worker
                # (nothing is logged: the command's output is a contract).
                self.__exit__(type(exc), exc, None)
        return self

    def _start(self):
        stemming.preload()  # loaded before the fork, so the worker has it
        self.executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )
        for start in range(0, len(self.paths), CHUNK):
            future = self.executor.submit(stems_of_files, self.paths[start : start + CHUNK])
            self.pending.append((start, future))
        stemming.stems_ahead = self

    def __exit__(self, *exc_info):
        if stemming.stems_ahead is self:
            stemming.stems_ahead = None
        self.pending.clear()
        if self.executor is not None:
            # What the worker has not done is not needed. After a clean run
            # it ends before the command does; interrupted, the command
            # does not wait for it.
            self.executor.shutdown(wait=exc_info[0] is None, cancel_futures=True)
            self.executor = None

    def at(self, index):
        """The import has come to the file paths[index]."""
        self.position = index

    def catch_up(self):
        """
        Add the worker's stems for every file up to the current one to the
        stem cache (and any later ones it has finished): True if it added any.
        """
        added = False
        while self.pending:
            start, future = self.pending[0]
            if start > self.position and not future.done():
                break
            self.pending.popleft()
            try:
                stems = future.result()
            except Exception:
                # A worker that died is not worth a failed import: the
                # importer stems what is left itself.
                self.pending.clear()
                break
            stemming.remember(stems)
            added = True
        return added


# In the worker: the words whose stems it has already sent, so that each
# result holds only new ones. Forgotten when it grows as large as the
# importer's cache, which will have forgotten the oldest of them too.
_sent = set()


def stems_of_files(paths):
    """The stems of the words in the files at `paths` not yet sent, as {folded word: stem}."""
    stems = {}
    for path in filter(None, paths):
        try:
            text = wire.decode(wire.read_limited(path))
        except wire.WireError:
            continue  # the importer reports it
        for word in set(stemming.WORD_RE.findall(unicodedata.normalize("NFC", text))):
            term = stemming.fold(word)[: stemming.MAX_TERM_LENGTH]
            if term not in _sent and stemming.is_stemmed(term):
                _sent.add(term)
                stems[term] = stemming.stem(term)
    if len(_sent) > stemming.STEM_CACHE_SIZE:
        _sent.clear()
    return stems


def _start_worker(importer_pid):
    # Ctrl-C is for the importer, which stops the worker itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stemming.stems_ahead = None
    threading.Thread(target=_exit_with, args=(importer_pid,), daemon=True).start()


def _exit_with(importer_pid):
    """End the worker when the importer is gone (killed, it cannot stop it)."""
    while os.getppid() == importer_pid:
        time.sleep(0.5)
    os._exit(0)
