from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    social_mention_ids = fields.One2many(
        "social.crm.mention", "ticket_id", string="Social Mentions"
    )
    social_mention_count = fields.Integer(compute="_compute_social_mention_count")

    @api.depends("social_mention_ids")
    def _compute_social_mention_count(self):
        counts = dict(
            self.env["social.crm.mention"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.social_mention_count = counts.get(ticket, 0)

    def write(self, vals):
        result = super().write(vals)
        if vals.get("stage_id"):
            closed = self.filtered("closed")
            open_mentions = closed.social_mention_ids.filtered(
                lambda mention: mention.state not in ("done", "ignored")
            )
            open_mentions.write({"state": "done"})
        return result

    def action_view_social_mentions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_crm.social_crm_mention_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {}
        return action
