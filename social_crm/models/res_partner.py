from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    social_identity_ids = fields.One2many(
        "social.crm.identity",
        "partner_id",
        string="Social Identities",
        groups="social_crm.group_social_crm_user",
    )
    social_mention_ids = fields.One2many(
        "social.crm.mention",
        "partner_id",
        string="Social Mentions",
        groups="social_crm.group_social_crm_user",
    )
    social_identity_count = fields.Integer(
        compute="_compute_social_stats",
        groups="social_crm.group_social_crm_user",
    )
    social_mention_count = fields.Integer(
        compute="_compute_social_stats",
        groups="social_crm.group_social_crm_user",
    )
    social_last_mention_at = fields.Datetime(
        string="Last Mention", compute="_compute_social_stats"
    )
    social_sentiment_average = fields.Float(
        string="Average Sentiment",
        compute="_compute_social_stats",
        digits=(3, 2),
        groups="social_crm.group_social_crm_user",
    )
    social_influence_score = fields.Integer(
        string="Social Influence", compute="_compute_social_stats"
    )

    @api.depends("social_identity_ids", "social_mention_ids")
    def _compute_social_stats(self):
        partners = self.filtered("id")
        stats = {}
        if partners:
            stats = {
                partner: (count, last, average)
                for partner, count, last, average in self.env[
                    "social.crm.mention"
                ]._read_group(
                    [("partner_id", "in", partners.ids)],
                    ["partner_id"],
                    ["__count", "posted_at:max", "sentiment_score:avg"],
                )
            }
        identity_stats = {}
        if partners:
            identity_stats = {
                partner: (count, influence)
                for partner, count, influence in self.env[
                    "social.crm.identity"
                ]._read_group(
                    [("partner_id", "in", partners.ids)],
                    ["partner_id"],
                    ["__count", "influence_score:max"],
                )
            }
        for partner in self:
            count, last, average = stats.get(partner, (0, False, 0.0))
            identity_count, influence = identity_stats.get(partner, (0, 0))
            partner.social_mention_count = count
            partner.social_last_mention_at = last
            partner.social_sentiment_average = average or 0.0
            partner.social_identity_count = identity_count
            partner.social_influence_score = influence or 0

    def action_view_social_mentions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_crm.social_crm_mention_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"search_default_group_by_state": 0}
        return action

    def action_view_social_identities(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_crm.social_crm_identity_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
