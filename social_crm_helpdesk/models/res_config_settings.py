from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_crm_advocate_threshold = fields.Integer(
        related="company_id.social_crm_advocate_threshold", readonly=False
    )
    social_crm_helpdesk_team_id = fields.Many2one(
        related="company_id.social_crm_helpdesk_team_id", readonly=False
    )
    social_crm_auto_lead = fields.Boolean(
        related="company_id.social_crm_auto_lead", readonly=False
    )
