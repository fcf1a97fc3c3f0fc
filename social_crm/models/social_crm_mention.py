from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, _, api, fields, models

from . import batched_rows
from .platforms import PLATFORM_SELECTION

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

    # The ingestion gives the values of these computed fields itself
    # (precompute, readonly=False): no extra record per row nor UPDATE after
    # the INSERT. Views show them read-only.
    summary = fields.Char(
        compute="_compute_summary", store=True, precompute=True, readonly=False
    )
    # No index of its own: the unique (account_id, external_id) index serves
    # it. Platform, sentiment and priority have none either: a handful of
    # values each, so searches scan anyway, and every index costs each INSERT.
    account_id = fields.Many2one(
        "social.crm.account",
        required=True,
        ondelete="cascade",
        check_company=True,
    )
    platform = fields.Selection(
        PLATFORM_SELECTION,
        compute="_compute_account_fields",
        store=True,
        precompute=True,
        readonly=False,
    )
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
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        readonly=False,
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
    engagement_total = fields.Integer(
        compute="_compute_engagement_total",
        store=True,
        precompute=True,
        readonly=False,
    )
    language = fields.Char(help="ISO 639-1 code given by the platform or detected.")
    sentiment = fields.Selection(SENTIMENTS, tracking=True)
    sentiment_score = fields.Float(help="From -1 (very negative) to 1 (very positive).")
    priority = fields.Selection(PRIORITIES, default="0", tracking=True)
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
        compute="_compute_account_fields",
        store=True,
        index=True,
        precompute=True,
        readonly=False,
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
    tag_ids = fields.Many2many(
        "social.crm.tag",
        "social_crm_mention_tag_rel",
        "mention_id",
        "tag_id",
        string="Tags",
    )
    partner_is_customer = fields.Boolean(
        compute="_compute_partner_is_customer",
        help="The contact or its company has a customer rank or a won opportunity.",
    )
    alert_sent_at = fields.Datetime(
        string="Alert Sent On",
        readonly=True,
        copy=False,
        help="When the assignee or the team was alerted. A mention is alerted once.",
    )
    routing_log_ids = fields.One2many(
        "social.crm.routing.log", "mention_id", string="Routing", readonly=True
    )
    routing_rule_ids = fields.Many2many(
        "social.crm.routing.rule",
        compute="_compute_routing_rule_ids",
        search="_search_routing_rule_ids",
        string="Routing Rules Applied",
    )

    _sql_constraints = [
        (
            "account_external_unique",
            "UNIQUE(account_id, external_id)",
            "This post is already stored for this account.",
        ),
    ]

    @api.depends("account_id.platform", "account_id.company_id")
    def _compute_account_fields(self):
        for mention in self:
            mention.platform = mention.account_id.platform
            mention.company_id = mention.account_id.company_id

    @api.depends("identity_id.partner_id")
    def _compute_partner_id(self):
        for mention in self:
            mention.partner_id = mention.identity_id.partner_id

    @api.depends("identity_id.name", "text")
    def _compute_summary(self):
        for mention in self:
            mention.summary = self._summary_of(mention.identity_id.name, mention.text)

    @api.model
    def _summary_of(self, author, text):
        text = " ".join((text or "").split())
        snippet = text[:60] + ("…" if len(text) > 60 else "")
        return f"{author or _('Unknown author')}: {snippet}"

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

    @api.depends("partner_id")
    def _compute_partner_is_customer(self):
        customers = self._customer_partners(self.partner_id.commercial_partner_id)
        for mention in self:
            mention.partner_is_customer = (
                mention.partner_id.commercial_partner_id in customers
                if mention.partner_id
                else False
            )

    @api.model
    def _customer_partners(self, partners):
        """The commercial ``partners`` that count as customers for routing:
        a customer rank (the Invoicing app) or a won opportunity (the CRM
        app), whichever of the two apps is installed. Two queries at most."""
        if not partners:
            return partners
        customers = partners.browse()
        if "customer_rank" in partners._fields:
            customers |= partners.filtered(lambda partner: partner.customer_rank > 0)
        if "crm.lead" in self.env:
            # Counting only, for partners the user already sees.
            leads = self.env["crm.lead"].sudo()
            won = leads._read_group(
                [
                    ("partner_id.commercial_partner_id", "in", partners.ids),
                    ("stage_id.is_won", "=", True),
                ],
                ["partner_id"],
            )
            customers |= partners.browse(
                [partner.commercial_partner_id.id for (partner,) in won]
            )
        return customers

    @api.depends("routing_log_ids.rule_id")
    def _compute_routing_rule_ids(self):
        for mention in self:
            mention.routing_rule_ids = mention.routing_log_ids.rule_id

    def _search_routing_rule_ids(self, operator, value):
        return [("routing_log_ids.rule_id", operator, value)]

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
    def _check_company(self, fnames=None):
        if self.env.context.get("social_crm_ingest"):
            return  # ingestion builds every value from the account's company
        return super()._check_company(fnames)

    @api.model
    def _ingest_posts(self, account, posts):
        """Upsert normalized posts (see ``social_crm.lib.posts``) of ``account``.

        A post may carry ``query_ids``: the queries it matched. The same post
        twice (overlapping queries, retries) stays one mention, linked to every
        query; edits on the platform update the text. Returns the mentions that
        were created or changed.

        New mentions are stored by one batched INSERT (``_insert_new_mentions``)
        and ``create()`` overrides do not run for them: an addon adds its
        values in ``_values_from_post`` and its follow-ups in ``_after_ingest``.
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
            social_crm_ingest=True,
        )
        identities = self.env["social.crm.identity"]._upsert_authors(
            account.company_id,
            account.platform,
            [post["author"] for post in posts_by_id.values()],
        )
        # Who wrote it matters to scoring (customer value) and routing.
        self.env["social.crm.identity"].browse(
            {identity.id for identity in identities.values()}
        )._match_new_authors()
        wanted_ids = set(posts_by_id) | {
            post["parent_external_id"]
            for post in posts_by_id.values()
            if post.get("parent_external_id")
        }
        known_mentions = {
            mention.external_id: mention
            for mention in Mention.search(
                [
                    ("account_id", "=", account.id),
                    ("external_id", "in", list(wanted_ids)),
                ]
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
                identity = identities[post["author"]["external_id"]]
                to_create.append(
                    dict(
                        values,
                        account_id=account.id,
                        external_id=external_id,
                        # the precomputed fields, known here for free
                        platform=account.platform,
                        company_id=account.company_id.id,
                        partner_id=identity.partner_id.id,
                        summary=self._summary_of(identity.name, values["text"]),
                        engagement_total=values["like_count"]
                        + values["share_count"]
                        + values["reply_count"],
                    )
                )
        prepared = Mention._prepare_new_mentions(to_create)
        created = Mention._insert_new_mentions(prepared)
        result = (created | changed).with_env(self.env)
        result._after_ingest()
        # Routing new mentions is part of their creation, which Odoo does not
        # track either: the routing log says what each rule did, without a
        # chatter message per assigned mention at commit time. Rules only
        # match mentions of their own company and their team is of that
        # company too: no company check on these writes either.
        created = created.with_env(self.env)
        created.with_context(
            mail_notrack=True, social_crm_ingest=True
        )._apply_routing_rules(facts=created._new_routing_facts(prepared))
        return result

    @api.model
    def _prepare_new_mentions(self, vals_list):
        """Complete the values of an ingestion batch's new mentions before
        their INSERT (the sentiment addon scores them here); returns them."""
        return vals_list

    @api.model
    def _insert_new_mentions(self, vals_list):
        """Create the new mentions of an ingestion batch, in one INSERT plus
        one for their query links (``batched_rows.insert_rows`` says what
        ``create()`` would add and why it is not needed here).

        A reply whose parent arrives in the same batch waits for the next
        INSERT, which knows the parent's id: one more INSERT per level of
        replies within the batch, no UPDATE afterwards.
        """
        created_ids = {}  # external id -> new id
        pending = list(vals_list)
        while pending:
            pending_keys = {vals["external_id"] for vals in pending}
            ready, waiting = [], []
            for vals in pending:
                if vals.get("parent_id") or (
                    vals.get("parent_external_id") not in pending_keys
                ):
                    ready.append(vals)
                else:
                    waiting.append(vals)
            if not ready:  # a loop of replies: store them without parents
                ready, waiting = waiting, []
            rows = []
            for vals in ready:
                row = {
                    name: value for name, value in vals.items() if name != "query_ids"
                }
                parent_id = created_ids.get(vals.get("parent_external_id"))
                if parent_id and not row.get("parent_id"):
                    row["parent_id"] = parent_id
                rows.append(row)
            created = batched_rows.insert_rows(self, rows)
            created_ids.update(
                zip((vals["external_id"] for vals in ready), created.ids, strict=True)
            )
            pending = waiting
        batched_rows.insert_links(
            self,
            "query_ids",
            [
                (created_ids[vals["external_id"]], command[1])
                for vals in vals_list
                for command in vals.get("query_ids", ())
            ],
        )
        return self.browse(created_ids[vals["external_id"]] for vals in vals_list)

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

    def _after_ingest(self):
        """Refresh the authors' engagement stats of the mentions created or
        changed by an ingestion batch; the sentiment and helpdesk addons
        extend this hook for their follow-ups in the same batch."""
        self.identity_id._refresh_engagement_stats()

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

    def action_apply_routing_rules(self):
        """Run the routing rules on these mentions now (button, list action)."""
        self.check_access("write")
        logs = self._apply_routing_rules()
        if logs:
            message = self.env._(
                "%(rules)s rule(s) applied on %(mentions)s of %(total)s mention(s).",
                rules=len(logs),
                mentions=len(logs.mention_id),
                total=len(self),
            )
        else:
            message = self.env._("No routing rule matched these mentions.")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Routing Rules"),
                "message": message,
                "type": "success" if logs else "info",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_open_reply_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reply"),
            "res_model": "social.crm.reply.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_mention_id": self.id},
        }

    # ------------------------------------------------------------------
    # Routing and alerts
    # ------------------------------------------------------------------
    def _apply_routing_rules(self, facts=None):
        """Run the active routing rules of each mention's company, in sequence.

        Each rule runs once on all the mentions it matches; a rule with "Stop
        Here" removes the mentions it matched from the later rules. Then every
        High or Urgent mention not alerted yet alerts its assignee or team.
        Returns the routing logs, created in one go: one per mention and rule
        that fired. ``facts``: the mentions' ``_routing_facts``, when the
        caller knows them already.
        """
        mentions = self.exists() if facts is None else self
        if not mentions:
            return self.env["social.crm.routing.log"]
        if facts is None:
            facts = mentions._routing_facts()
        # What follows reads the mentions' fields only where a rule or an
        # alert needs them: facts say which company, which priority.
        companies = self.env["res.company"].browse(
            {fact["company_id"] for fact in facts.values()}
        )
        open_company_ids = tuple(
            company.id
            for company in companies
            if company._social_crm_in_business_hours()
        )
        # The rules' own alert pages the assignee once; Odoo's per-record
        # "you have been assigned" mail would page them again for every mention.
        mentions = mentions.with_context(
            social_crm_open_company_ids=open_company_ids,
            mail_auto_subscribe_no_notify=True,
        )
        rules = self.env["social.crm.routing.rule"].search(
            [("company_id", "in", companies.ids)]
        )
        now = fields.Datetime.now()
        log_values = []
        pending = mentions
        for rule in rules:
            if not pending:
                break
            conditions = rule._condition_values()
            matched = pending.browse(
                mention.id
                for mention in pending
                if rule._matches(mention, facts[mention.id], conditions)
            )
            if not matched:
                continue
            done = rule._apply(matched)
            # the next rules see what this one changed (priority, tags...)
            facts.update(matched._routing_facts())
            log_values += [
                {
                    "mention_id": mention.id,
                    "rule_id": rule.id,
                    "rule_name": rule.name,
                    "date": now,
                    "actions": "\n".join(done.get(mention.id) or [])
                    or self.env._("matched, nothing to change"),
                }
                for mention in matched
            ]
            if rule.stop_processing:
                pending -= matched
        urgent = mentions.browse(
            mention_id for mention_id, fact in facts.items() if fact["priority"] >= 2
        ).filtered(
            lambda mention: not mention.alert_sent_at
            and any(mention._alert_recipients())
        )
        for mention_id, lines in urgent._send_routing_alert().items():
            log_values.append(
                {
                    "mention_id": mention_id,
                    "rule_id": False,
                    "rule_name": self.env._("High priority alert"),
                    "date": now,
                    "actions": "\n".join(lines),
                }
            )
        # the log's related company, which create() would have precomputed
        for values in log_values:
            values["company_id"] = facts[values["mention_id"]]["company_id"]
        return batched_rows.insert_rows(self.env["social.crm.routing.log"], log_values)

    def _routing_facts(self):
        """What routing conditions read, as plain values per mention id, in
        three queries for the whole batch instead of field reads per rule."""
        if not self:
            return {}
        self.flush_recordset()
        self.env["social.crm.identity"].flush_model(["influence_score"])
        self.env.cr.execute(
            """
            SELECT mention.id, mention.company_id, mention.sentiment,
                   mention.priority, mention.platform, mention.kind,
                   mention.language, mention.text,
                   COALESCE(identity.influence_score, 0)
              FROM social_crm_mention AS mention
         LEFT JOIN social_crm_identity AS identity
                ON identity.id = mention.identity_id
             WHERE mention.id = ANY(%s)
            """,
            [self.ids],
        )
        facts = {row[0]: _routing_fact(*row[1:]) for row in self.env.cr.fetchall()}
        self.env.cr.execute(
            """
            SELECT rel.mention_id, rel.query_id, query.query_type
              FROM social_crm_mention_query_rel AS rel
              JOIN social_crm_query AS query ON query.id = rel.query_id
             WHERE rel.mention_id = ANY(%s)
            """,
            [self.ids],
        )
        for mention_id, query_id, query_type in self.env.cr.fetchall():
            facts[mention_id]["query_ids"].add(query_id)
            facts[mention_id]["query_types"].add(query_type)
        return facts

    def _new_routing_facts(self, vals_list):
        """``_routing_facts`` of mentions just inserted from ``vals_list`` (in
        the same order), taken from those values: no query for the mentions."""
        query_types = {
            query.id: query.query_type
            for query in self.env["social.crm.query"].browse(
                {
                    command[1]
                    for vals in vals_list
                    for command in vals.get("query_ids", ())
                }
            )
        }
        authors = self.env["social.crm.identity"].browse(
            {vals["identity_id"] for vals in vals_list if vals.get("identity_id")}
        )
        influence = {author.id: author.influence_score for author in authors}
        facts = {}
        for mention_id, vals in zip(self.ids, vals_list, strict=True):
            query_ids = {command[1] for command in vals.get("query_ids", ())}
            facts[mention_id] = _routing_fact(
                vals["company_id"],
                vals.get("sentiment"),
                vals.get("priority"),
                vals["platform"],
                vals["kind"],
                vals.get("language"),
                vals["text"],
                influence.get(vals.get("identity_id"), 0),
                query_ids,
                {query_types[query_id] for query_id in query_ids},
            )
        return facts

    def _routing_in_business_hours(self):
        """Whether the company of the mention is at work now. Routing runs
        compute it once per company and pass it in the context."""
        self.ensure_one()
        open_company_ids = self.env.context.get("social_crm_open_company_ids")
        if open_company_ids is None:
            return self.company_id._social_crm_in_business_hours()
        return self.company_id.id in open_company_ids

    def _alert_recipients(self, escalate=False):
        """``(users to page, user of the activity)`` for an alert.

        The assignee; without one, the team's members, and the activity goes
        to the team leader. An escalation also pages the team leader and gives
        the activity to them.
        """
        self.ensure_one()
        team = self.team_id
        leader = team.leader_id if team else self.env["res.users"]
        if self.user_id:
            users, activity_user = self.user_id, self.user_id
        else:
            users = team._assignable_members() if team else self.env["res.users"]
            activity_user = leader
        if escalate and leader:
            activity_user = leader
        users |= activity_user
        if escalate:
            users |= leader
        return users, activity_user

    def _send_routing_alert(self, escalate=False):
        """Alert once per mention: a notification to the recipients (Inbox, or
        email for those who chose it) and an activity due today (Urgent) or
        tomorrow. Several mentions for the same people in one batch (a busy
        fetch) page them once with a digest that links every mention, instead
        of once per mention. Outside business hours only the activities are
        scheduled. Returns the log lines of each mention."""
        _ = self.env._
        result = {}
        activity_values = []
        alerted = self.browse()
        pages = defaultdict(lambda: self.browse())
        today = fields.Date.context_today(self)
        model_id = self.env["ir.model"]._get_id(self._name)
        activity_type = self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False
        )
        for mention in self:
            if mention.alert_sent_at:
                result[mention.id] = [_("alert already sent: not repeated")]
                continue
            users, activity_user = mention._alert_recipients(escalate=escalate)
            if not users:
                result[mention.id] = [_("no one to alert (no assignee, no team)")]
                continue
            urgent = mention.priority == "3"
            lines = []
            if mention._routing_in_business_hours():
                pages[users] |= mention
            else:
                lines.append(_("page skipped: outside business hours"))
            if activity_user:
                deadline = today if urgent or escalate else today + timedelta(days=1)
                activity_values.append(
                    {
                        "res_model_id": model_id,
                        "res_id": mention.id,
                        "activity_type_id": activity_type.id,
                        "summary": mention._alert_reason(escalate),
                        "note": Markup("<p>%s</p>") % (mention.summary or ""),
                        "date_deadline": deadline,
                        "user_id": activity_user.id,
                    }
                )
                lines.append(
                    _(
                        "activity for %(user)s due %(date)s",
                        user=activity_user.name,
                        date=fields.Date.to_string(deadline),
                    )
                )
            alerted |= mention
            result[mention.id] = lines
        for users, mentions in pages.items():
            mentions._page_alert(users, escalate)
            names = ", ".join(users.mapped("name"))
            line = (
                _("alert sent to %(names)s", names=names)
                if len(mentions) == 1
                else _(
                    "alert sent to %(names)s (one page for %(count)s mentions)",
                    names=names,
                    count=len(mentions),
                )
            )
            for mention in mentions:
                result[mention.id].insert(0, line)
        if activity_values:
            # The page above is the notification: no second "activity assigned" email.
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(activity_values)
        alerted.write({"alert_sent_at": fields.Datetime.now()})
        return result

    def _alert_reason(self, escalate):
        _ = self.env._
        if escalate:
            return _("Escalated mention")
        return _("Urgent mention") if self.priority == "3" else _("Mention to handle")

    def _page_alert(self, users, escalate):
        """Page ``users`` about these mentions: a message in the chatter of a
        single mention, or one digest (Inbox/email) linking all of them."""
        _ = self.env._
        if len(self) == 1:
            self.message_post(
                body=Markup("<p>%s</p>")
                % _(
                    "%(reason)s from %(author)s: please take a look.",
                    reason=self._alert_reason(escalate),
                    author=self.identity_id.name or _("an unknown author"),
                ),
                partner_ids=users.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            return
        items = Markup("").join(
            Markup('<li><a href="/odoo/social.crm.mention/%s">%s</a> (%s)</li>')
            % (
                mention.id,
                mention.summary or mention.display_name,
                mention._alert_reason(escalate),
            )
            for mention in self
        )
        self[0].message_notify(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (
                _("%(count)s mentions need you: please take a look.", count=len(self)),
                items,
            ),
            partner_ids=users.partner_id.ids,
            subject=_("%(count)s social mentions to handle", count=len(self)),
            subtype_xmlid="mail.mt_comment",
        )

    def _reply_placeholders(self):
        """Values of the reply template placeholders for this mention.

        On an empty recordset, every name with an empty value: reply templates
        validate against these names. Extend to add names (the helpdesk addon
        fills ``ticket_number``).
        """
        if self:
            self.ensure_one()
        identity = self.identity_id
        handle = identity.handle or ""
        if handle and not handle.startswith("@"):
            handle = f"@{handle}"
        return {
            "contact_name": self.partner_id.name or identity.name or "",
            "author_name": identity.name or "",
            "author_handle": handle,
            "ticket_number": "",
        }

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


def _routing_fact(
    company_id,
    sentiment,
    priority,
    platform,
    kind,
    language,
    text,
    influence,
    query_ids=None,
    query_types=None,
):
    """What routing conditions read of one mention, whether it comes from
    the database or from the values of a batch just inserted."""
    return {
        "company_id": company_id,
        "sentiment": sentiment or None,
        "priority": int(priority or "0"),
        "platform": platform,
        "kind": kind,
        "language": language or None,
        "text": text,
        "influence": influence or 0,
        "query_ids": set(query_ids or ()),
        "query_types": set(query_types or ()),
    }


def _naive_utc(value):
    """Aware datetime -> naive UTC, as Odoo stores it."""
    if value.tzinfo is None:
        return value
    return (value - value.utcoffset()).replace(tzinfo=None)
