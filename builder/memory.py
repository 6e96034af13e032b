"""How the build's processes hand memory back to the system, so peak memory stays flat with the corpus.

These choices were measured on the write step of a 10,000- and a 100,000-article build (RSS of
anonymous memory): see `use_system_allocator`, `map_large_blocks` and `hand_back_free_heap`."""

from __future__ import annotations

import ctypes

M_MMAP_THRESHOLD = -3  # mallopt's parameter number in glibc's malloc.h
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value


def use_system_allocator() -> None:
    """Arrow buffers from the C library's allocator, in this process. Arrow's default (mimalloc)
    keeps the pages it frees: writing a 10,000-article build raised the resident memory by ~120 MB,
    against ~60 MB with the system allocator, for the same CPU time."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


def glibc():
    """The C library's malloc controls, or None where it is not glibc."""
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def hand_back_free_heap() -> None:
    """The heap's free pages returned to the system, in this process (glibc only). The corpus plan
    frees what it built over the whole corpus, but the heap keeps it: ~36 MB at 100,000 articles,
    ~5 MB at 10,000, which nothing after the plan reuses (see map_large_blocks)."""
    libc = glibc()
    if libc is not None:
        libc.malloc_trim(0)


def map_large_blocks() -> None:
    """Blocks of 128 KiB and more mapped on their own and unmapped when freed, from now on, in this
    process (glibc only; elsewhere nothing changes).

    glibc raises that threshold to the size of each mapped block freed, up to 32 MB, so after the
    first row groups their buffers came from the heap, whose freed parts it keeps: the write step
    held ~190 MB at 10,000 articles and ~245 MB at 100,000, and ~160 and ~195 with the threshold
    fixed. Not set for the per-article step, which frees many mid-sized arrays and would pay a
    system call for each. Mapped blocks never reuse the heap, so its free pages go back first."""
    libc = glibc()
    if libc is not None:
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        hand_back_free_heap()
