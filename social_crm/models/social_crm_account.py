import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import errors as lib_errors
from ..lib.connectors import Source, get_connector_class
from .platforms import PLATFORM_SELECTION

_logger = logging.getLogger(__name__)

# Account field holding each credential a connector asks for, per platform.
CREDENTIAL_FIELDS = {
    "x": {"bearer_token": "api_key", "user_access_token": "access_token"},
    "mastodon": {"access_token": "access_token"},
    "bluesky": {"identifier": "client_id", "app_password": "api_key"},
    "reddit": {
        "client_id": "client_id",
        "client_secret": "api_key",
        "refresh_token": "access_token",
    },
    "youtube": {"api_key": "api_key", "access_token": "access_token"},
    "facebook": {"page_access_token": "access_token"},
    "instagram": {"access_token": "access_token"},
    "rss": {},
}
# Sources that follow the account itself rather than a query, and whether they
# need the platform ID of the account.
ACCOUNT_SOURCES = {
    "x": (("mentions", True),),
    "mastodon": (("mentions", False),),
    "facebook": (("feed", True), ("mentions", True)),
    "instagram": (("mentions", True),),
    "youtube": (("comments", True),),
}
MAX_PAGES_PER_SOURCE = 10
MAX_BACKOFF_MINUTES = 24 * 60


