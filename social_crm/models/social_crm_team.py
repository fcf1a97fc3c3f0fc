from odoo import fields, models


class SocialCrmTeam(models.Model):
    _name = "social.crm.team"
    _description = "Social CRM Team"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    leader_id = fields.Many2one("res.users", string="Team Leader")
    member_ids = fields.Many2many(
        "res.users",
        "social_crm_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
    )
    mention_ids = fields.One2many("social.crm.mention", "team_id")
    open_mention_count = fields.Integer(compute="_compute_open_mention_count")

    def _compute_open_mention_count(self):
        counts = dict(
            self.env["social.crm.mention"]._read_group(
                [("team_id", "in", self.ids), ("state", "in", ("new", "assigned", "in_progress"))],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.open_mention_count = counts.get(team, 0)
