from odoo import fields, models


class SocialCrmIdentityCandidate(models.Model):
    _name = "social.crm.identity.candidate"
    _description = "Suggested Contact for a Social Identity"
    _order = "score desc, id"

    identity_id = fields.Many2one(
        "social.crm.identity", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, ondelete="cascade"
    )
    partner_email = fields.Char(related="partner_id.email")
    partner_city = fields.Char(related="partner_id.city")
    score = fields.Float(digits=(5, 1))
    reasons = fields.Text()
    company_id = fields.Many2one(related="identity_id.company_id", store=True)

    def action_confirm(self):
        """Link the identity to this contact (the reviewer's choice)."""
        self.ensure_one()
        self.identity_id._link_partner(
            self.partner_id, "manual", self.score, self.reasons
        )
