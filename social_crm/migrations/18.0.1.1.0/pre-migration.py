from odoo.tools import SQL

# The ORM keeps the index of a field that no longer asks for one: drop the
# mention indexes that only slowed ingestion down (see the field comments).
DROPPED_INDEXES = (
    "social_crm_mention__account_id_index",
    "social_crm_mention__platform_index",
    "social_crm_mention__sentiment_index",
    "social_crm_mention__priority_index",
)


def migrate(cr, version):
    for name in DROPPED_INDEXES:
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
