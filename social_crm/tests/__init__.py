from . import test_access
from . import test_fetch
from . import test_ingestion
from . import test_matching
from . import test_models
from . import test_partner
