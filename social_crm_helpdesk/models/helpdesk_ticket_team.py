from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    social_closing_reply = fields.Text(
        help="Posted as a public reply on the ticket's latest social mention "
        "when a social ticket of this team is closed. An SLA's own closing "
        "reply takes precedence. Leave empty to close silently.",
    )
    social_sla_ids = fields.One2many(
        "social.crm.helpdesk.sla", "team_id", string="Social SLAs"
    )

    def _social_escalation_user(self):
        """Who hears about an overdue ticket: the leader, else the first member."""
        self.ensure_one()
        return self.user_id or self.user_ids[:1]

    def _social_open_stage(self):
        """The first stage of the team that is not a closing stage."""
        self.ensure_one()
        return self._get_applicable_stages().filtered(lambda stage: not stage.closed)[
            :1
        ]
