from . import test_tickets
from . import test_sla
from . import test_leads
from . import test_advocates
from . import test_routing
