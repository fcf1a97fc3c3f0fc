# Shared settings for the project's scripts (sourced, not run).
# Builds the Python environment on first use: Odoo from $ODOO_SRC (default /opt/odoo)
# and the addons' dependencies, into $VENV (default ./.venv).
set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo}
VENV=${VENV:-$PROJECT_DIR/.venv}
PYTHON=${PYTHON:-python3.11}
DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-5432}
DB_USER=${DB_USER:-$(id -un)}
ODOO_PUBLIC_REPO=${ODOO_PUBLIC_REPO:-https://github.com/odoo/odoo.git}
ADDONS="social_crm,social_crm_sentiment,social_crm_helpdesk"

die() { echo "error: $*" >&2; exit 2; }

find_odoo() {
  if [ -f "$ODOO_SRC/odoo/release.py" ]; then return 0; fi
  if [ "${ODOO_DOWNLOAD:-0}" = "1" ]; then
    echo "Fetching Odoo 18.0 from $ODOO_PUBLIC_REPO into $ODOO_SRC ..."
    git clone --depth 1 --branch 18.0 "$ODOO_PUBLIC_REPO" "$ODOO_SRC" \
      || die "could not download Odoo 18.0 into $ODOO_SRC."
    return 0
  fi
  die "no Odoo 18.0 source tree at $ODOO_SRC: put one there, set ODOO_SRC, or set ODOO_DOWNLOAD=1 to clone it from Odoo's public repository."
}

check_postgres() {
  "$VENV/bin/python" - "$DB_HOST" "$DB_PORT" "$DB_USER" <<'PY' || die "PostgreSQL is not reachable at $DB_HOST:$DB_PORT as role $DB_USER: start it, or set DB_HOST/DB_PORT/DB_USER."
import sys, psycopg2
host, port, user = sys.argv[1:4]
psycopg2.connect(host=host, port=port, user=user, dbname="postgres", connect_timeout=5).close()
PY
}

ensure_env() {
  find_odoo
  local stamp="$VENV/.social_crm_env"
  local want
  want=$(cat "$ODOO_SRC/odoo/release.py" "$PROJECT_DIR/requirements.txt" "$PROJECT_DIR/tools/lib.sh" | sha1sum | cut -c1-16)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  command -v "$PYTHON" >/dev/null || die "$PYTHON not found: Odoo 18 needs Python 3.10-3.12."
  echo "Building the Python environment in $VENV (first run only, a few minutes) ..."
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  local pip="$VENV/bin/python -m pip --disable-pip-version-check -q"
  $pip install "setuptools<81" wheel
  # python-ldap only serves auth_ldap (not used here) and needs libldap headers.
  grep -v -i '^python-ldap' "$ODOO_SRC/requirements.txt" > "$VENV/odoo-requirements.txt"
  # cbor2's sdist still builds with pkg_resources, gone from setuptools 81: the
  # constraint also reaches pip's isolated build environments through PIP_CONSTRAINT.
  echo "setuptools<81" > "$VENV/build-constraints.txt"
  PIP_CONSTRAINT="$VENV/build-constraints.txt" $pip install -r "$VENV/odoo-requirements.txt"
  $pip install --no-deps -e "$ODOO_SRC"
  $pip install -r "$PROJECT_DIR/requirements.txt"
  echo "$want" > "$stamp"
}

odoo_bin() { "$VENV/bin/python" "$ODOO_SRC/odoo-bin" "$@"; }

addons_path() {
  # OCA addons installed from PyPI land in site-packages/odoo/addons.
  local site
  site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$site/odoo/addons,$PROJECT_DIR"
}
