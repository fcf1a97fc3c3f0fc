from odoo import fields, models

from .social_crm_mention import OPEN_STATES


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
    last_assigned_user_id = fields.Many2one(
        "res.users",
        string="Last Assigned (Round-robin)",
        readonly=True,
        copy=False,
        help="Member who received the last mention assigned round-robin: the "
        "next one goes to the member after them.",
    )
    open_mention_count = fields.Integer(compute="_compute_open_mention_count")

    def _compute_open_mention_count(self):
        counts = dict(
            self.env["social.crm.mention"]._read_group(
                [("team_id", "in", self.ids), ("state", "in", OPEN_STATES)],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.open_mention_count = counts.get(team, 0)

    def _assignable_members(self):
        """Active internal members, in a stable order."""
        self.ensure_one()
        members = self.member_ids.filtered(lambda user: user.active and not user.share)
        return members.sorted("id")

    def _pick_round_robin(self, count):
        """Return ``count`` members in turn, starting after the last one served.

        The team row is locked so that two routing runs in parallel do not
        give the same member the same turn; the last member is remembered on
        the team (as superuser: users route mentions but may not edit teams).
        """
        self.ensure_one()
        members = self._assignable_members()
        if not members or count <= 0:
            return []
        self.flush_recordset(["last_assigned_user_id"])
        self.env.cr.execute(
            "SELECT last_assigned_user_id FROM social_crm_team WHERE id = %s "
            "FOR NO KEY UPDATE",
            [self.id],
        )
        row = self.env.cr.fetchone()
        last_id = row[0] if row else False
        ids = members.ids
        start = ids.index(last_id) + 1 if last_id in ids else 0
        picked = [members[(start + offset) % len(members)] for offset in range(count)]
        self.sudo().last_assigned_user_id = picked[-1]
        return picked

    def _pick_least_loaded(self, count):
        """Return ``count`` members, each the one with the fewest open
        mentions at that point (ties: the first member); counts every open
        mention of the member, whatever its team."""
        self.ensure_one()
        members = self._assignable_members()
        if not members or count <= 0:
            return []
        loads = dict.fromkeys(members.ids, 0)
        mentions = self.env["social.crm.mention"].sudo()
        for user, total in mentions._read_group(
            [("user_id", "in", members.ids), ("state", "in", OPEN_STATES)],
            ["user_id"],
            ["__count"],
        ):
            loads[user.id] = total
        picked = []
        for _index in range(count):
            user_id = min(members.ids, key=loads.get)
            loads[user_id] += 1
            picked.append(members.browse(user_id))
        return picked
