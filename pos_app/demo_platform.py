"""`make run`'s platform: the reference platform as a child process on 127.0.0.1, paired.

A newcomer sees the whole O2O loop (a price changed on the platform reaches the till, pickup
orders arrive) with no setup. Demo only: the platform's admin token is kept in the data dir so
the demo can create pairing codes. The till's device token goes to the OS keyring; on a machine
without one (a headless box, a fresh container) the demo's token, and only the demo's, is kept in
a labelled file in the data dir (`sync.credentials.DemoTokenFile`), so the whole O2O loop still
shows. A real pairing never falls back to a file.
"""

from __future__ import annotations

import logging
import os
import secrets
import select
import socket
import subprocess
import time
from pathlib import Path

import requests

from pos_app.commands.base import EXIT_ON_STDIN_EOF, self_command
from pos_app.config import Config, write_config
from sync.reference_platform.cli import ADMIN_TOKEN_ENV

log = logging.getLogger(__name__)
DEFAULT_PORT = 8765


class DemoPlatformError(Exception):
    pass


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class DemoPlatform:
    def __init__(self, data_dir: Path, port: int = DEFAULT_PORT):
        self.data_dir = data_dir
        self.port = port if _port_free(port) else 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""
        token_file = data_dir / "demo-platform-admin-token"
        if not token_file.exists():
            token_file.write_text(secrets.token_urlsafe(24))
            token_file.chmod(0o600)
        self.admin_token = token_file.read_text().strip()

    def start(self, timeout: float = 30.0) -> str:
        cmd = [*self_command(), "--data-dir", str(self.data_dir), "platform", "serve",
               "--host", "127.0.0.1", "--port", str(self.port), "--db", str(self.data_dir / "platform.sqlite3"),
               "--demo"]  # the admin token goes through the environment, never the command line (`ps`)
        log_file = open(self.data_dir / "logs" / "demo-platform.log", "ab")  # the child keeps its copy
        # The child holds the read end of stdin; when the till dies, even by SIGKILL, the pipe
        # closes and the platform shuts down (see `EXIT_ON_STDIN_EOF` in pos_app.commands.base).
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log_file,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1", EXIT_ON_STDIN_EOF: "1",
                                          ADMIN_TOKEN_ENV: self.admin_token})
        log_file.close()
        deadline, buf = time.monotonic() + timeout, b""
        stdout = self.proc.stdout
        assert stdout is not None  # stdout=PIPE
        while time.monotonic() < deadline and self.proc.poll() is None:
            ready, _, _ = select.select([stdout], [], [], 0.2)
            if ready:
                buf += os.read(stdout.fileno(), 4096)
                for line in buf.decode(errors="replace").splitlines():
                    if line.startswith("listening on http://"):
                        self.url = line.split(" on ", 1)[1].strip()
                        return self.url
        self.stop()
        raise DemoPlatformError("the demo platform did not start; see logs/demo-platform.log")

    def pair(self, config: Config, config_file: Path) -> Config:
        """Pair the till with this platform unless it holds a token for it already."""
        from pos_app.bootstrap import open_database
        from pos_app.services.provisioning import DEMO_TOKEN_FILE, ProvisioningService
        from sync.credentials import Credentials, DemoTokenFile
        from sync.errors import NoKeyringError
        from sync.pairing import pair

        creds: Credentials | DemoTokenFile = Credentials(self.url)
        try:
            token = creds.get_token()
        except NoKeyringError:
            log.warning("no OS keyring: the demo platform's token is kept in %s", self.data_dir / DEMO_TOKEN_FILE)
            creds = DemoTokenFile(self.url, self.data_dir / DEMO_TOKEN_FILE)
            token = creds.get_token()
        if token is None:
            resp = requests.post(f"{self.url}/admin/pairing-codes", timeout=10,
                                 headers={"Authorization": f"Bearer {self.admin_token}"},
                                 json={"store_id": config.store_id, "till_id": config.till_id})
            resp.raise_for_status()
            pair(self.url, resp.json()["code"], creds, config.store_id, config.till_id, device_name="demo till")
        db = open_database(self.data_dir)
        try:
            ProvisioningService(db, config, self.data_dir, None).record_demo_pairing(
                self.url, config.store_id, config.till_id)
        finally:
            db.dispose()
        if config.platform.url != self.url:
            config = config.model_copy(update={"platform": config.platform.model_copy(update={"url": self.url})})
            write_config(config, config_file)
        return config

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
            for pipe in (self.proc.stdin, self.proc.stdout):
                if pipe:
                    pipe.close()
            self.proc = None
