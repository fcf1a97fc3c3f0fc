from datetime import timedelta

from odoo import Command, _, api, fields, models


OPEN_STATES = ("new", "assigned", "in_progress")
PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Urgent")]
SENTIMENTS = [
    ("positive", "Positive"),
    ("neutral", "Neutral"),
    ("negative", "Negative"),
]


class SocialCrmMention(models.Model):
    _name = "social.crm.mention"
    _description = "Social Mention"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "posted_at desc, id desc"
    _rec_name = "summary"
    _check_company_auto = True

    summary = fields.Char(compute="_compute_summary", store=True)
    account_id = fields.Many2one(
        "social.crm.account",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    platform = fields.Selection(related="account_id.platform", store=True, index=True)
    query_ids = fields.Many2many(
        "social.crm.query",
        "social_crm_mention_query_rel",
        "mention_id",
        "query_id",
        string="Matched Queries",
        check_company=True,
    )
    external_id = fields.Char(string="Platform Post ID", required=True, readonly=True)
    url = fields.Char(string="Link", readonly=True)
    identity_id = fields.Many2one(
        "social.crm.identity",
        string="Author",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    author_handle = fields.Char(related="identity_id.handle", string="Handle")
    author_avatar_url = fields.Char(related="identity_id.avatar_url")
    author_influence = fields.Integer(
        related="identity_id.influence_score", string="Author Influence"
    )
    partner_id = fields.Many2one(
        "res.partner",
        related="identity_id.partner_id",
        store=True,
        index=True,
        string="Contact",
    )
    text = fields.Text(required=True)
    posted_at = fields.Datetime(string="Posted On", required=True, index=True)
    fetched_at = fields.Datetime(
        string="Fetched On", default=fields.Datetime.now, readonly=True
    )
    kind = fields.Selection(
        [
            ("post", "Post"),
            ("reply", "Reply"),
            ("comment", "Comment"),
            ("dm", "Direct Message"),
            ("review", "Review"),
        ],
        default="post",
        required=True,
    )
    parent_id = fields.Many2one(
        "social.crm.mention", string="In Reply To", index="btree_not_null"
    )
    parent_external_id = fields.Char(readonly=True)
    child_ids = fields.One2many("social.crm.mention", "parent_id", string="Replies")
    like_count = fields.Integer(string="Likes")
    share_count = fields.Integer(string="Shares")
    reply_count = fields.Integer(string="Replies Count")
    engagement_total = fields.Integer(compute="_compute_engagement_total", store=True)
    language = fields.Char(help="ISO 639-1 code given by the platform or detected.")
    sentiment = fields.Selection(SENTIMENTS, index=True, tracking=True)
    sentiment_score = fields.Float(help="From -1 (very negative) to 1 (very positive).")
    priority = fields.Selection(PRIORITIES, default="0", index=True, tracking=True)
    state = fields.Selection(
        [
            ("new", "New"),
            ("assigned", "Assigned"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("ignored", "Ignored"),
        ],
        default="new",
        required=True,
        index=True,
        tracking=True,
        group_expand="_read_group_expand_states",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    team_id = fields.Many2one(
        "social.crm.team", index=True, tracking=True, check_company=True
    )
    deleted_on_platform = fields.Boolean(readonly=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        related="account_id.company_id",
        store=True,
        index=True,
        precompute=True,
    )
    engagement_ids = fields.One2many("social.crm.engagement", "mention_id")
    first_response_at = fields.Datetime(readonly=True)
    response_time_hours = fields.Float(
        string="Response Time (h)",
        readonly=True,
        aggregator="avg",
        help="Hours from the post to the team's first public reply.",
    )
    color = fields.Integer(compute="_compute_color")

    _sql_constraints = [
        (
            "account_external_unique",
            "UNIQUE(account_id, external_id)",
            "This post is already stored for this account.",
        ),
    ]

    @api.depends("identity_id.name", "text")
    def _compute_summary(self):
        for mention in self:
            text = " ".join((mention.text or "").split())
            snippet = text[:60] + ("…" if len(text) > 60 else "")
            author = mention.identity_id.name or _("Unknown author")
            mention.summary = f"{author}: {snippet}"

    @api.depends("like_count", "share_count", "reply_count")
    def _compute_engagement_total(self):
        for mention in self:
            mention.engagement_total = (
                mention.like_count + mention.share_count + mention.reply_count
            )

    @api.depends("sentiment")
    def _compute_color(self):
        colors = {"negative": 1, "neutral": 0, "positive": 10}
        for mention in self:
            mention.color = colors.get(mention.sentiment, 0)

    @api.model
    def _read_group_expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    def write(self, vals):
        if vals.get("user_id") and "state" not in vals:
            new_ones = self.filtered(lambda mention: mention.state == "new")
            if new_ones and new_ones != self:
                super(SocialCrmMention, new_ones).write(dict(vals, state="assigned"))
                return super(SocialCrmMention, self - new_ones).write(vals)
            if new_ones:
                vals = dict(vals, state="assigned")
        return super().write(vals)

    # ------------------------------------------------------------------
    # Ingestion: the one entry point for connectors, imports and tests
    # ------------------------------------------------------------------
    @api.model
    def _ingest_posts(self, account, posts):
        """Upsert normalized posts (see ``social_crm.lib.posts``) of ``account``.

        A post may carry ``query_ids``: the queries it matched. The same post
        twice (overlapping queries, retries) stays one mention, linked to every
        query; edits on the platform update the text. Returns the mentions that
        were created or changed.
        """
        posts_by_id = {}
        for post in posts:
            known = posts_by_id.get(post["external_id"])
            if known:
                post = dict(
                    post,
                    query_ids=sorted(
                        set(known.get("query_ids", [])) | set(post.get("query_ids", []))
                    ),
                )
            posts_by_id[post["external_id"]] = post
        if not posts_by_id:
            return self.browse()
        Mention = self.with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
        )
        identities = self.env["social.crm.identity"]._upsert_authors(
            account.company_id,
            account.platform,
            [post["author"] for post in posts_by_id.values()],
        )
        wanted_ids = set(posts_by_id) | {
            post["parent_external_id"]
            for post in posts_by_id.values()
            if post.get("parent_external_id")
        }
        known_mentions = {
            mention.external_id: mention
            for mention in Mention.search(
                [("account_id", "=", account.id), ("external_id", "in", list(wanted_ids))]
            )
        }
        changed = self.browse()
        to_create = []
        for external_id, post in posts_by_id.items():
            values = self._values_from_post(post, identities, known_mentions)
            mention = known_mentions.get(external_id)
            if mention:
                updates = mention._changed_values(values)
                if updates:
                    mention.write(updates)
                    changed |= mention
            else:
                to_create.append(dict(values, account_id=account.id, external_id=external_id))
        created = Mention.create(to_create) if to_create else self.browse()
        created._link_parents_in_batch()
        result = (created | changed).with_env(self.env)
        result._after_ingest()
        return result

    @api.model
    def _values_from_post(self, post, identities, known_mentions):
        parent = known_mentions.get(post.get("parent_external_id"))
        values = {
            "identity_id": identities[post["author"]["external_id"]].id,
            "text": post["text"] or _("(no text)"),
            "url": post.get("url") or False,
            "posted_at": _naive_utc(post["posted_at"]),
            "kind": post.get("kind") or "post",
            "parent_external_id": post.get("parent_external_id") or False,
            "like_count": post.get("likes", 0),
            "share_count": post.get("shares", 0),
            "reply_count": post.get("replies", 0),
            "deleted_on_platform": bool(post.get("deleted")),
        }
        if parent:
            values["parent_id"] = parent.id
        if post.get("language"):
            values["language"] = post["language"]
        if post.get("query_ids"):
            values["query_ids"] = [Command.link(qid) for qid in post["query_ids"]]
        return values

    def _changed_values(self, values):
        self.ensure_one()
        updates = {}
        for name, value in values.items():
            if name == "query_ids":
                known = set(self.query_ids.ids)
                links = [cmd for cmd in value if cmd[1] not in known]
                if links:
                    updates[name] = links
            elif name == "posted_at":
                continue
            elif name in ("identity_id", "parent_id"):
                if self[name].id != value:
                    updates[name] = value
            elif self[name] != value:
                updates[name] = value
        return updates

    def _link_parents_in_batch(self):
        """Parents that arrived in the same batch as their replies."""
        orphans = self.filtered(lambda m: m.parent_external_id and not m.parent_id)
        if not orphans:
            return
        parents = self.search(
            [
                ("account_id", "in", orphans.account_id.ids),
                ("external_id", "in", orphans.mapped("parent_external_id")),
            ]
        )
        by_key = {(p.account_id.id, p.external_id): p for p in parents}
        for mention in orphans:
            parent = by_key.get((mention.account_id.id, mention.parent_external_id))
            if parent:
                mention.parent_id = parent

    def _after_ingest(self):
        """Refresh the authors and wake the contact matching; the sentiment and
        routing addons extend this hook to score and route in the same batch."""
        identities = self.identity_id
        identities._refresh_engagement_stats()
        if identities.filtered_domain(identities._match_pending_domain()):
            self.env.ref("social_crm.ir_cron_match_contacts")._trigger()

    @api.model
    def _mark_deleted_on_platform(self, account, external_ids):
        mentions = self.search(
            [("account_id", "=", account.id), ("external_id", "in", list(external_ids))]
        )
        mentions.write({"deleted_on_platform": True})
        return mentions

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_assign_to_me(self):
        self.write({"user_id": self.env.user.id})

    def action_start(self):
        self.write({"state": "in_progress"})

    def action_done(self):
        self.write({"state": "done"})

    def action_ignore(self):
        self.write({"state": "ignored"})

    def action_reopen(self):
        self.write({"state": "assigned"})
        for mention in self.filtered(lambda m: not m.user_id):
            mention.state = "new"

    def action_open_post(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": self.url, "target": "new"}

    @api.model
    def _demo_set_response_times(self):
        """Demo data: every closed mention got a reply a few hours after it
        was posted, so that the response-time reports show a realistic mix."""
        closed = self.search([("state", "=", "done"), ("engagement_ids", "=", False)])
        replies = []
        for index, mention in enumerate(closed):
            sent_at = mention.posted_at + timedelta(hours=1 + (index * 7) % 11)
            replies.append(
                {
                    "mention_id": mention.id,
                    "engagement_type": "reply",
                    "body": _("Thanks for reaching out! We've sent you a message."),
                    "state": "sent",
                    "sent_at": sent_at,
                    "user_id": (mention.user_id or self.env.user).id,
                }
            )
        self.env["social.crm.engagement"].create(replies)
        sent = self.env["social.crm.engagement"].search(
            [("state", "=", "sent"), ("engagement_type", "=", "reply")],
            order="sent_at",
        )
        for engagement in sent:
            engagement.mention_id._register_first_response(engagement.sent_at)

    def _register_first_response(self, sent_at):
        for mention in self.filtered(lambda m: not m.first_response_at):
            delta = sent_at - mention.posted_at
            mention.write(
                {
                    "first_response_at": sent_at,
                    "response_time_hours": max(delta.total_seconds(), 0) / 3600,
                }
            )


def _naive_utc(value):
    """Aware datetime -> naive UTC, as Odoo stores it."""
    if value.tzinfo is None:
        return value
    return (value - value.utcoffset()).replace(tzinfo=None)
