from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib import handles, identity_matching, influence
from . import batched_rows
from .platforms import PLATFORM_SELECTION

# New authors are matched during ingestion (so that scoring and routing know the
# contact) only when that is cheap: few authors, and a contact book small enough
# to index on the fly. Otherwise the matching cron does it.
INLINE_MATCH_LIMIT = 50
INLINE_MATCH_MAX_CONTACTS = 5000

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

    name = fields.Char(required=True)
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
    posts_seen = fields.Integer(help="Mentions of this author stored so far.")
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
    match_score = fields.Float(readonly=True, digits=(5, 1))
    match_reasons = fields.Text(readonly=True)
    match_attempted = fields.Boolean(
        readonly=True, copy=False, help="Matching already ran for this identity."
    )
    match_candidate_ids = fields.One2many(
        "social.crm.identity.candidate", "identity_id", string="Suggested Contacts"
    )
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

    def init(self):
        # Every ingestion batch updates its authors' counters (followers,
        # posts, engagement, influence), none of them indexed: room left in
        # each page lets PostgreSQL update those rows in place (HOT updates),
        # without new index entries.
        self.env.cr.execute(
            SQL("ALTER TABLE %s SET (fillfactor = 80)", SQL.identifier(self._table))
        )

    @api.depends("followers_count", "verified", "average_engagement", "posts_seen")
    def _compute_influence_score(self):
        for identity in self:
            identity.influence_score = influence.influence_score(
                identity.followers_count,
                identity.verified,
                avg_engagement=identity.average_engagement,
                posts_seen=identity.posts_seen,
            )

    def _refresh_engagement_stats(self):
        """Post count and average engagement of these authors, from one
        aggregate query; the changes are written with the other pending
        changes of the authors (followers, influence) in the same UPDATE."""
        if not self:
            return
        self.env["social.crm.mention"].flush_model(["identity_id", "engagement_total"])
        self.env.cr.execute(
            """
            SELECT identity_id, COUNT(*), AVG(engagement_total)::float
              FROM social_crm_mention
             WHERE identity_id = ANY(%s)
          GROUP BY identity_id
            """,
            [self.ids],
        )
        stats = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        self.fetch(["posts_seen", "average_engagement"])
        changed_ids, values_list = [], []
        for identity in self:
            posts, average = stats.get(identity.id, (0, 0.0))
            if (identity.posts_seen, identity.average_engagement) != (posts, average):
                changed_ids.append(identity.id)
                values_list.append({"posts_seen": posts, "average_engagement": average})
        batched_rows.write_rows(self.browse(changed_ids), values_list)

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
            if (
                vals.get("handle")
                and vals.get("platform")
                and not self.env.context.get("social_crm_ingest")
            ):
                vals["handle"] = self._canonical_handle(
                    vals["platform"], vals["handle"]
                )
            self._complete_profile_url(vals)
        return super().create(vals_list)

    @staticmethod
    def _complete_profile_url(vals):
        """The public profile link, from the handle, when none is given."""
        if vals.get("platform") and vals.get("handle") and not vals.get("profile_url"):
            vals["profile_url"] = handles.profile_url(vals["platform"], vals["handle"])
        return vals

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

    def _check_company(self, fnames=None):
        if self.env.context.get("social_crm_ingest"):
            return  # ingestion builds every value from the account's company
        return super()._check_company(fnames)

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
            social_crm_ingest=True,
            tracking_disable=True,
            mail_create_nolog=True,
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
        changed_ids, changes_list = [], []
        for external_id, identity in identities.items():
            changes = identity._profile_changes(authors_by_id[external_id])
            if changes:
                changed_ids.append(identity.id)
                changes_list.append(changes)
        # profile fields only: nothing tracked, no write() override involved
        batched_rows.write_rows(self_ingest.browse(changed_ids), changes_list)
        missing = [key for key in authors_by_id if key not in identities]
        if missing:
            created = batched_rows.insert_rows(
                self_ingest,
                [
                    self._new_identity_row(company, platform, key, authors_by_id[key])
                    for key in missing
                ],
            )
            identities.update(zip(missing, created, strict=True))
        return identities

    @api.model
    def _new_identity_row(self, company, platform, external_id, author):
        """Every value ``create()`` would give a new author's identity, for a
        batched INSERT."""
        row = self._complete_profile_url(
            dict(
                self._profile_values(author),
                platform=platform,
                external_user_id=external_id,
                company_id=company.id,
            )
        )
        row["influence_score"] = influence.influence_score(
            row.get("followers_count", 0), row.get("verified", False)
        )
        return row

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

    # ------------------------------------------------------------------
    # Matching authors to contacts
    # ------------------------------------------------------------------
    @api.model
    def _match_pending_domain(self):
        return [
            ("partner_id", "=", False),
            ("match_attempted", "=", False),
            ("is_blocked", "=", False),
        ]

    @api.model
    def _cron_match_contacts(self, batch_size=1000):
        """Match a batch of new authors; propose merges once all are done."""
        domain = self._match_pending_domain()
        identities = self.search(domain, limit=batch_size, order="id")
        identities._match_contacts()
        remaining = self.search_count(domain)
        if not remaining:
            for company in self.env["res.company"].search([]):
                self._propose_merges(company)
        self.env["ir.cron"]._notify_progress(done=len(identities), remaining=remaining)

    def _match_new_authors(self):
        """Match new authors now when they are few (a "Fetch Now", a quiet
        feed); leave large batches to the matching cron."""
        pending = self.filtered_domain(self._match_pending_domain())
        if not pending:
            return
        if (
            len(pending) <= INLINE_MATCH_LIMIT
            and len(pending.company_id) == 1
            and self.env["res.partner"].search_count(
                self._contact_domain(pending.company_id),
                limit=INLINE_MATCH_MAX_CONTACTS + 1,
            )
            <= INLINE_MATCH_MAX_CONTACTS
        ):
            pending._match_contacts()
        else:
            self.env.ref("social_crm.ir_cron_match_contacts")._trigger()

    def action_match_contacts(self):
        self.check_access("write")
        self.env["res.partner"].check_access("create")
        self.write({"match_attempted": False})
        self._match_contacts()

    def _match_contacts(self):
        for company in self.company_id:
            identities = self.filtered(
                lambda identity, company=company: identity.company_id == company
                and not identity.partner_id
            )
            if identities:
                identities._match_contacts_for_company(company)

    def _match_contacts_for_company(self, company):
        settings = company._social_crm_match_settings()
        index = identity_matching.ContactIndex.build(
            self._contact_records(company), settings, self._identity_records(company)
        )
        authors = [identity._author_record() for identity in self]
        results = identity_matching.match_authors(authors, index, settings)
        partners = self.env["res.partner"]
        candidate_values = []
        new_groups = {}
        for identity, result in zip(self, results, strict=True):
            reasons = "\n".join(result.reasons)
            if result.decision == "linked":
                identity._link_partner(
                    partners.browse(result.partner_id),
                    result.method,
                    result.score,
                    reasons,
                )
            elif result.decision == "suggested":
                identity.write(
                    {
                        "match_state": "suggested",
                        "match_score": result.score,
                        "match_reasons": reasons,
                        "match_attempted": True,
                    }
                )
                identity.match_candidate_ids.unlink()
                candidate_values += [
                    {
                        "identity_id": identity.id,
                        "partner_id": candidate.contact_id,
                        "score": candidate.score,
                        "reasons": "\n".join(candidate.reasons),
                    }
                    for candidate in result.candidates
                ]
            else:
                new_groups.setdefault(result.group_key or identity.id, self.browse())
                new_groups[result.group_key or identity.id] |= identity
        self.env["social.crm.identity.candidate"].create(candidate_values)
        unmatched = self.browse().union(*new_groups.values())
        if company.social_crm_auto_create_partner and new_groups:
            groups = list(new_groups.values())
            created = partners.create(
                [group[0]._new_partner_values() for group in groups]
            )
            for group, partner in zip(groups, created, strict=True):
                group._link_partner(
                    partner, "created", 0, self.env._("No matching contact")
                )
        else:
            unmatched.write({"match_state": "unmatched", "match_attempted": True})

    def _link_partner(self, partner, method, score=0.0, reasons=False):
        self.match_candidate_ids.unlink()
        self.write(
            {
                "partner_id": partner.id,
                "match_state": "linked",
                "match_method": method,
                "match_score": score,
                "match_reasons": reasons or False,
                "match_attempted": True,
            }
        )

    def _author_record(self):
        self.ensure_one()
        return identity_matching.AuthorRecord(
            platform=self.platform,
            external_id=self.external_user_id,
            handle=self.handle,
            display_name=self.name,
            bio=self.bio,
            location=self.location,
            website=self.website,
            followers=self.followers_count,
            profile_url=self.profile_url,
        )

    def _new_partner_values(self):
        self.ensure_one()
        values = {
            "name": self.name or self.handle,
            "company_id": self.company_id.id,
            "category_id": [
                fields.Command.link(
                    self.env.ref("social_crm.res_partner_category_social").id
                )
            ],
        }
        if self.website and identity_matching.website_domain(self.website):
            values["website"] = self.website
        return values

    @api.model
    def _contact_domain(self, company):
        return [("company_id", "in", [company.id, False]), ("active", "=", True)]

    @api.model
    def _contact_records(self, company):
        handles_by_partner = {}
        for row in self.search_read(
            [("company_id", "=", company.id), ("partner_id", "!=", False)],
            ["partner_id", "platform", "handle"],
        ):
            handles_by_partner.setdefault(row["partner_id"][0], set()).add(
                f"{row['platform']}:{row['handle']}"
            )
        partners = self.env["res.partner"].search_fetch(
            self._contact_domain(company),
            [
                "name",
                "email",
                "phone",
                "mobile",
                "website",
                "city",
                "country_code",
                "commercial_company_name",
            ],
        )
        return [
            identity_matching.ContactRecord(
                id=partner.id,
                name=partner.name or "",
                email=partner.email or None,
                phone=partner.phone or None,
                mobile=partner.mobile or None,
                website=partner.website or None,
                city=partner.city or None,
                country_code=partner.country_code or None,
                company_name=partner.commercial_company_name or None,
                handles=handles_by_partner.get(partner.id),
            )
            for partner in partners
        ]

    @api.model
    def _identity_records(self, company):
        return [
            identity_matching.IdentityRecord(
                contact_id=identity.partner_id.id,
                platform=identity.platform,
                external_id=identity.external_user_id,
                email=identity.partner_id.email or None,
                profile_url=identity.profile_url or None,
            )
            for identity in self.search(
                [("company_id", "=", company.id), ("partner_id", "!=", False)]
            )
        ]

    @api.model
    def _propose_merges(self, company):
        Proposal = self.env["social.crm.merge.proposal"]
        pairs = identity_matching.propose_merges(self._identity_records(company))
        if not pairs:
            return Proposal
        known = {
            (proposal.partner_a_id.id, proposal.partner_b_id.id)
            for proposal in Proposal.search([("company_id", "=", company.id)])
        }
        return Proposal.create(
            [
                {
                    "partner_a_id": a,
                    "partner_b_id": b,
                    "reason": reason,
                    "company_id": company.id,
                }
                for a, b, reason in pairs
                if (a, b) not in known
            ]
        )

    def action_confirm_best_match(self):
        for identity in self.filtered("match_candidate_ids"):
            identity.match_candidate_ids[0].action_confirm()

    def action_create_partner(self):
        self.env["res.partner"].check_access("create")
        for identity in self.filtered(lambda identity: not identity.partner_id):
            partner = self.env["res.partner"].create(identity._new_partner_values())
            identity._link_partner(
                partner, "created", 0, self.env._("Created by a reviewer")
            )

    def action_reject_suggestions(self):
        self.match_candidate_ids.unlink()
        self.write({"match_state": "unmatched", "match_attempted": True})

    def action_block(self):
        self.write({"is_blocked": True})

    def action_unblock(self):
        self.write({"is_blocked": False})
