from . import res_company
from . import res_config_settings
from . import social_crm_sentiment_correction
from . import social_crm_mention
