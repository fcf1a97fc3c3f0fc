import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..lib import query_language

LANGUAGE_CODES = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")


class SocialCrmQuery(models.Model):
    _name = "social.crm.query"
    _description = "Social CRM Listening Query"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    query = fields.Char(
        required=True,
        tracking=True,
        help='Words, "exact phrases", AND, OR, NOT or -word, parentheses, '
        "#hashtags and @handles. Example: acme AND (phone OR tablet) -job",
    )
    query_type = fields.Selection(
        [
            ("brand", "Brand"),
            ("product", "Product"),
            ("competitor", "Competitor"),
            ("industry", "Industry"),
        ],
        string="Type",
        required=True,
        default="brand",
        tracking=True,
    )
    account_ids = fields.Many2many(
        "social.crm.account",
        "social_crm_query_account_rel",
        "query_id",
        "account_id",
        string="Accounts",
        check_company=True,
        help="Leave empty to listen on every account of the company.",
    )
    languages = fields.Char(
        help="Comma-separated language codes to keep (e.g. en,ja,es). "
        "Empty keeps every language.",
    )
    excluded_words = fields.Char(
        help="Comma-separated words: posts containing any of them are dropped."
    )
    excluded_authors = fields.Char(
        help="Comma-separated handles whose posts are dropped."
    )
    min_followers = fields.Integer(
        string="Minimum Followers",
        help="Drop posts from authors with fewer followers.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    color = fields.Integer()
    mention_ids = fields.Many2many(
        "social.crm.mention",
        "social_crm_mention_query_rel",
        "query_id",
        "mention_id",
        string="Mentions",
    )
    mention_count = fields.Integer(compute="_compute_mention_count")

    @api.constrains("query")
    def _check_query(self):
        for record in self:
            try:
                query_language.parse(record.query or "")
            except query_language.QuerySyntaxError as error:
                raise ValidationError(
                    _(
                        "The query of %(name)s is invalid: %(details)s",
                        name=record.name,
                        details=query_language.format_error(record.query or "", error),
                    )
                ) from error

    @api.constrains("languages")
    def _check_languages(self):
        for record in self:
            for code in record._language_set():
                if not LANGUAGE_CODES.match(code):
                    raise ValidationError(
                        _(
                            "%(code)s is not a language code: use ISO codes "
                            "such as en, ja or pt-BR, separated by commas.",
                            code=code,
                        )
                    )

    @api.constrains("min_followers")
    def _check_min_followers(self):
        if any(record.min_followers < 0 for record in self):
            raise ValidationError(_("The minimum follower count cannot be negative."))

    def _compute_mention_count(self):
        counts = dict(
            self.env["social.crm.mention"]._read_group(
                [("query_ids", "in", self.ids)], ["query_ids"], ["__count"]
            )
        )
        for record in self:
            record.mention_count = counts.get(record, 0)

    def _language_set(self):
        return {
            code.strip() for code in (self.languages or "").split(",") if code.strip()
        }

    @staticmethod
    def _split_csv(value, lower=True):
        items = (item.strip().lstrip("@") for item in (value or "").split(","))
        return {item.casefold() if lower else item for item in items if item}

    def _platform_sources(self, platform):
        """(kind, value) sources that ask the platform for this query."""
        self.ensure_one()
        node = query_language.parse(self.query)
        return query_language.build_sources(platform, node)

    def _post_filters(self):
        """[(query id, predicate(post) -> bool)] compiled once for a batch."""
        filters = []
        for record in self:
            compiled = query_language.CompiledQuery(query_language.parse(record.query))
            languages = record._language_set()
            excluded_words = self._split_csv(record.excluded_words)
            excluded_authors = self._split_csv(record.excluded_authors)
            min_followers = record.min_followers

            def accepts(
                post,
                compiled=compiled,
                languages=languages,
                excluded_words=excluded_words,
                excluded_authors=excluded_authors,
                min_followers=min_followers,
            ):
                author = post["author"]
                if (
                    languages
                    and post.get("language")
                    and post["language"] not in languages
                ):
                    return False
                if author.get("followers", 0) < min_followers:
                    return False
                if author.get("handle", "").casefold() in excluded_authors:
                    return False
                text = post["text"].casefold()
                if any(word in text for word in excluded_words):
                    return False
                return compiled.matches(
                    post["text"], author_handle=author.get("handle")
                )

            filters.append((record.id, accepts))
        return filters

    def action_view_mentions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_crm.social_crm_mention_action"
        )
        action["domain"] = [("query_ids", "in", self.ids)]
        return action
