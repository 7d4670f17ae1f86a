"""Time the author's fast loop against running every snippet bare, in one run on this machine.

    python tests/benchmark.py [--repeat N]

(a) `pytest -m "{loop}"`: every snippet, page, claim and figure and the build (the README's
    fast loop; the harness's proofs of itself are left out). Run N times against a fresh
    results cache: the first run is cold, the others reuse what it recorded.
(b) every snippet as `python snippets/<section>/<name>.py`, each in its own process (the
    pretrained one against a stand-in checkpoint in a temporary TORCH_HOME), N times.
(g) on a copy of the repository with a warm cache: (a) again after a one-word edit to the
    prose of a page (a different word each time), N times (target: under 5 s).

Prints every time, the medians, and their ratio; the cold run is reported on its own too.

With --ci it also measures, once each and with CI=true (no cache): (a) again, the whole
suite as the README's test command runs it, one execution of every exercise notebook and one
`mkdocs build --strict`, and prints
the two ratios of the harness's speed targets: fast loop / bare snippets (at most 0.6) and
whole suite / (bare snippets + notebooks once + one build) (at most 1.5).

With --pages it adds 1, 5 and 20 pages of prose (no snippet, no number) to the navigation of
a copy of the repository and times the whole suite there as the README's test command runs
it, without the notebook (CI=true, so nothing cached; browser tests included), against the
copy with none added: the cost of one page is the slope (target: at most 3 s a page).

With --edits it times (g) alone.

With --scaling it adds 1, 2, 5 and 10 synthetic sections of three fragments each to a copy
of the repository and times pytest on those sections alone: cold (no cache), cached (the
second of two runs sharing a cache) and parallel (`-n 2`, no cache), each in a new
interpreter as an author would run it, and checks that every fragment ran exactly once.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import harness  # noqa: E402,F401 (puts the contract, docs/_theme/contract, on the path)
from snippet_contract import discover_snippets  # noqa: E402

AUTHOR_LOOP = "not browser and not notebook and not proof"
__doc__ = __doc__.replace("{loop}", AUTHOR_LOOP)


def prepare_bare_runs(snippets, torch_home: Path) -> None:
    """What each section puts in place before its fragments run (a stand-in checkpoint for
    pretrained weights, say), through the sections' own prepare hooks, as the suite does."""
    from harness.runner import SnippetRunner
    from harness.sections import discover_sections

    runner = SnippetRunner(use_cache=False)
    for section in discover_sections():
        prepare = getattr(section.module, "pytest_harness_prepare_snippet", None)
        for snippet in snippets if prepare else ():
            prepare(path=snippet.path, torch_home=torch_home, runner=runner)


