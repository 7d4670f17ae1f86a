"""Run snippet code the way `python snippets/<section>/<name>.py` would, but cheaply.

torch is imported once, in a fork server; every snippet runs in a fresh process forked
from it, with fresh globals, reseeded generators, the network blocked and a temporary
TORCH_HOME. Results are memoised by code, so each snippet runs at most once per test run.
"""

import contextlib
import json
import multiprocessing
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import cache
from .containment import PROTECTED_VARIABLE
from .paths import REPO

# Imported once by the fork server, so that no snippet (and no run of the suite on a
# repository copy) pays for them again.
PRELOAD = ["torch", "torchvision", "numpy", "PIL.Image", "sklearn.datasets", "pytest"]
# Set for a pytest run forked from the server (run_pytest_in_fork): torch is imported already,
# so its snippets are forked from it directly instead of from a server of their own.
WARM_FORK_VARIABLE = "HARNESS_WARM_FORK"
DEFAULT_TIMEOUT_S = 300  # well under CI's limit; see --snippet-timeout


@dataclass(frozen=True)
class RunResult:
    label: str
    stdout: str
    stderr: str
    returncode: int
    seconds: float
    timed_out: bool = False
    exports: dict | None = None  # what the section's inspector read from the finished run


    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def _write_output_to(stdout_path: str, stderr_path: str) -> None:
    """Point this process's stdout and stderr (the descriptors, so C code's writes too) at files."""
    import sys

    for fd, path in ((1, stdout_path), (2, stderr_path)):
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if stdout_path == stderr_path else os.O_TRUNC)
        target = os.open(path, flags, 0o600)
        os.dup2(target, fd)
        os.close(target)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)


class PublishedNames(dict):
    """The names a fragment publishes; asking for any other fails, naming the fragment."""

    def __init__(self, filename: str, names: dict):
        super().__init__(names)
        self.filename = filename

    def __missing__(self, key):
        raise KeyError(f"{self.filename} does not publish {key!r}: an inspector reads only the names in "
                       f"the fragment's __all__ (and its FACTS), so that renaming a local changes no fact")


def published_names(namespace: dict, filename: str) -> PublishedNames:
    """What a fragment publishes on purpose, for its section's inspector: the names listed in its
    `__all__` (and the list itself), its `FACTS` mapping if it has one, and its `__file__`;
    never its other locals."""
    listed = list(namespace.get("__all__", ()))
    undefined = [name for name in listed if name not in namespace]
    if undefined:
        raise NameError(f"{filename}: __all__ lists {undefined}, which the fragment does not define")
    names = {name: namespace[name] for name in listed}
    names["__all__"] = listed
    if "FACTS" in namespace:
        names["FACTS"] = namespace["FACTS"]
    names["__file__"] = namespace.get("__file__", filename)
    return PublishedNames(filename, names)


