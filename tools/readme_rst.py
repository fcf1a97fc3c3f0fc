"""Write each addon's README.rst from its readme/*.md fragments (needs pandoc).

pylint-odoo requires README.rst; OCA's generator writes OCA-branded files, so
this small script does the same job for this project:
    python tools/readme_rst.py
"""

import ast
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = ("social_crm", "social_crm_sentiment", "social_crm_helpdesk")
SECTIONS = (
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
)
BADGE = (
    ".. |badge1| image:: https://img.shields.io/badge/licence-AGPL--3-blue.png\n"
    "    :target: http://www.gnu.org/licenses/agpl-3.0-standalone.html\n"
    "    :alt: License: AGPL-3\n\n|badge1|\n"
)


def heading(text, mark):
    return f"{text}\n{mark * len(text)}\n"


def markdown_to_rst(path):
    return subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "rst", "--shift-heading-level-by=1", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def build(addon):
    root = ROOT / addon
    manifest = ast.literal_eval((root / "__manifest__.py").read_text())
    name = manifest["name"]
    parts = [
        "=" * len(name) + "\n" + heading(name, "="),
        BADGE,
        manifest["summary"] + "\n",
        ".. contents::\n   :local:\n",
    ]
    for file_name, title in SECTIONS:
        fragment = root / "readme" / file_name
        if fragment.exists():
            if title:
                parts.append(heading(title, "="))
            parts.append(markdown_to_rst(fragment))
    parts.append(
        heading("Credits", "=")
        + "\n"
        + heading("Authors", "~")
        + "\n* "
        + manifest["author"]
        + "\n\n"
        "This file is generated from the ``readme/`` fragments: edit those.\n"
    )
    (root / "README.rst").write_text("\n".join(parts))


if __name__ == "__main__":
    for addon_name in ADDONS:
        build(addon_name)
