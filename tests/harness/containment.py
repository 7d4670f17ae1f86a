"""What a snippet may not do while it is verified, enforced in its own process with audit
hooks (which cover every way Python reaches the operating system, so that `connect_ex`, UDP
`sendto`, name lookups and subprocesses are caught like `connect`):

- reach the network beyond this machine, or a local service it did not start itself (loopback
  is open only to the ports its own sockets are bound to);
- start another program;
- write, move or delete anything outside its temporary folders (it runs in a scratch folder
  that mirrors the repository's top level, so it can still read files by relative path, and
  any write into the repository, or into the repository a copy was made from, is refused).
"""

import ipaddress
import os
import sys
import tempfile
import weakref
from pathlib import Path

from .paths import is_tooling_folder


class NetworkBlocked(OSError):
    pass


class RepositoryWriteRefused(PermissionError):
    pass


class ProgramRefused(PermissionError):
    pass


NETWORK_MESSAGE = ("network access is blocked while verifying snippets (tried {what}); "
                   "a snippet must not download anything during the tests")
WRITE_MESSAGE = ("[harness] the snippet tried to {action} {path}, {where}; snippets run in a "
                 "scratch folder and may write only there or in a temporary folder")
# Repositories a repository copy was made from, separated by os.pathsep: never writable.
PROTECTED_VARIABLE = "HARNESS_PROTECTED_REPOSITORIES"
LOCAL_SERVICE_MESSAGE = ("network access is blocked while verifying snippets (tried {what}, a local service the "
                         "snippet did not start); loopback is open only to ports the snippet bound itself")
PROGRAM_MESSAGE = "[harness] the snippet tried to start another program ({what}); snippets run in one process"

# Events whose arguments name a path that is changed, and the word for the message.
_PATH_EVENTS = {
    "os.remove": "delete", "os.rmdir": "delete", "shutil.rmtree": "delete", "os.mkdir": "create",
    "os.chmod": "change the mode of", "os.chown": "change the owner of", "os.truncate": "truncate",
    "os.utime": "touch", "os.symlink": "link", "os.link": "link", "shutil.copyfile": "copy onto",
    "os.rename": "rename", "shutil.move": "move",
}
_PROGRAM_EVENTS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.startfile", "pty.spawn"}
_LOOKUPS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
            "socket.getnameinfo"}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def _is_local_host(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _is_local_address(address) -> bool:
    if isinstance(address, tuple) and address:
        return _is_local_host(address[0])
    return True  # Unix sockets and the like stay on this machine


def mirror_repository(repo: Path, scratch: Path) -> None:
    """The snippet's working folder: a link to each top-level entry of the repository, so that
    relative reads work as from the repository root, while writes are refused there."""
    for entry in Path(repo).iterdir():
        if not is_tooling_folder(entry.name):
            os.symlink(entry, Path(scratch) / entry.name)


def _within(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def contain(repo: Path) -> None:
    """Install the hooks in this (throwaway) process; they cannot be removed. Writes are
    allowed only under the temporary folder (where the scratch folder, HOME and the torch
    cache live) and to devices; never into `repo`, even when it lies in the temporary folder,
    as a repository copy does, nor into a repository a copy was made from."""
    repo = os.path.realpath(repo)
    protected = [repo] + [os.path.realpath(p) for p in os.environ.get(PROTECTED_VARIABLE, "").split(os.pathsep) if p]
    writable = [os.path.realpath(tempfile.gettempdir()), "/dev"]
    # Helpers beside the snippet are compiled from their source, never from a __pycache__ that
    # may be older than an edit made within the same second; nothing is written beside them.
    sys.pycache_prefix = tempfile.mkdtemp(prefix="snippet-pycache-")
    bound = weakref.WeakSet()  # the snippet's own sockets that were bound to an address

    def where_refused(path) -> str | None:
        if isinstance(path, int) or path is None:
            return None
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return None
        if any(_within(real, root) for root in protected):
            return "inside the repository" if _within(real, repo) else "inside the repository this copy came from"
        if not any(_within(real, root) for root in writable):
            return "outside the snippet's scratch and temporary folders"
        return None

    def refuse_write(action, path):
        where = where_refused(path)
        if where:
            raise RepositoryWriteRefused(WRITE_MESSAGE.format(action=action, path=os.fsdecode(path), where=where))

    def own_ports() -> set:
        ports = set()
        for sock in list(bound):
            try:
                ports.add(sock.getsockname()[1])
            except (OSError, IndexError, TypeError):
                pass
        return ports

    def check_address(address):
        if not _is_local_address(address):
            raise NetworkBlocked(NETWORK_MESSAGE.format(what=repr(address)))
        if isinstance(address, tuple) and len(address) >= 2 and address[1] not in own_ports():
            raise NetworkBlocked(LOCAL_SERVICE_MESSAGE.format(what=repr(address)))

    def hook(event, args):
        if event == "open":
            path, mode, flags = args
            writing = (mode is not None and any(c in mode for c in "wax+")) or (mode is None and flags & _WRITE_FLAGS)
            if writing:
                refuse_write("write", path)
        elif event in _PATH_EVENTS:
            for path in args[:2] if event in ("os.rename", "os.link", "os.symlink", "shutil.copyfile", "shutil.move") else args[:1]:
                refuse_write(_PATH_EVENTS[event], path)
        elif event == "socket.bind":
            bound.add(args[0])
        elif event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
            check_address(args[1] if len(args) > 1 else None)
        elif event in _LOOKUPS:
            if not _is_local_host(args[0] if args else None):
                raise NetworkBlocked(NETWORK_MESSAGE.format(what=f"a lookup of {args[0]!r}"))
        elif event in _PROGRAM_EVENTS:
            raise ProgramRefused(PROGRAM_MESSAGE.format(what=f"{event} {args[:2]!r}"[:300]))

    sys.addaudithook(hook)


def repository_state(repo: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file the snippets could change (not the cache,
    the build, version control or the environment)."""
    state = {}
    for folder, folders, files in os.walk(repo):
        folders[:] = [f for f in folders if not is_tooling_folder(f)]
        for name in files:
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
            except OSError:
                continue
            state[os.path.relpath(path, repo)] = (info.st_size, info.st_mtime_ns)
    return state


def changed_files(before: dict, after: dict) -> list[str]:
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
