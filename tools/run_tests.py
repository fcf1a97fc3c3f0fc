"""Test driver behind ``tools/test``; see that script for what it does."""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import psycopg2

PROJECT_DIR = Path(__file__).resolve().parent.parent
# A failing test logs "FAIL: Class.test" or "ERROR: Class.test": counted by Odoo.
TEST_FAILURE_LINE = re.compile(r"\.tests\.\S+: (FAIL|ERROR): ")
RESULT_LINE = re.compile(
    r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests"
)
LOG_LINE = re.compile(
    r"^\S+ \S+ \d+ (DEBUG|INFO|WARNING|ERROR|CRITICAL) (\S+) (\S+): (.*)"
)
ALLOWLIST_FILE = PROJECT_DIR / "tests" / "log_allowlist.txt"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def connect(dbname="postgres"):
    conn = psycopg2.connect(
        host=os.environ["DB_HOST"],
        port=os.environ["DB_PORT"],
        user=os.environ["DB_USER"],
        dbname=dbname,
    )
    conn.autocommit = True
    return conn


def drop_database(name):
    conn = connect()
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s",
                [name],
            )
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        conn.close()


def load_allowlist():
    if not ALLOWLIST_FILE.is_file():
        return []
    return [
        re.compile(line.strip())
        for line in ALLOWLIST_FILE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]


def run_odoo_tests(database, tags, log_path):
    """Install the addons with demo data and run their tests; return counts."""
    command = [
        sys.executable,
        str(Path(os.environ["ODOO_SRC"]) / "odoo-bin"),
        f"--addons-path={os.environ['ADDONS_PATH']}",
        f"--db_host={os.environ['DB_HOST']}",
        f"--db_port={os.environ['DB_PORT']}",
        f"--db_user={os.environ['DB_USER']}",
        "-d",
        database,
        "-i",
        os.environ["ADDONS"],
        "--test-tags",
        tags,
        "--stop-after-init",
        "--http-interface=127.0.0.1",
        f"--http-port={free_port()}",
        "--log-level=info",
        "--max-cron-threads=0",
    ]
    unexpected = []
    counts = None
    allowlist = load_allowlist()
    with (
        open(log_path, "w") as log,
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as process,
    ):
        for line in process.stdout:
            log.write(line)
            match = RESULT_LINE.search(line)
            if match:
                counts = tuple(int(group) for group in match.groups())
            level = LOG_LINE.match(line)
            if level and level.group(1) in ("WARNING", "ERROR", "CRITICAL"):
                if (
                    not RESULT_LINE.search(line)
                    and not TEST_FAILURE_LINE.search(line)
                    and not any(pattern.search(line) for pattern in allowlist)
                ):
                    unexpected.append(line.rstrip())
            if (
                level
                and level.group(1) in ("WARNING", "ERROR", "CRITICAL")
                or ("FAIL:" in line or "ERROR:" in line)
            ):
                sys.stdout.write(line)
        returncode = process.wait()
    return counts, unexpected, returncode


def run_pytest(database, junit_path):
    env = dict(os.environ)
    if database:
        env["SOCIAL_CRM_TEST_DB"] = database
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(PROJECT_DIR / "tests"),
        "-q",
        f"--junitxml={junit_path}",
    ]
    returncode = subprocess.call(command, cwd=PROJECT_DIR, env=env)
    if not Path(junit_path).is_file():
        return 0, 1, 0, returncode
    suite = ET.parse(junit_path).getroot()
    if suite.tag == "testsuites":
        suite = suite[0]
    total = int(suite.get("tests", 0))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped = int(suite.get("skipped", 0))
    return total - failed - skipped, failed, skipped, returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep-db", action="store_true", help="keep the test database")
    parser.add_argument(
        "--odoo-only", action="store_true", help="skip the top-level pytest suite"
    )
    parser.add_argument(
        "--pytest-only",
        action="store_true",
        help="skip the Odoo tests (end-to-end tests then need --db)",
    )
    parser.add_argument(
        "--db", help="with --pytest-only: an installed database for end-to-end tests"
    )
    args = parser.parse_args()

    addons = os.environ["ADDONS"].split(",")
    database = f"social_crm_test_{os.getpid()}"
    passed = failed = skipped = 0
    problems = []
    log_dir = Path(tempfile.mkdtemp(prefix="social_crm_test_"))
    try:
        if not args.pytest_only:
            tags = ",".join(f"/{addon}" for addon in addons)
            print(
                f"== Odoo tests ({tags}) in database {database}; "
                f"log: {log_dir}/odoo.log"
            )
            counts, unexpected, returncode = run_odoo_tests(
                database, tags, log_dir / "odoo.log"
            )
            if counts is None:
                problems.append(
                    f"Odoo stopped before running its tests (exit {returncode}); "
                    f"see {log_dir}/odoo.log"
                )
                failed += 1
            else:
                odoo_failed = counts[0] + counts[1]
                passed += counts[2] - odoo_failed
                failed += odoo_failed
                print(f"Odoo: {counts[2] - odoo_failed} passed, {odoo_failed} failed")
            if unexpected:
                problems.append(
                    f"{len(unexpected)} unexpected WARNING/ERROR line(s) "
                    "in the Odoo log"
                )
                failed += len(unexpected)
                print("\n".join(unexpected[:50]))
        if not args.odoo_only:
            print("== pytest (tests/)")
            e2e_database = args.db if args.pytest_only else database
            py_passed, py_failed, py_skipped, _code = run_pytest(
                e2e_database, log_dir / "pytest.xml"
            )
            passed += py_passed
            failed += py_failed
            skipped += py_skipped
    finally:
        if not args.keep_db and not args.pytest_only:
            drop_database(database)
    for problem in problems:
        print(f"problem: {problem}")
    summary = f"{passed} passed, {failed} failed"
    if skipped:
        summary += f", {skipped} skipped"
    print(summary)
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
