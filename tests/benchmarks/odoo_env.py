"""Open an Odoo 18 environment on a database from a plain Python script.

For the on-demand benchmarks (never imported by the test suite)::

    import odoo_env

    odoo_env.install("bench_db", ["social_crm"])   # odoo-bin -i ... --stop-after-init
    with odoo_env.environment("bench_db") as env:  # rolled back unless committed
        env["res.partner"].search_count([])
    odoo_env.drop_database("bench_db")

Same settings as ``tools/lib.sh``: ``ODOO_SRC`` (default /opt/odoo), ``DB_HOST``,
``DB_PORT`` and ``DB_USER`` (default 127.0.0.1, 5432 and the login name), and
the same addons path. Run it with the project's ``.venv/bin/python``.
"""

import contextlib
import getpass
import os
import re
import socket
import subprocess
import sys
import sysconfig
from pathlib import Path

import psycopg2
from psycopg2 import sql

PROJECT_DIR = Path(__file__).resolve().parents[2]
ODOO_SRC = Path(os.environ.get("ODOO_SRC", "/opt/odoo"))
DB_HOST = os.environ.get("DB_HOST", "127.0.0.1")
DB_PORT = os.environ.get("DB_PORT", "5432")
DB_USER = os.environ.get("DB_USER") or getpass.getuser()
# The folder holding this project's addons; point it at a private copy of the
# addons (same folder layout) to measure a change without touching the tree.
ADDONS_DIR = Path(os.environ.get("SOCIAL_CRM_ADDONS_DIR", PROJECT_DIR))
_ERROR_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Warning)\b.*:")


def addons_path():
    """The addons path of ``tools/lib.sh``: Odoo, OCA from PyPI, this project."""
    site = Path(sysconfig.get_paths()["purelib"]) / "odoo" / "addons"
    return (
        ",".join(
            str(path)
            for path in (ODOO_SRC / "addons", ODOO_SRC / "odoo" / "addons", site)
            if path.is_dir()
        )
        + f",{ADDONS_DIR}"
    )


def server_options(database, log_level="warn"):
    return [
        f"--addons-path={addons_path()}",
        f"--db_host={DB_HOST}",
        f"--db_port={DB_PORT}",
        f"--db_user={DB_USER}",
        f"--database={database}",
        f"--log-level={log_level}",
        "--max-cron-threads=0",
    ]


def connect(dbname="postgres"):
    """A plain autocommit psycopg2 connection (for CREATE/DROP DATABASE)."""
    conn = psycopg2.connect(host=DB_HOST, port=DB_PORT, user=DB_USER, dbname=dbname)
    conn.autocommit = True
    return conn


def _admin(query, params=None):
    conn = connect()
    try:
        with conn.cursor() as cur:
            cur.execute(query, params)
            return cur.fetchall() if cur.description else None
    finally:
        conn.close()


def database_exists(name):
    return bool(_admin("SELECT 1 FROM pg_database WHERE datname = %s", [name]))


def installed_modules(name):
    conn = connect(name)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
            return {row[0] for row in cur.fetchall()}
    finally:
        conn.close()


def vacuum(database, tables):
    """``VACUUM ANALYZE`` (outside a transaction): clears the dead rows that
    rolled-back benchmark runs leave behind."""
    conn = connect(database)
    try:
        with conn.cursor() as cur:
            for table in tables:
                cur.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)))
    finally:
        conn.close()


def _terminate(name):
    _admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        [name],
    )


def drop_database(name):
    release(name)
    _terminate(name)
    _admin(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def copy_database(source, target):
    """``CREATE DATABASE target TEMPLATE source`` (a file copy: seconds)."""
    release(source)
    _terminate(source)
    _admin(
        sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(target), sql.Identifier(source)
        )
    )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def install(database, modules, log_path=None):
    """``odoo-bin -i modules --stop-after-init`` in a subprocess (demo data loads).

    Creates the database if needed. Returns the log text; raises
    ``RuntimeError`` naming the first error (and the log file, if any) when
    Odoo fails.
    """
    release(database)
    command = [
        sys.executable,
        str(ODOO_SRC / "odoo-bin"),
        *server_options(database, log_level="warn"),
        "--init",
        ",".join(modules),
        "--stop-after-init",
        "--http-interface=127.0.0.1",
        f"--http-port={_free_port()}",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, check=False, cwd=PROJECT_DIR
    )
    log = result.stdout + result.stderr
    if log_path:
        Path(log_path).write_text(log)
    lines = log.splitlines()
    errors = [line for line in lines if _ERROR_LINE.match(line)]
    if result.returncode or errors or not set(modules) <= installed_modules(database):
        # The exception line closing the last traceback says what went wrong.
        exceptions = [line for line in lines if _EXCEPTION_LINE.match(line)]
        summary = (exceptions or errors or lines or ["no output"])[-1]
        where = f"; log: {log_path}" if log_path else ""
        raise RuntimeError(
            f"odoo-bin -i {','.join(modules)} failed (exit {result.returncode}): "
            f"{summary.strip()}{where}"
        )
    return log


_CONFIGURED = []


def _configure(database):
    """Parse Odoo's configuration once per process (it cannot be parsed twice);
    the database of each environment is given to the registry directly."""
    import odoo  # heavy: imported only when a benchmark opens an environment

    if not _CONFIGURED:
        odoo.tools.config.parse_config(server_options(database))
        _CONFIGURED.append(database)
    return odoo


@contextlib.contextmanager
def environment(database, context=None):
    """Superuser environment on a fresh cursor; rolled back and closed on exit.

    Commit explicitly (``env.cr.commit()``) what must persist.
    """
    odoo = _configure(database)
    registry = odoo.modules.registry.Registry(database)
    cr = registry.cursor()
    try:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, dict(context or {}))
        yield env
    finally:
        cr.rollback()
        cr.close()


def release(database):
    """Forget the in-process registry and pooled connections of ``database``

    (before odoo-bin, CREATE ... TEMPLATE or DROP DATABASE touches it)."""
    if "odoo" not in sys.modules:
        return
    odoo = sys.modules["odoo"]
    odoo.modules.registry.Registry.delete(database)
    odoo.sql_db.close_db(database)