def _execute(code: str, filename: str, env: dict, stdout_path: str, stderr_path: str, reads_path: str,
             inspector: tuple | None = None, exports_path: str | None = None, repo: str | None = None) -> None:
    """Body of the forked worker: run one snippet as a `__main__` script, contained (see
    containment.py), in a scratch folder that mirrors the repository; then, if a section
    named an inspector for it, hand the inspector the snippet's globals and keep what it
    returns (JSON), so that facts and figures come from this one execution."""
    import builtins
    import hashlib
    import importlib.util
    import random
    import sys
    import traceback

    os.setpgrp()  # a timeout kills the snippet and anything it started
    repo = os.path.realpath(repo or str(REPO))
    repo_prefix = repo + os.sep
    read = {}  # every file the run read, hashed when it was opened: the cache entry's validity

    def record_read(event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.realpath(os.fsdecode(args[0]))
            if not path.startswith(repo_prefix):
                return  # outside the repository, files are covered by the installed versions
            if path.endswith(".pyc") and "__pycache__" in path:
                try:  # what was compiled, not the compiled file
                    path = importlib.util.source_from_cache(path)
                except ValueError:
                    pass
            if path not in read and os.path.isfile(path):
                read[path] = None  # also keeps the hook from re-entering for the open below
                try:
                    with open(path, "rb") as handle:
                        read[path] = hashlib.sha256(handle.read()).hexdigest()
                except OSError:
                    del read[path]

    _write_output_to(stdout_path, stderr_path)

    from .containment import contain, mirror_repository

    os.environ.update(env)
    scratch = tempfile.mkdtemp(prefix="snippet-cwd-")
    mirror_repository(Path(repo), Path(scratch))
    os.chdir(scratch)
    sys.argv = [filename]
    sys.path.insert(0, str(Path(filename).parent))
    sys.addaudithook(record_read)
    contain(Path(repo))
    random.seed(0)
    _seed_when_imported({"numpy": lambda numpy: numpy.random.seed(0), "torch": lambda torch: torch.manual_seed(0)})

    namespace = {"__name__": "__main__", "__file__": filename, "__builtins__": builtins}
    status = 0
    try:
        exec(compile(code, filename, "exec"), namespace)
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        traceback.print_exc()
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    if status == 0 and inspector is not None:
        import importlib
        import io

        search_path, module_name, function_name = inspector[:3]
        sys.path.insert(0, search_path)
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # never part of the snippet's output
                exports = getattr(importlib.import_module(module_name), function_name)(
                    published_names(namespace, filename))
            with open(exports_path, "w", encoding="utf-8") as handle:
                json.dump(exports, handle)
        except BaseException:
            print(f"[harness] the inspector {module_name}.{function_name} failed on {filename}:", file=sys.stderr)
            traceback.print_exc()
            sys.stderr.flush()
            status = 1
    with open(reads_path, "w", encoding="utf-8") as handle:
        json.dump(read, handle)
    os._exit(status)


def _seed_when_imported(seeders: dict) -> None:
    """Seed each library's generator as it becomes importable to the snippet: now if it is
    imported already (a fork of the server), else right after its first import, so that a
    snippet that never imports torch does not pay for importing it (a new interpreter)."""
    import importlib.abc
    import sys

    pending = {}
    for name, seed in seeders.items():
        if name in sys.modules:
            seed(sys.modules[name])
        else:
            pending[name] = seed
    if not pending:
        return

    class SeedAfterImport(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname not in pending:
                return None
            seed = pending.pop(fullname)
            if not pending:
                sys.meta_path.remove(self)
            for finder in sys.meta_path:
                spec = finder.find_spec(fullname, path, target) if hasattr(finder, "find_spec") else None
                if spec is not None:
                    break
            else:
                return None
            run_module = spec.loader.exec_module

            def exec_then_seed(module):
                run_module(module)
                seed(module)

            spec.loader.exec_module = exec_then_seed
            return spec

    sys.meta_path.insert(0, SeedAfterImport())


def _single_threaded() -> bool:
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc: cannot tell, so never fork directly
        return False


def start_fork_server() -> None:
    """Start the fork server now: it imports torch in the background while other tests run,
    instead of in front of the first snippet."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    from multiprocessing import forkserver

    # The server must not inherit our stdout and stderr: whoever reads them to their end
    # (a pipe, CI's log) would wait for the server to exit after we do.
    saved = [os.dup(1), os.dup(2)]
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        forkserver.ensure_running()
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)


class SnippetRunner:
    def __init__(self, env: dict | None = None, timeout_s: float = DEFAULT_TIMEOUT_S,
                 prepare=None, use_cache: bool = True, inspector_for=None, share_dir: str | None = None,
                 fork_directly: bool = False):
        """`inspector_for(path)` names, for a snippet file, the function that reads facts from
        its globals after it ran: (folder to import from, module, function), or None."""
        self.env = dict(env or {})
        self._inspector_for = inspector_for or (lambda path: None)
        self.share_dir = share_dir
        self.env.setdefault("MPLBACKEND", "Agg")
        self.timeout_s = timeout_s
        self._prepare = prepare  # prepare(filename), before each snippet really runs
        self.use_cache = use_cache
        self._results: dict[str, RunResult] = {}
        self._context = None
        self.fork_directly = fork_directly

    def _ctx(self):
        if self._context is None:
            # A warm fork of the server may fork snippets itself, as long as it has no threads
            # (torch's OpenMP pool, once started, hangs a forked child).
            if self.fork_directly and _single_threaded():
                self._context = multiprocessing.get_context("fork")
            else:
                start_fork_server()
                self._context = multiprocessing.get_context("forkserver")
        return self._context

    def run(self, code: str, label: str, filename: str | None = None) -> RunResult:
        """Run `code` (memoised by its text); `filename` is what `__file__` and tracebacks show."""
        inspector = self._inspector_for(Path(filename)) if filename else None
        key = cache.key("snippets", self._cache_parts(code, inspector))  # also names it for other workers
        if key not in self._results:
            self._results[key] = self._shared(key, lambda: (
                self._cached(code, label, inspector)
                or self._run_fresh(code, label, filename or label, inspector=inspector)))
        return self._results[key]

    def _shared(self, key: str, produce) -> RunResult:
        """With `share_dir` (one folder for all the processes of one test run, as pytest-xdist's
        workers are), each snippet still runs once per test run (harness/once.py)."""
        from .once import once_per_run

        return once_per_run(self.share_dir, key, produce, lambda result: result.__dict__,
                            lambda data: RunResult(**data))

    def _cache_parts(self, code: str, inspector: tuple | None = None) -> tuple:
        settings = json.dumps({k: v for k, v in sorted(self.env.items()) if k == "MPLBACKEND"})
        inspected = ""
        if inspector is not None:  # the inspector's source is part of what the entry depends on
            folder, module, function = inspector[:3]
            depends_on = inspector[3] if len(inspector) > 3 else ()
            sources = [Path(folder, *module.split(".")).with_suffix(".py"), *map(Path, depends_on)]
            inspected = f"{module}.{function}:" + ",".join(cache.file_digest(source) for source in sources)
        return code, settings, inspected

    def _cached(self, code: str, label: str, inspector: tuple | None = None) -> RunResult | None:
        if not self.use_cache:
            return None
        entry = cache.load("snippets", self._cache_parts(code, inspector),
                           required={"stdout": str, "stderr": str, "returncode": int})
        if entry is None:
            return None
        return RunResult(label, entry["stdout"], entry["stderr"], entry["returncode"], 0.0,
                         exports=entry.get("exports"))

    def has_cached_result(self, path: Path) -> bool:
        """Whether `run_file(path, ...)` would be answered from the results cache."""
        code = Path(path).read_text(encoding="utf-8")
        return self._cached(code, str(path), self._inspector_for(Path(path))) is not None

    def run_file(self, path: Path, label: str) -> RunResult:
        return self.run(Path(path).read_text(encoding="utf-8"), label, str(path))

    def run_uncached(self, code: str, label: str) -> RunResult:
        """A fresh execution whose result is neither taken from nor stored in any cache."""
        return self._run_fresh(code, label, label, store=False)

    def run_twice(self, code: str, label: str, filename: str | None = None) -> tuple[RunResult, RunResult]:
        """Two executions for spotting output that changes between runs: this run's, and one in
        a new interpreter with another hash seed (so that set order, id() and memory layout
        differ as they do between two runs of `python snippet.py`), never cached."""
        first = self.run(code, label, filename)
        return first, self._run_fresh(code, label, filename or label, store=False, new_interpreter=True)

    def _run_fresh(self, code: str, label: str, filename: str, store: bool = True,
                   inspector: tuple | None = None, new_interpreter: bool = False) -> RunResult:
        if self._prepare is not None and store:  # not for the runner's own helper runs
            self._prepare(filename)
        log = os.environ.get("HARNESS_EXECUTION_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(label + "\n")
        from .containment import changed_files, repository_state

        timeout_s = declared_timeout(code) or self.timeout_s
        before = repository_state(REPO)
        with tempfile.TemporaryDirectory(prefix="snippet-run-") as scratch:
            out_path, err_path = Path(scratch, "stdout"), Path(scratch, "stderr")
            reads_path, exports_path = Path(scratch, "reads"), Path(scratch, "exports.json")
            started = time.perf_counter()
            # A run on a repository copy names the repositories it was copied from: the snippet
            # may write into none of them (containment.py).
            env = {**self.env, **{k: os.environ[k] for k in (PROTECTED_VARIABLE,) if os.environ.get(k)}}
            arguments = (code, filename, env, str(out_path), str(err_path), str(reads_path),
                         inspector, str(exports_path), str(REPO))
            if new_interpreter:
                worker = _InterpreterWorker(arguments, Path(scratch, "arguments.json"))
            else:
                worker = self._ctx().Process(target=_execute, args=arguments, name=f"snippet {label}")
            worker.start()
            worker.join(timeout_s)
            timed_out = worker.is_alive()
            if timed_out:
                _kill_group(worker)
            seconds = time.perf_counter() - started
            read = lambda p: p.read_text(encoding="utf-8", errors="replace") if p.exists() else ""
            stderr = read(err_path)
            returncode = -9 if timed_out else worker.exitcode
            if timed_out:
                stderr += (f"\n[harness] killed after {timeout_s:.0f} s without finishing (the limit is "
                           f"--snippet-timeout, or a '# harness: timeout=<seconds>' line in the snippet)\n")
            left = changed_files(before, repository_state(REPO))
            if left:
                stderr += ("\n[harness] the snippet changed files in the repository, which a snippet must "
                           "never do: " + ", ".join(left) + "\n")
                returncode = returncode or 1
            exports = json.loads(read(exports_path)) if exports_path.exists() else None
            from snippet_contract import decode_output

            stdout = decode_output(out_path.read_bytes()) if out_path.exists() else ""
            result = RunResult(label, stdout, stderr, returncode, seconds, timed_out, exports)
            if store and self.use_cache and result.ok:
                reads = cache.relative_reads(json.loads(read(reads_path) or "{}"))  # the code itself is in the key
                cache.store("snippets", self._cache_parts(code, inspector), {
                    "stdout": result.stdout, "stderr": result.stderr,
                    "returncode": result.returncode, "reads": reads, "exports": exports,
                })
            return result


class _InterpreterWorker:
    """_execute in a new Python process (not forked), with a hash seed other than this run's,
    behaving like the multiprocessing.Process it stands in for."""

    def __init__(self, arguments: tuple, arguments_path: Path):
        import sys

        arguments_path.write_text(json.dumps(arguments), encoding="utf-8")
        seed = "20120" if os.environ.get("PYTHONHASHSEED") != "20120" else "19980"
        self._command = [sys.executable, "-c", (
            "import json, sys\n"
            f"sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})\n"
            "from harness.runner import _execute\n"
            f"_execute(*json.load(open({str(arguments_path)!r})))\n")]
        self._env = {**os.environ, "PYTHONHASHSEED": seed}
        self._process = None

    def start(self) -> None:
        import subprocess

        self._process = subprocess.Popen(self._command, env=self._env, stdin=subprocess.DEVNULL)

    @property
    def pid(self) -> int:
        return self._process.pid

    def join(self, timeout: float | None = None) -> None:
        import subprocess

        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout)

    def is_alive(self) -> bool:
        return self._process.poll() is None

    def kill(self) -> None:
        self._process.kill()

    @property
    def exitcode(self) -> int | None:
        return self._process.returncode


TIMEOUT_DIRECTIVE = re.compile(r"^#\s*harness:\s*timeout\s*=\s*(\d+(?:\.\d+)?)\s*s?\b", re.MULTILINE)


def declared_timeout(code: str) -> float | None:
    """A slow snippet declares its own limit in a comment: `# harness: timeout=900`."""
    match = TIMEOUT_DIRECTIVE.search(code)
    return float(match.group(1)) if match else None


def _kill_group(worker) -> None:
    """Kill the worker and everything it started (it leads its own process group)."""
    import signal

    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(worker.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        worker.kill()
    worker.join()


def _pytest_main(root: str, args: list, env: dict, output_path: str) -> None:
    """Body of a forked worker: run pytest in `root` (a repository copy) as `python -m pytest`
    would there, with torch, torchvision and pytest already imported by the server."""
    import gc
    import sys

    gc.freeze()  # torch's many objects stay out of every collection pytest asks for
    os.setpgrp()  # a timeout kills this run and every snippet it forked
    _write_output_to(output_path, output_path)
    os.environ.clear()
    os.environ.update(env)
    os.environ[WARM_FORK_VARIABLE] = "1"
    os.chdir(root)
    # Forget this repository's own modules and folders: the copy's are imported instead.
    own, installed = str(REPO), (sys.prefix, sys.base_prefix, sys.exec_prefix)  # a venv may live in the repository
    under = lambda path, folder: path == folder or path.startswith(folder + os.sep)
    inside = lambda path: bool(path) and under(path, own) and not any(under(path, p) for p in installed)
    for name, module in list(sys.modules.items()):
        if inside(getattr(module, "__file__", None) or ""):
            del sys.modules[name]
    sys.path[:] = [entry for entry in sys.path if entry and not inside(os.path.abspath(entry))]
    sys.path.insert(0, root)
    sys.argv = ["pytest"]
    import pytest

    try:
        status = int(pytest.main(list(args)))
    except BaseException:
        import traceback

        traceback.print_exc()
        status = 3
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def run_pytest_in_fork(root: Path, args: list[str], env: dict, timeout_s: float) -> tuple[int, str]:
    """Run pytest on a repository copy in a process forked from the fork server, so that the
    run starts with torch imported instead of paying for a new interpreter and server."""
    start_fork_server()
    context = multiprocessing.get_context("forkserver")
    with tempfile.TemporaryDirectory(prefix="copy-run-") as scratch:
        output = Path(scratch, "output")
        worker = context.Process(target=_pytest_main, args=(str(root), list(args), dict(env), str(output)),
                                 name=f"pytest in {root}")
        worker.start()
        worker.join(timeout_s)
        timed_out = worker.is_alive()
        if timed_out:
            _kill_group(worker)
        text = output.read_text(encoding="utf-8", errors="replace") if output.exists() else ""
        if timed_out:
            text += f"\n[harness] the run on {root} was killed after {timeout_s:.0f} s\n"
        return (-9 if timed_out else worker.exitcode), text
