from odoo import _, fields, models


class SocialCrmMergeProposal(models.Model):
    _name = "social.crm.merge.proposal"
    _description = "Proposed Contact Merge"
    _order = "create_date desc, id desc"

    partner_a_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    partner_b_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    reason = fields.Char(required=True)
    state = fields.Selection(
        [("open", "To Review"), ("merged", "Merged"), ("dismissed", "Dismissed")],
        default="open",
        required=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "pair_unique",
            "UNIQUE(partner_a_id, partner_b_id)",
            "This merge is already proposed.",
        ),
    ]

    def action_open_merge_wizard(self):
        """Odoo's own partner merge, prefilled with both contacts."""
        self.ensure_one()
        partners = self.partner_a_id | self.partner_b_id
        wizard = self.env["base.partner.merge.automatic.wizard"].create(
            {
                "partner_ids": [fields.Command.set(partners.ids)],
                "dst_partner_id": self.partner_a_id.id,
                "state": "selection",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "base.partner.merge.automatic.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Merge Contacts"),
            "context": {"social_crm_merge_proposal_id": self.id},
        }

    def action_dismiss(self):
        self.write({"state": "dismissed"})
