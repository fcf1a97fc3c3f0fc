from odoo import fields, models


class SocialCrmQuery(models.Model):
    _inherit = "social.crm.query"

    campaign_id = fields.Many2one(
        "utm.campaign",
        string="UTM Campaign",
        copy=False,
        help="Campaign of the leads found by this query; created with the first "
        "lead.",
    )

    def _get_or_create_campaigns(self):
        """{query: utm.campaign}, creating the missing campaigns in one batch.

        Bookkeeping done for whoever creates the lead: queries are only
        writable by managers, hence sudo once the caller's access to leads
        was checked."""
        queries = self.sudo()
        missing = queries.filtered(lambda query: not query.campaign_id)
        if missing:
            campaigns = (
                self.env["utm.campaign"]
                .sudo()
                .create(
                    [
                        {
                            "title": self.env._("Social: %(query)s", query=query.name),
                            "is_auto_campaign": True,
                        }
                        for query in missing
                    ]
                )
            )
            for query, campaign in zip(missing, campaigns, strict=True):
                query.campaign_id = campaign
        return {query.with_env(self.env): query.campaign_id for query in queries}
