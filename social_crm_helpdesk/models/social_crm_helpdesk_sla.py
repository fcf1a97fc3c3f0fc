from odoo import api, fields, models
from odoo.exceptions import ValidationError

TICKET_PRIORITIES = [
    ("0", "Low"),
    ("1", "Medium"),
    ("2", "High"),
    ("3", "Very High"),
]


class SocialCrmHelpdeskSla(models.Model):
    _name = "social.crm.helpdesk.sla"
    _description = "Social Ticket SLA"
    _order = "team_id, priority desc, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True)
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Helpdesk Team",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    priority = fields.Selection(TICKET_PRIORITIES, required=True, default="1")
    response_hours = fields.Float(
        string="First Response (hours)",
        required=True,
        default=4.0,
        help="Hours from the ticket's creation to the first public reply on the "
        "social network.",
    )
    resolution_hours = fields.Float(
        string="Resolution (hours)",
        required=True,
        default=48.0,
        help="Hours from the ticket's creation to its closing.",
    )
    escalation_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Escalate To",
        check_company=True,
        help="Overdue tickets move to this team (e.g. Product Development for "
        "defects). Leave empty to keep them in their team.",
    )
    closing_reply = fields.Text(
        help="Public reply posted on the latest mention when the ticket is "
        "closed; overrides the team's closing reply.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "team_priority_unique",
            "UNIQUE(team_id, priority)",
            "A team has one SLA per priority.",
        ),
    ]

    @api.depends("team_id.name", "priority")
    def _compute_name(self):
        labels = dict(TICKET_PRIORITIES)
        for sla in self:
            sla.name = f"{sla.team_id.name or ''} / {labels.get(sla.priority, '')}"

    @api.constrains("response_hours", "resolution_hours")
    def _check_hours(self):
        for sla in self:
            if sla.response_hours <= 0 or sla.resolution_hours <= 0:
                raise ValidationError(
                    self.env._("SLA hours must be positive (%(sla)s).", sla=sla.name)
                )
            if sla.resolution_hours < sla.response_hours:
                raise ValidationError(
                    self.env._(
                        "The resolution time of %(sla)s cannot be shorter than its "
                        "first response time.",
                        sla=sla.name,
                    )
                )

    @api.constrains("team_id", "escalation_team_id")
    def _check_escalation_team(self):
        for sla in self:
            if sla.escalation_team_id and sla.escalation_team_id == sla.team_id:
                raise ValidationError(
                    self.env._("An SLA cannot escalate to its own team.")
                )

    @api.model
    def _find_for(self, pairs):
        """{(team id, priority): sla} for ``pairs`` of (team id, priority), in one
        search. Ticket creation runs for any ticket creator (portal included):
        the SLA table is configuration they may not read."""
        team_ids = {team_id for team_id, _priority in pairs if team_id}
        if not team_ids:
            return {}
        slas = self.sudo().search([("team_id", "in", list(team_ids))])
        return {(sla.team_id.id, sla.priority): sla for sla in slas}
