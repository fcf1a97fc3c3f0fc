"""Make each addon's plain-Python ``lib`` package importable without Odoo.

``social_crm/lib`` is importable as ``social_crm_lib``, ``social_crm_sentiment/lib``
as ``social_crm_sentiment_lib``, and so on: importing ``social_crm`` itself would
load its Odoo models, which these tests must not need.
"""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def _load_module(name, path, package_dir=None):
    spec = importlib.util.spec_from_file_location(
        name,
        path,
        submodule_search_locations=[str(package_dir)] if package_dir else None,
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


for addon in ("social_crm", "social_crm_sentiment", "social_crm_helpdesk"):
    lib = ROOT / addon / "lib"
    name = f"{addon}_lib"
    if (lib / "__init__.py").is_file() and name not in sys.modules:
        _load_module(name, lib / "__init__.py", lib)

# The fake platform server shared with the Odoo tests.
_load_module("platform_doubles", ROOT / "social_crm" / "tests" / "platform_double.py")
