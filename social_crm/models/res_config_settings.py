from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_crm_reply_approval = fields.Boolean(
        related="company_id.social_crm_reply_approval", readonly=False
    )
    social_crm_auto_link_threshold = fields.Integer(
        related="company_id.social_crm_auto_link_threshold", readonly=False
    )
    social_crm_suggest_threshold = fields.Integer(
        related="company_id.social_crm_suggest_threshold", readonly=False
    )
    social_crm_auto_create_partner = fields.Boolean(
        related="company_id.social_crm_auto_create_partner", readonly=False
    )
    social_crm_never_auto_link_platforms = fields.Char(
        related="company_id.social_crm_never_auto_link_platforms", readonly=False
    )
