from . import social_crm_mention
from . import helpdesk_ticket