def timed(command, env) -> float:
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{completed.stdout[-3000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ci", action="store_true", help="also time the suite as CI runs it, without a cache")
    parser.add_argument("--scaling", action="store_true", help="only time 1 to 10 synthetic sections")
    parser.add_argument("--pages", action="store_true", help="only time the suite with 1, 5 and 20 prose pages added")
    parser.add_argument("--edits", action="store_true", help="only time (g), the cached loop after one-word edits")
    args = parser.parse_args()
    if args.edits:
        base_env = {k: v for k, v in os.environ.items() if k not in ("CI", "HARNESS_NO_CACHE")}
        edited = after_one_word_edits(base_env, Path(tempfile.mkdtemp(prefix="benchmark-")), args.repeat)
        print(f"median (g) after a one-word edit, cached: {statistics.median(edited):.1f} s over {len(edited)} runs"
              "  (target: under 5 s)")
        return
    if args.scaling:
        return scaling()
    if args.pages:
        return page_scaling()

    scratch = Path(tempfile.mkdtemp(prefix="benchmark-"))
    base_env = {k: v for k, v in os.environ.items() if k not in ("CI", "HARNESS_NO_CACHE")}
    loop_env = {**base_env, "HARNESS_CACHE_DIR": str(scratch / "cache")}
    bare_env = {**base_env, "TORCH_HOME": str(scratch / "torch"), "MPLBACKEND": "Agg",
                "XDG_CACHE_HOME": str(scratch / "xdg"), "MPLCONFIGDIR": str(scratch / "mpl")}
    snippets = discover_snippets(REPO)
    prepare_bare_runs(snippets, scratch / "torch")

    loop, bare = [], []
    for round_number in range(args.repeat):
        seconds = timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                         "-m", AUTHOR_LOOP], loop_env)
        loop.append(seconds)
        print(f"(a) fast loop, run {round_number + 1}{' (cold)' if round_number == 0 else ' (cached)'}: {seconds:.1f} s", flush=True)
        seconds = sum(timed([sys.executable, str(s.path)], bare_env) for s in snippets)
        bare.append(seconds)
        print(f"(b) {len(snippets)} snippets bare, run {round_number + 1}: {seconds:.1f} s", flush=True)

    a, b = statistics.median(loop), statistics.median(bare)
    print()
    print(f"median (a) fast loop:      {a:.1f} s over {len(loop)} runs (cold {loop[0]:.1f} s)")
    print(f"median (b) snippets bare:  {b:.1f} s over {len(bare)} runs")
    print(f"ratio (a)/(b):             {a / b:.2f}  (target: at most 0.5)")
    print(f"cold (a)/(b):              {loop[0] / b:.2f}")
    if len(loop) > 1:
        print(f"cached/cold (a):           {statistics.median(loop[1:]) / loop[0]:.2f}  (target: at most 0.25)")
    edited = after_one_word_edits(base_env, scratch, args.repeat)
    print(f"median (g) after a one-word edit, cached: {statistics.median(edited):.1f} s over {len(edited)} runs"
          "  (target: under 5 s)")
    if args.ci:
        ci_env = {**base_env, "CI": "true"}
        fast = timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", AUTHOR_LOOP], ci_env)
        print(f"(c) fast loop with CI=true: {fast:.1f} s", flush=True)
        with_proofs = timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "-m", "not browser and not notebook"], ci_env)
        print(f"(c') fast loop and the harness's proofs with CI=true: {with_proofs:.1f} s", flush=True)
        whole = timed(readme_test_command(), ci_env)
        print(f"(d) whole suite with CI=true: {whole:.1f} s", flush=True)
        notebooks = timed([sys.executable, "-c", NOTEBOOKS_ONCE], {**bare_env, "HOME": str(scratch / "home")})
        print(f"(e) every notebook executed once: {notebooks:.1f} s", flush=True)
        build = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(scratch / "site")],
                      {**base_env, "NO_MKDOCS_2_WARNING": "1"})
        print(f"(f) one mkdocs build --strict: {build:.1f} s", flush=True)
        print()
        print(f"ratio (c)/(b):             {fast / b:.2f}  (target: at most 0.6)")
        print(f"ratio (c')/(b):            {with_proofs / b:.2f}")
        print(f"ratio (d)/((b)+(e)+(f)):   {whole / (b + notebooks + build):.2f}  (target: at most 1.5)")


def readme_test_command() -> list[str]:
    """The pytest part of the README's test command (what CI runs), run with this interpreter."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme[readme.index("<!-- test-command"):].splitlines() if line.startswith("python3 "))
    arguments = line[line.index("-m pytest") + len("-m pytest"):].split()
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments]


EDIT_WORDS = ("Indeed.", "Briefly.", "Again.", "Also.", "Moreover.", "Likewise.", "Thus.", "Still.")


def after_one_word_edits(env: dict, scratch: Path, repeat: int) -> list[float]:
    """(g): the fast loop on a warm cache after a paragraph of one word is added before the first
    section of the first page that shows a snippet; each time a different word, so that no
    page expansion is cached."""
    from harness.pages import discover_pages
    from harness.sandbox import RepositoryCopy

    copy = RepositoryCopy(scratch / "edited")
    page = next(p for p in discover_pages() if "--8<--" in p.read_text(encoding="utf-8"))
    relative = page.relative_to(REPO).as_posix()
    original = copy.path(relative).read_text(encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", AUTHOR_LOOP]
    run_env = {**env, "HARNESS_CACHE_DIR": str(scratch / "edited-cache")}
    subprocess.run(command, cwd=copy.root, env=run_env, capture_output=True)  # warms the cache
    times = []
    for word in EDIT_WORDS[:repeat]:
        section = original.index("\n## ") + 1  # a paragraph of one word before the first section
        copy.path(relative).write_text(f"{original[:section]}{word}\n\n{original[section:]}", encoding="utf-8")
        started = time.perf_counter()
        completed = subprocess.run(command, cwd=copy.root, env=run_env, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if completed.returncode != 0:
            sys.exit(f"the fast loop failed after adding {word!r} to {relative}:\n{completed.stdout[-3000:]}")
        print(f"(g) fast loop after adding {word!r} to {relative}, cached: {times[-1]:.1f} s", flush=True)
    return times


def scaling(counts=(1, 2, 5, 10), fragments=3) -> None:
    from harness.sandbox import RepositoryCopy, add_synthetic_section

    scratch = Path(tempfile.mkdtemp(prefix="benchmark-scaling-"))
    copy = RepositoryCopy(scratch / "repo")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "HARNESS_NO_CACHE", "PYTEST_ADDOPTS")}
    paths, rows = [], []
    for count in counts:
        while len(paths) // 2 < count:
            paths.extend(add_synthetic_section(copy, f"synthetic_{len(paths) // 2 + 1:02d}", fragments))
        times = {}
        for mode, extra, settings in (("cold", (), {"HARNESS_NO_CACHE": "1"}),
                                      ("cached", (), {"HARNESS_CACHE_DIR": str(scratch / f"cache-{count}")}),
                                      ("parallel", ("-n", "2"), {"HARNESS_NO_CACHE": "1"})):
            log = scratch / f"{mode}-{count}.log"
            run_env = {**env, **settings, "HARNESS_EXECUTION_LOG": str(log)}
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra, *paths]
            if mode == "cached":  # the first run fills the cache
                subprocess.run(command, cwd=copy.root, env=run_env, capture_output=True)
                log.unlink(missing_ok=True)
            started = time.perf_counter()
            completed = subprocess.run(command, cwd=copy.root, env=run_env, capture_output=True, text=True)
            times[mode] = time.perf_counter() - started
            if completed.returncode != 0:
                sys.exit(f"{mode} run with {count} sections failed:\n{completed.stdout[-3000:]}")
            executed = log.read_text().splitlines() if log.exists() else []
            expected = 0 if mode == "cached" else count * fragments
            if len(executed) != expected or len(set(executed)) != len(executed):
                sys.exit(f"{mode} run with {count} sections executed {len(executed)} fragments, expected {expected}")
        rows.append((count, count * fragments, times))
        print(f"{count:>3} section(s), {count * fragments:>3} fragments: cold {times['cold']:5.1f} s, "
              f"cached {times['cached']:5.1f} s, parallel {times['parallel']:5.1f} s", flush=True)
    print()
    print("| sections | fragments | cold (s) | cached (s) | parallel -n 2 (s) |")
    print("|---:|---:|---:|---:|---:|")
    for count, total, times in rows:
        print(f"| {count} | {total} | {times['cold']:.1f} | {times['cached']:.1f} | {times['parallel']:.1f} |")


PROSE_PAGE = """# Prose page {name}

