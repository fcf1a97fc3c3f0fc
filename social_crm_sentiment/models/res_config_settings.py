from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_crm_sentiment_languages = fields.Char(
        related="company_id.social_crm_sentiment_languages", readonly=False
    )
    social_crm_sentiment_en_engine = fields.Selection(
        related="company_id.social_crm_sentiment_en_engine", readonly=False
    )
    social_crm_priority_threshold_1 = fields.Integer(
        related="company_id.social_crm_priority_threshold_1", readonly=False
    )
    social_crm_priority_threshold_2 = fields.Integer(
        related="company_id.social_crm_priority_threshold_2", readonly=False
    )
    social_crm_priority_threshold_3 = fields.Integer(
        related="company_id.social_crm_priority_threshold_3", readonly=False
    )
    social_crm_sentiment_scored_count = fields.Integer(
        string="Scored (30 days)",
        compute="_compute_social_crm_sentiment_agreement",
    )
    social_crm_sentiment_corrected_count = fields.Integer(
        string="Corrected (30 days)",
        compute="_compute_social_crm_sentiment_agreement",
    )
    social_crm_sentiment_agreement_rate = fields.Float(
        string="Agreement (30 days)",
        compute="_compute_social_crm_sentiment_agreement",
        help="1 - corrected / scored: share of the automatic labels of the last "
        "30 days that users kept.",
    )

    @api.depends("company_id")
    def _compute_social_crm_sentiment_agreement(self):
        Mention = self.env["social.crm.mention"]
        for settings in self:
            scored, corrected, rate = Mention._social_crm_sentiment_agreement(
                settings.company_id
            )
            settings.social_crm_sentiment_scored_count = scored
            settings.social_crm_sentiment_corrected_count = corrected
            settings.social_crm_sentiment_agreement_rate = rate

    def action_social_crm_sentiment_corrections(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "social_crm_sentiment.social_crm_sentiment_correction_action"
        )
