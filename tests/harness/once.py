"""Work done once per test run, however many pytest-xdist workers share it: the first worker
to need a result produces it under a lock in the run's share folder (plugin.share_dir), and
the others read what it wrote. Without a share folder (one process), it is simply produced."""

import fcntl
import json
import os
from pathlib import Path


def once_per_run(share_dir: str | None, key: str, produce, to_json=lambda result: result,
                 from_json=lambda data: data):
    if share_dir is None:
        return produce()
    folder = Path(share_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stored = folder / f"{key}.json"
        if stored.exists():
            return from_json(json.loads(stored.read_text(encoding="utf-8")))
        result = produce()
        temporary = stored.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(to_json(result)), encoding="utf-8")
        os.replace(temporary, stored)
        return result