class SocialCrmAccount(models.Model):
    _name = "social.crm.account"
    _description = "Social CRM Connected Account"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    platform = fields.Selection(PLATFORM_SELECTION, required=True, tracking=True)
    api_base_url = fields.Char(
        string="API Base URL",
        compute="_compute_api_base_url",
        store=True,
        readonly=False,
        help="The platform's public endpoint by default. Change it to use a "
        "self-hosted Mastodon instance or any compatible server.",
    )
    handle = fields.Char(
        string="Own Handle",
        help="The handle of this account on the platform, e.g. @acme or "
        "acme@mastodon.social.",
    )
    external_account_id = fields.Char(
        string="Platform ID",
        help="User, page or channel ID on the platform. Needed for X mentions, "
        "Facebook pages, Instagram business accounts and YouTube channels.",
    )
    feed_url = fields.Char(
        string="Feed URL", help="RSS/Atom feed to read (RSS accounts only)."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [
            ("draft", "Not Connected"),
            ("connected", "Connected"),
            ("waiting", "Waiting (rate limit or outage)"),
            ("error", "Error"),
            ("disconnected", "Disconnected"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    fetch_interval = fields.Integer(
        string="Fetch Every (minutes)", default=15, required=True
    )
    last_fetch_at = fields.Datetime(string="Last Fetch", readonly=True, copy=False)
    next_fetch_at = fields.Datetime(string="Next Fetch", copy=False)
    last_error = fields.Text(readonly=True, copy=False)
    failure_count = fields.Integer(readonly=True, copy=False)
    error_notified = fields.Boolean(readonly=True, copy=False)
    fetch_cursors = fields.Json(
        copy=False,
        help="Pagination cursor of every source, so a run only "
        "asks the platform for what is new.",
    )
    # Credentials: readable by Settings administrators only.
    client_id = fields.Char(
        string="Client ID / Login", groups="base.group_system", copy=False
    )
    api_key = fields.Char(
        string="API Key / Secret", groups="base.group_system", copy=False
    )
    access_token = fields.Char(groups="base.group_system", copy=False)
    has_credentials = fields.Boolean(compute="_compute_has_credentials")
    query_ids = fields.Many2many(
        "social.crm.query",
        "social_crm_query_account_rel",
        "account_id",
        "query_id",
        string="Listening Queries",
    )
    mention_count = fields.Integer(compute="_compute_mention_count")

    _sql_constraints = [
        (
            "fetch_interval_positive",
            "CHECK(fetch_interval > 0)",
            "The fetch interval must be at least one minute.",
        ),
    ]

    @api.depends("platform")
    def _compute_api_base_url(self):
        for account in self:
            if account.platform and not account.api_base_url:
                connector_class = get_connector_class(account.platform)
                account.api_base_url = connector_class.default_base_url

    def _compute_has_credentials(self):
        for account in self:
            fields_needed = CREDENTIAL_FIELDS.get(account.platform, {}).values()
            account_sudo = account.sudo()
            account.has_credentials = (
                all(account_sudo[name] for name in set(fields_needed))
                if fields_needed
                else True
            )

    def _compute_mention_count(self):
        counts = dict(
            self.env["social.crm.mention"]._read_group(
                [("account_id", "in", self.ids)], ["account_id"], ["__count"]
            )
        )
        for account in self:
            account.mention_count = counts.get(account, 0)

    @api.constrains("api_base_url")
    def _check_api_base_url(self):
        for account in self:
            url = account.api_base_url or ""
            if url and not url.startswith(("https://", "http://")):
                raise UserError(
                    _(
                        "The API base URL of %(account)s must start with https://.",
                        account=account.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Connector plumbing
    # ------------------------------------------------------------------
    def _get_connector(self, timeout=10.0):
        """Connector for this account; reads the credentials as superuser.

        Callers are private or check access first: credentials never leave
        this method.
        """
        self.ensure_one()
        account_sudo = self.sudo()
        credentials = {
            name: account_sudo[field_name]
            for name, field_name in CREDENTIAL_FIELDS.get(self.platform, {}).items()
            if account_sudo[field_name]
        }
        connector_class = get_connector_class(self.platform)
        return connector_class(
            base_url=self.api_base_url or connector_class.default_base_url,
            credentials=credentials,
            account_ref=self.external_account_id or None,
            timeout=timeout,
        )

    def _check_credentials(self):
        """Name the account fields to fill, in the user's words."""
        self.ensure_one()
        connector_class = get_connector_class(self.platform)
        field_of = CREDENTIAL_FIELDS.get(self.platform, {})
        account_sudo = self.sudo()
        missing = {
            self._fields[field_of[name]].get_description(self.env)["string"]
            for name in connector_class.credential_fields
            if name in field_of and not account_sudo[field_of[name]]
        }
        if missing:
            raise lib_errors.ConfigurationError(
                _(
                    "%(platform)s needs %(fields)s on the account (Credentials "
                    "tab, administrators only).",
                    platform=connector_class.label,
                    fields=", ".join(sorted(missing)),
                )
            )

    def _get_sources(self):
        """Sources to poll: the account's own mentions plus its queries."""
        self.ensure_one()
        connector_class = get_connector_class(self.platform)
        supported = set(connector_class.source_kinds)
        sources = []
        if self.platform == "rss":
            if self.feed_url:
                sources.append(Source(kind="feed", value=self.feed_url))
            return sources
        for kind, needs_platform_id in ACCOUNT_SOURCES.get(self.platform, ()):
            if needs_platform_id and not self.external_account_id:
                continue
            if self.platform == "mastodon" and not self.sudo().access_token:
                continue  # notifications need a token; public tags do not
            sources.append(Source(kind=kind))
        for query in self._get_queries():
            for kind, value in query._platform_sources(self.platform):
                if kind in supported:
                    sources.append(Source(kind=kind, value=value))
        unique = {source.key: source for source in sources}
        return list(unique.values())

    def _get_queries(self):
        self.ensure_one()
        return self.env["social.crm.query"].search(
            [
                ("active", "=", True),
                ("company_id", "=", self.company_id.id),
                "|",
                ("account_ids", "=", False),
                ("account_ids", "in", self.ids),
            ]
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_test_connection(self):
        self.ensure_one()
        self.check_access("write")
        try:
            message = self._get_connector().test_connection()
        except lib_errors.SocialCrmError as error:
            return self._notification(
                _("Connection failed"),
                _("%(account)s: %(error)s", account=self.name, error=error.message),
                "danger",
            )
        if self.state in ("draft", "error", "disconnected"):
            self.write({"state": "connected", "last_error": False})
        return self._notification(_("Connection works"), message, "success")

    def action_fetch_now(self):
        self.ensure_one()
        self.check_access("write")
        report = self._fetch_mentions()
        if report["error"]:
            return self._notification(
                _("Fetch failed"),
                _(
                    "%(account)s: %(error)s (%(count)s mentions stored before "
                    "the error).",
                    account=self.name,
                    error=report["error"],
                    count=report["stored"],
                ),
                "warning",
            )
        return self._notification(
            _("Fetch done"),
            _(
                "%(account)s: %(fetched)s posts read, %(stored)s mentions "
                "new or updated.",
                account=self.name,
                fetched=report["fetched"],
                stored=report["stored"],
            ),
            "success",
        )

    def action_disconnect(self):
        self.check_access("write")
        self.write({"state": "disconnected"})

    def action_reset_cursors(self):
        self.check_access("write")
        self.write({"fetch_cursors": False})

    def action_view_mentions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_crm.social_crm_mention_action"
        )
        action["domain"] = [("account_id", "=", self.id)]
        action["context"] = {"default_account_id": self.id}
        return action

    def _notification(self, title, message, kind):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title,
                "message": message,
                "type": kind,
                "sticky": kind != "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------------
    # Fetch
    # ------------------------------------------------------------------
    @api.model
    def _due_domain(self):
        now = fields.Datetime.now()
        return [
            ("state", "in", ("draft", "connected", "waiting")),
            "|",
            ("next_fetch_at", "=", False),
            ("next_fetch_at", "<=", now),
        ]

    @api.model
    def _cron_fetch_mentions(self, batch_size=5):
        """Fetch the due accounts, a few per call; ir.cron calls again while
        progress remains."""
        accounts = self.search(
            self._due_domain(), limit=batch_size, order="next_fetch_at, id"
        )
        remaining = self.search_count(self._due_domain()) - len(accounts)
        for account in accounts:
            try:
                with self.env.cr.savepoint():
                    account._fetch_mentions()
            except Exception as error:  # noqa: BLE001 - one account never blocks the rest
                _logger.exception("Social CRM: fetching account %s failed", account.id)
                account._register_failure(
                    lib_errors.ServerError(
                        _("Unexpected error while fetching: %(error)s", error=error)
                    )
                )
        self.env["ir.cron"]._notify_progress(done=len(accounts), remaining=remaining)

    def _fetch_mentions(self):
        """Poll every source of the account once; store what arrives page by
        page so that a failure halfway loses nothing already read."""
        self.ensure_one()
        report = {"fetched": 0, "stored": 0, "error": False}
        try:
            self._check_credentials()
            connector = self._get_connector()
            for source in self._get_sources():
                self._fetch_source(connector, source, report)
        except lib_errors.SocialCrmError as error:
            report["error"] = error.message
            self._register_failure(error)
        else:
            self._register_success()
        return report

    def _fetch_source(self, connector, source, report):
        Mention = self.env["social.crm.mention"]
        post_filters = self._get_queries()._post_filters()
        for _page_number in range(MAX_PAGES_PER_SOURCE):
            cursors = dict(self.fetch_cursors or {})
            page = connector.fetch_page(source, cursors.get(source.key))
            report["fetched"] += len(page.posts)
            # Savepoint: a page is stored with its cursor, or not at all.
            with self.env.cr.savepoint():
                posts = self._filter_posts(page.posts, source, post_filters)
                mentions = Mention._ingest_posts(self, posts)
                if page.deleted_ids:
                    Mention._mark_deleted_on_platform(self, page.deleted_ids)
                cursors[source.key] = page.cursor
                self.fetch_cursors = cursors
            report["stored"] += len(mentions)
            if page.done:
                break

    def _filter_posts(self, posts, source, post_filters):
        """Attach the matching query ids to each post and drop noise."""
        blocked = self.env["social.crm.identity"]._blocked_keys(self.company_id)
        kept = []
        for post in posts:
            author = post["author"]
            if (self.platform, author["external_id"]) in blocked:
                continue
            query_ids = [
                query_id for query_id, accepts in post_filters if accepts(post)
            ]
            if not query_ids and source.kind not in ("mentions", "comments", "feed"):
                continue
            kept.append(dict(post, query_ids=query_ids))
        return kept

    def _register_success(self):
        now = fields.Datetime.now()
        self.write(
            {
                "state": "connected",
                "last_fetch_at": now,
                "next_fetch_at": now + timedelta(minutes=self.fetch_interval),
                "last_error": False,
                "failure_count": 0,
                "error_notified": False,
            }
        )

    def _register_failure(self, error):
        now = fields.Datetime.now()
        failure_count = self.failure_count + 1
        if error.retryable:
            delay_minutes = (
                error.retry_after / 60
                if error.retry_after
                else min(self.fetch_interval * 2**failure_count, MAX_BACKOFF_MINUTES)
            )
            _logger.info(
                "Social CRM account %s waits %.1f min: %s",
                self.id,
                delay_minutes,
                error.message,
            )
            self.write(
                {
                    "state": "waiting",
                    "last_error": error.message,
                    "failure_count": failure_count,
                    "next_fetch_at": now + timedelta(minutes=delay_minutes),
                }
            )
            return
        self.write(
            {
                "state": "error",
                "last_error": error.message,
                "failure_count": failure_count,
            }
        )
        if not self.error_notified:
            self._notify_managers_of_error(error)
            self.error_notified = True

    def _notify_managers_of_error(self, error):
        managers = self.env.ref("social_crm.group_social_crm_manager").users.filtered(
            lambda user: self.company_id in user.company_ids
        )
        body = Markup("<p>%s</p>") % _(
            "Fetching stopped: %(error)s", error=error.message
        )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        for user in managers[:5]:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Fix the connection of %(account)s", account=self.name),
                note=error.message,
                user_id=user.id,
            )
