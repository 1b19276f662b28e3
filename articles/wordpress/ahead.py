"""
Stemming the words of an export's posts in a second process, ahead of the import.

As for wire copy (articles/search/ahead.py, whose reasoning applies here):
most of what a new article costs is Sastrawi meeting words it has not seen,
and that depends on nothing but the text. While the importer converts and
writes one post, a forked worker reads the same export further on and
stems the words of the posts after it; the importer adds what the worker
sends to the stem cache (stemming.remember) before it stems a word itself.

The worker reads the export on its own (streaming, like the importer) and
hands its stems over a bounded queue, so it never runs more than a few
hundred posts ahead and memory stays flat. The stems are the ones the
importer would make: the same code on the same words. Whatever the worker
misses (a word outside the raw text, a worker that died) the importer stems
itself. Only used for enough new posts, with a second CPU and fork().
"""

import multiprocessing
import os
import queue
import signal
import threading
import time
import unicodedata

from articles.search import stemming
from articles.search.ahead import worker_can_help

from .body import plain_text
from .wxr import read_items

# Posts per message: few enough that the importer rarely waits.
CHUNK = 16
# Fewer new posts than this are imported before a worker has started.
MIN_POSTS = 2 * CHUNK
# Messages the worker may hold ready: it pauses when the importer is this far behind.
AHEAD = 32
# How long the importer waits for the worker's stems before stemming itself.
PATIENCE = 2.0


class PostStemsAhead:
    """
    Stems the words of the posts and pages of the export at `path` whose
    WordPress IDs are in `wanted`, for an import that goes through the
    items in order and calls at(index) before each. A context manager;
    while open, stemming.stem() asks it before stemming a word itself.
    """

    def __init__(self, path, wanted):
        self.path = str(path)
        self.wanted = frozenset(wanted)
        self.position = 0
        self.reached = -1
        self.process = None
        self.queue = None

    def __enter__(self):
        if len(self.wanted) >= MIN_POSTS and worker_can_help():
            try:
                self._start()
            except OSError:
                # Out of processes or memory: import as without a worker.
                self.__exit__(None, None, None)
        return self

    def _start(self):
        stemming.preload()  # loaded before the fork, so the worker has it
        context = multiprocessing.get_context("fork")
        self.queue = context.Queue(maxsize=AHEAD)
        self.process = context.Process(target=_work, args=(self.path, self.wanted, self.queue, os.getpid()), daemon=True)
        self.process.start()
        stemming.stems_ahead = self

    def __exit__(self, *exc_info):
        if stemming.stems_ahead is self:
            stemming.stems_ahead = None
        if self.process is not None:
            self.process.terminate()
            self.process.join(timeout=5)
            self.process = None
        if self.queue is not None:
            self.queue.close()
            self.queue.cancel_join_thread()
            self.queue = None

    def at(self, index):
        """The import has come to item number `index` of the export."""
        self.position = index

    def catch_up(self):
        """Add the worker's stems up to the current item (and any ready beyond) to the stem cache."""
        added = False
        while self.queue is not None:
            behind = self.reached < self.position
            try:
                message = self.queue.get(timeout=PATIENCE) if behind else self.queue.get_nowait()
            except (queue.Empty, OSError, EOFError, ValueError):
                if behind:
                    self.__exit__(None, None, None)  # slow or gone: the importer stems itself
                break
            if message is None:
                self.reached = float("inf")
                break
            self.reached, stems = message
            stemming.remember(stems)
            added = True
        return added


def _work(path, wanted, channel, importer_pid):
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stemming.stems_ahead = None
    threading.Thread(target=_exit_with, args=(importer_pid,), daemon=True).start()
    sent, stems, index = set(), {}, -1
    try:
        for index, item in enumerate(read_items(path)):
            if item is not None and item.post_id in wanted:
                text = " ".join((item.title, item.excerpt, plain_text(item.content)))
                for word in set(stemming.WORD_RE.findall(unicodedata.normalize("NFC", text))):
                    term = stemming.fold(word)[: stemming.MAX_TERM_LENGTH]
                    if term not in sent and stemming.is_stemmed(term):
                        sent.add(term)
                        stems[term] = stemming.stem(term)
            if index % CHUNK == CHUNK - 1:
                channel.put((index, stems))
                stems = {}
                if len(sent) > stemming.STEM_CACHE_SIZE:
                    sent.clear()
        channel.put((index + 1, stems))
        channel.put(None)
        # What is queued must reach the pipe before the process ends.
        channel.close()
        channel.join_thread()
    except Exception:
        pass
    os._exit(0)


def _exit_with(importer_pid):
    """End the worker when the importer is gone (killed, it cannot stop it)."""
    while os.getppid() == importer_pid:
        time.sleep(0.5)
    os._exit(0)