This page has prose and nothing else: no fragment, no output, no figure and no number, so
that what the suite spends on it is what any page costs.

A convolution slides a small learned filter over an image and records how strongly each
patch matches it. Pooling keeps the strongest answers of each neighbourhood and drops the
rest, so that later layers see a coarser map of where each feature appeared.

Stacking these stages lets the network describe an image first by edges, then by textures
and parts, and finally by whole objects, each stage reading the one below it.
"""


def page_scaling(counts=(0, 1, 5, 20)) -> None:
    from harness.sandbox import RepositoryCopy

    scratch = Path(tempfile.mkdtemp(prefix="benchmark-pages-"))
    copy = RepositoryCopy(scratch / "repo")
    env = {k: v for k, v in os.environ.items() if k not in ("HARNESS_NO_CACHE", "PYTEST_ADDOPTS")}
    env["CI"] = "true"
    added, rows = 0, []
    for count in counts:
        while added < count:
            added += 1
            name = f"prose-{added:02d}"
            copy.path(f"docs/{name}.md").write_text(PROSE_PAGE.format(name=chr(ord("A") + added - 1)), encoding="utf-8")
        entries = "".join(f"  - Prose {chr(ord('A') + n - 1)}: prose-{n:02d}.md\n" for n in range(1, added + 1))
        config = copy.path("mkdocs.yml")
        text = config.read_text(encoding="utf-8")
        start = text.index("\nnav:\n") + len("\nnav:\n")
        end = text.index("\n\n", start)
        kept = [line for line in text[start:end].splitlines() if "prose-" not in line]
        config.write_text(text[:start] + "\n".join(kept) + "\n" + entries.rstrip("\n") + text[end:], encoding="utf-8")
        started = time.perf_counter()
        completed = subprocess.run([*readme_test_command(), "-m", "not notebook"],
                                   cwd=copy.root, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if completed.returncode != 0:
            sys.exit(f"the suite with {count} prose page(s) failed:\n{completed.stdout[-3000:]}")
        tests = completed.stdout.strip().splitlines()[-1]
        rows.append((count, seconds, tests))
        print(f"{count:>3} prose page(s): {seconds:6.1f} s  ({tests})", flush=True)
    print()
    print("| prose pages added | whole suite without the notebook (s) | per added page (s) |")
    print("|---:|---:|---:|")
    base = rows[0][1]
    for count, seconds, _ in rows:
        slope = f"{(seconds - base) / count:.2f}" if count else ""
        print(f"| {count} | {seconds:.1f} | {slope} |")


NOTEBOOKS_ONCE = """
import sys
sys.path.insert(0, "tests")
from harness.notebooks import discover_notebooks, execute
for notebook in discover_notebooks():
    execute(notebook)
"""


if __name__ == "__main__":
    main()
