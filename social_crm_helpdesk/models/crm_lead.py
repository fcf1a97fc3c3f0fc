from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    social_mention_ids = fields.One2many(
        "social.crm.mention", "lead_id", string="Social Mentions"
    )
    social_mention_count = fields.Integer(compute="_compute_social_mention_count")

    @api.depends("social_mention_ids")
    def _compute_social_mention_count(self):
        counts = dict(
            self.env["social.crm.mention"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.social_mention_count = counts.get(lead, 0)

    def action_view_social_mentions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_crm.social_crm_mention_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {}
        return action
