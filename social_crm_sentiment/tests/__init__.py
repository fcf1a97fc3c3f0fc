from . import test_scoring
from . import test_corrections
from . import test_priority
from . import test_cron
from . import test_access
from . import test_performance
