"""A real streaming replica for the replica tests: a throwaway primary started from the installed
PostgreSQL binaries (initdb, pg_ctl, on a free port, as ``.ci/with-postgres`` does), and a hot
standby made of it with ``pg_basebackup -R``, stopped and deleted afterwards.

The primary is a cluster of its own, not the suite's: a cluster found on 127.0.0.1:5432 need not
accept replication connections (Debian's default ``pg_hba.conf`` does not), and a replica of it
would copy every database of the machine.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from glob import glob
from pathlib import Path


def server_binaries() -> Path | None:
    """The folder of initdb, pg_ctl and pg_basebackup, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    candidates = [Path(found).parent] if found else []
    candidates += [Path(p).parent for p in sorted(glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)]
    for folder in candidates:
        if all((folder / tool).exists() for tool in ("initdb", "pg_ctl", "pg_basebackup")):
            return folder
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    data: Path
    port: int
    run_as: list[str]
    bin: Path

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/policyarchive"

    def _ctl(self, *args: str) -> None:
        subprocess.run([*self.run_as, str(self.bin / "pg_ctl"), "-D", str(self.data), *args],
                       check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self._ctl("-l", str(self.data.parent / f"{self.data.name}.log"), "-w", "-o",
                  f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._ctl("-m", "immediate", "stop")

    def is_running(self) -> bool:
        return (self.data / "postmaster.pid").exists()


class StreamingPair:
    """A primary and its hot standby, streaming."""

    def __init__(self, bin: Path):
        self.bin = bin
        self.root = Path(tempfile.mkdtemp(prefix="policyarchive-replica-"))
        self.run_as: list[str] = []
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            subprocess.run(["sh", "-c", "id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres"],
                           check=True)
            shutil.chown(self.root, "postgres")
            self.run_as = ["runuser", "-u", "postgres", "--"]
        self.primary = Server(self.root / "primary", free_port(), self.run_as, bin)
        self.replica = Server(self.root / "replica", free_port(), self.run_as, bin)

    def start(self) -> None:
        subprocess.run([*self.run_as, str(self.bin / "initdb"), "-D", str(self.primary.data), "-U", "postgres",
                        "-A", "trust", "--no-sync"], check=True, capture_output=True, timeout=120)
        self.primary.start()
        subprocess.run([*self.run_as, str(self.bin / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.primary.port),
                        "-U", "postgres", "-D", str(self.replica.data), "-R", "-X", "stream", "--checkpoint=fast"],
                       check=True, capture_output=True, timeout=120)
        self.replica.start()
        deadline = time.monotonic() + 30
        while subprocess.run([str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.replica.port)],
                             capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError("the replica did not start")
            time.sleep(0.2)

    def close(self) -> None:
        for server in (self.replica, self.primary):
            if server.is_running():
                try:
                    server.stop()
                except subprocess.CalledProcessError:
                    pass
        shutil.rmtree(self.root, ignore_errors=True)
