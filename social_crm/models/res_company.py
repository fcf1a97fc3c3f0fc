from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    social_crm_reply_approval = fields.Boolean(
        string="Replies Need Approval",
        help="Replies written by Social CRM users wait for a manager's approval "
        "before they are posted.",
    )
    social_crm_auto_link_threshold = fields.Integer(
        string="Auto-link Threshold", default=92
    )
    social_crm_suggest_threshold = fields.Integer(
        string="Suggestion Threshold", default=75
    )
    social_crm_auto_create_partner = fields.Boolean(
        string="Create Contacts for Unknown Authors", default=True
    )
