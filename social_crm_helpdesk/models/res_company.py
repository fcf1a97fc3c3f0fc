from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    social_crm_advocate_threshold = fields.Integer(
        string="Advocate Influence Threshold",
        default=60,
        help="Authors of positive mentions with at least this influence (0-100) "
        "get the Advocate tag on their contact.",
    )
    social_crm_helpdesk_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Default Helpdesk Team for Social Tickets",
        check_company=True,
    )
    social_crm_auto_lead = fields.Boolean(
        string="Create Leads on Purchase Intent",
        default=True,
        help='Mentions showing purchase intent ("where can I buy", "precio", '
        '"買いたい"...) create a CRM lead when they are fetched.',
    )
