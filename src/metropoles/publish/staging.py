"""Write a publication aside, then switch it in with one atomic rename, so that whatever stops a
build (an error, ``kill -9``, a full disk, a power cut) the publication path shows either the old
publication or the new one, whole.

Next to the publication path ``P`` (e.g. ``build/publication``):

- ``P`` is a symbolic link to ``P-<identity>`` (relative, so the parent folder can move);
- ``P-<identity>/`` holds one published version; the current and the previous one are kept, so a
  server started on the previous version still finds its files after one rebuild;
- ``.P.staging-<pid>/`` is a build being written by process ``<pid>``; one left by a process that
  no longer runs is removed by the next build.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from metropoles.publication import SUMS_FILE, PublicationError, identity_of, verify

VERSION_DIGITS = 16  # of the identity, in a version folder's name
LEFTOVER = re.compile(r"^\.(?P<target>.+)\.(?:staging|old|link)-(?P<pid>[0-9]+)$")


@contextmanager
def staging(target: Path) -> Iterator[Path]:
    """Yield an empty folder to write the publication into; on success, switch ``target`` to it,
    on failure remove it and leave ``target`` untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    stage = _sibling(target, "staging")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    with _locked(target.parent):
        publish(stage, target)


def publish(stage: Path, target: Path) -> Path:
    """Move the written ``stage`` to its version folder, point ``target`` at it, drop versions
    older than the previous one; return the version folder."""
    _sync(stage)
    version = target.with_name(f"{target.name}-{_identity(stage)[:VERSION_DIGITS]}")
    previous = current_version(target)
    if _intact(version):
        shutil.rmtree(stage)  # the same bytes are already published (builds are reproducible)
        os.utime(version)
    else:
        _discard(version)
        stage.rename(version)
    _switch(target, version)
    _remove_old_versions(target, keep={version, previous or version})
    return version


def current_version(target: Path) -> Path | None:
    """The version folder ``target`` points to, if it is a link."""
    if not target.is_symlink():
        return None
    return target.parent / Path(os.readlink(target)).name


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the staging folders (and temporary links) that builds of ``target`` left when they
    were killed: those whose process no longer runs. Return what was removed."""
    removed = []
    for path in target.parent.iterdir():
        match = LEFTOVER.match(path.name)
        if match and match["target"] == target.name and not _running(int(match["pid"])):
            _discard(path)
            removed.append(path)
    return removed


def _switch(target: Path, version: Path) -> None:
    """Point ``target`` at ``version`` with one rename of a new link over the old one."""
    link = _sibling(target, "link")
    link.unlink(missing_ok=True)
    link.symlink_to(version.name)
    if target.is_dir() and not target.is_symlink():
        # A plain folder (older layout) cannot be replaced by a link in one rename.
        old = _sibling(target, "old")
        target.rename(old)
        os.replace(link, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(link, target)
    _sync_folder(target.parent)


def _remove_old_versions(target: Path, keep: set[Path]) -> None:
    """Remove version folders of ``target`` other than ``keep``; when the build republished the
    current version, the most recent other one stays as the previous version."""
    pattern = re.compile(rf"^{re.escape(target.name)}-[0-9a-f]{{{VERSION_DIGITS}}}$")
    versions = [p for p in target.parent.iterdir() if pattern.match(p.name) and not p.is_symlink()]
    others = sorted((p for p in versions if p not in keep), key=lambda p: p.stat().st_mtime)
    if len(keep) == 1 and others:
        keep = keep | {others.pop()}
    for path in versions:
        if path not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _identity(stage: Path) -> str:
    try:
        return identity_of((stage / SUMS_FILE).read_bytes())
    except OSError as error:
        raise PublicationError(f"{stage} has no readable {SUMS_FILE}: {error.strerror}") from None


def _intact(version: Path) -> bool:
    try:
        verify(version)
    except PublicationError:
        return False
    return True


def _discard(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _sibling(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.{kind}-{os.getpid()}")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _sync(folder: Path) -> None:
    """Flush the written files to disk before the rename makes them the publication."""
    for path in folder.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One switch at a time in ``folder``: a concurrent build must not remove the version
    another is about to point at."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)
