from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..lib import handles, influence
from .platforms import PLATFORM_SELECTION

# Profile fields that follow the platform: refreshed each time the author posts.
PROFILE_FIELDS = {
    "handle": "handle",
    "display_name": "name",
    "profile_url": "profile_url",
    "avatar_url": "avatar_url",
    "bio": "bio",
    "followers": "followers_count",
    "verified": "verified",
    "location": "location",
    "website": "website",
}


class SocialCrmIdentity(models.Model):
    _name = "social.crm.identity"
    _description = "Social Identity"
    _inherit = ["mail.thread"]
    _order = "influence_score desc, id desc"
    _rec_names_search = ["name", "handle"]
    _check_company_auto = True

    name = fields.Char(string="Name", required=True)
    handle = fields.Char(required=True, index="trigram")
    platform = fields.Selection(PLATFORM_SELECTION, required=True)
    external_user_id = fields.Char(string="Platform User ID", required=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index=True,
        ondelete="set null",
        tracking=True,
        check_company=True,
    )
    profile_url = fields.Char(string="Profile")
    avatar_url = fields.Char(string="Avatar URL")
    bio = fields.Text()
    location = fields.Char()
    website = fields.Char()
    followers_count = fields.Integer(string="Follower Count")
    verified = fields.Boolean()
    average_engagement = fields.Float(
        help="Average likes + shares + replies per mention seen."
    )
    influence_score = fields.Integer(
        compute="_compute_influence_score",
        store=True,
        help="0-100: reach (followers, log scale), engagement rate and the "
        "verified badge. See social_crm/lib/influence.py for the formula.",
    )
    is_blocked = fields.Boolean(
        string="Blocked",
        help="Ignore this author's posts (spam, bots, own staff).",
        tracking=True,
    )
    match_state = fields.Selection(
        [
            ("unmatched", "Unmatched"),
            ("suggested", "To Review"),
            ("linked", "Linked"),
        ],
        compute="_compute_match_state",
        store=True,
        readonly=False,
        default="unmatched",
    )
    match_method = fields.Selection(
        [
            ("manual", "Manual"),
            ("external_id", "Same platform ID"),
            ("email", "Email"),
            ("phone", "Phone"),
            ("website", "Website"),
            ("handle", "Handle on contact"),
            ("auto", "Automatic (name)"),
            ("created", "New contact"),
        ],
        readonly=True,
    )
    match_score = fields.Float(readonly=True)
    match_reasons = fields.Text(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    mention_ids = fields.One2many("social.crm.mention", "identity_id")
    mention_count = fields.Integer(compute="_compute_mention_count")

    _sql_constraints = [
        (
            "platform_user_company_unique",
            "UNIQUE(platform, external_user_id, company_id)",
            "This platform account is already known in this company.",
        ),
        (
            "followers_positive",
            "CHECK(followers_count >= 0)",
            "The follower count cannot be negative.",
        ),
    ]

    @api.depends("followers_count", "verified", "average_engagement")
    def _compute_influence_score(self):
        for identity in self:
            identity.influence_score = influence.influence_score(
                identity.followers_count,
                identity.verified,
                avg_engagement=identity.average_engagement,
            )

    @api.depends("partner_id")
    def _compute_match_state(self):
        for identity in self:
            if identity.partner_id:
                identity.match_state = "linked"
            elif identity.match_state == "linked":
                identity.match_state = "unmatched"

    def _compute_mention_count(self):
        counts = dict(
            self.env["social.crm.mention"]._read_group(
                [("identity_id", "in", self.ids)], ["identity_id"], ["__count"]
            )
        )
        for identity in self:
            identity.mention_count = counts.get(identity, 0)

    @api.constrains("platform", "handle")
    def _check_handle(self):
        if self.env.context.get("social_crm_ingest"):
            return  # the platform itself vouches for handles it sends
        for identity in self:
            try:
                handles.normalize_handle(identity.platform, identity.handle)
            except handles.InvalidHandleError as error:
                raise ValidationError(
                    _(
                        "Invalid handle for %(platform)s: %(error)s",
                        platform=dict(PLATFORM_SELECTION)[identity.platform],
                        error=str(error),
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("handle") and vals.get("platform") and not self.env.context.get(
                "social_crm_ingest"
            ):
                vals["handle"] = self._canonical_handle(vals["platform"], vals["handle"])
            if vals.get("platform") and vals.get("handle") and not vals.get("profile_url"):
                vals["profile_url"] = handles.profile_url(vals["platform"], vals["handle"])
        return super().create(vals_list)

    @staticmethod
    def _canonical_handle(platform, handle):
        """Canonical form of a valid handle; an invalid one is returned as typed
        so that the constraint can explain what is wrong with it."""
        try:
            return handles.normalize_handle(platform, handle)
        except handles.InvalidHandleError:
            return handle

    @api.model
    def _blocked_keys(self, company):
        blocked = self.search_read(
            [("company_id", "=", company.id), ("is_blocked", "=", True)],
            ["platform", "external_user_id"],
        )
        return {(row["platform"], row["external_user_id"]) for row in blocked}

    @api.model
    def _upsert_authors(self, company, platform, authors):
        """Create or refresh identities for normalized authors.

        Returns {external user id: identity record}. One search, one create.
        """
        authors_by_id = {}
        for author in authors:
            authors_by_id[author["external_id"]] = author
        if not authors_by_id:
            return {}
        self_ingest = self.with_context(
            social_crm_ingest=True, tracking_disable=True, mail_create_nolog=True,
            mail_create_nosubscribe=True,
        )
        existing = self_ingest.search(
            [
                ("company_id", "=", company.id),
                ("platform", "=", platform),
                ("external_user_id", "in", list(authors_by_id)),
            ]
        )
        identities = {identity.external_user_id: identity for identity in existing}
        for external_id, identity in identities.items():
            changes = identity._profile_changes(authors_by_id[external_id])
            if changes:
                identity.write(changes)
        missing = [key for key in authors_by_id if key not in identities]
        if missing:
            created = self_ingest.create(
                [
                    dict(
                        self._profile_values(authors_by_id[key]),
                        platform=platform,
                        external_user_id=key,
                        company_id=company.id,
                    )
                    for key in missing
                ]
            )
            identities.update(zip(missing, created, strict=True))
        return identities

    @staticmethod
    def _profile_values(author):
        values = {}
        for author_key, field_name in PROFILE_FIELDS.items():
            value = author.get(author_key)
            if value not in (None, ""):
                values[field_name] = value
        values.setdefault("name", author.get("handle") or author["external_id"])
        values.setdefault("handle", author["external_id"])
        return values

    def _profile_changes(self, author):
        self.ensure_one()
        return {
            field_name: value
            for field_name, value in self._profile_values(author).items()
            if self[field_name] != value
        }

    def action_view_mentions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_crm.social_crm_mention_action"
        )
        action["domain"] = [("identity_id", "=", self.id)]
        return action

    def action_block(self):
        self.write({"is_blocked": True})

    def action_unblock(self):
        self.write({"is_blocked": False})
