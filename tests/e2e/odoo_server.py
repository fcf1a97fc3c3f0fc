"""Run a real Odoo server on the test database and talk to it over JSON-RPC."""

import itertools
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooServer:
    """``odoo-bin`` in a subprocess, stopped when the context exits."""

    def __init__(self, database, log_path):
        self.database = database
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process = None

    def __enter__(self):
        command = [
            sys.executable,
            str(Path(os.environ["ODOO_SRC"]) / "odoo-bin"),
            f"--addons-path={os.environ['ADDONS_PATH']}",
            f"--db_host={os.environ['DB_HOST']}",
            f"--db_port={os.environ['DB_PORT']}",
            f"--db_user={os.environ['DB_USER']}",
            "-d",
            self.database,
            f"--db-filter=^{self.database}$",
            "--http-interface=127.0.0.1",
            f"--http-port={self.port}",
            "--max-cron-threads=0",
            "--workers=0",
        ]
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            command, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo exited early; see {self.log_path}")
            try:
                if requests.get(f"{self.url}/web/health", timeout=2).ok:
                    return self
            except requests.ConnectionError:
                time.sleep(0.5)
        raise RuntimeError(f"Odoo did not answer within 120 s; see {self.log_path}")

    def __exit__(self, *exc_info):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class JsonRpc:
    """The external API a user's script or integration would use."""

    _ids = itertools.count(1)

    def __init__(self, url, database, login, password):
        self.url = f"{url}/jsonrpc"
        self.database = database
        self.password = password
        self.uid = self._call("common", "login", database, login, password)
        if not self.uid:
            raise RuntimeError(f"login {login!r} refused")

    def _call(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self._ids),
            "params": {"service": service, "method": method, "args": args},
        }
        answer = requests.post(self.url, json=payload, timeout=120).json()
        if "error" in answer:
            data = answer["error"].get("data", {})
            raise RuntimeError(data.get("message") or answer["error"])
        return answer["result"]

    def __call__(self, model, method, *args, **kwargs):
        return self._call(
            "object",
            "execute_kw",
            self.database,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )
