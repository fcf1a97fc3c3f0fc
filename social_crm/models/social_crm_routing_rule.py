import functools
import re

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from ..lib import query_language
from .platforms import PLATFORM_SELECTION
from .social_crm_mention import PRIORITIES, SENTIMENTS

QUERY_TYPES = [
    ("brand", "Brand"),
    ("product", "Product"),
    ("competitor", "Competitor"),
    ("industry", "Industry"),
]
KINDS = [
    ("post", "Post"),
    ("reply", "Reply"),
    ("comment", "Comment"),
    ("dm", "Direct Message"),
    ("review", "Review"),
]
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


def _split_list(text):
    return [item.strip() for item in (text or "").split(",") if item.strip()]


@functools.lru_cache(maxsize=256)
def _keywords_regex(keywords):
    """One regex matching any of the comma-separated ``keywords`` on folded
    text (case and accents ignored, whole words in spaced scripts)."""
    patterns = [
        query_language._literal_regex(keyword).pattern
        for keyword in _split_list(keywords)
        if query_language.fold_text(keyword)
    ]
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


def _language_key(code):
    """``pt_BR`` / ``PT-br`` -> ``pt-br``."""
    return code.strip().lower().replace("_", "-")


def _language_in(language, wanted):
    """``pt-BR`` is in ``{"pt"}`` and in ``{"pt-br"}``; no language is in none."""
    if not language:
        return False
    language = _language_key(language)
    return language in wanted or language.split("-")[0] in wanted


class SocialCrmRoutingRule(models.Model):
    """Route new mentions: when every condition holds, run the actions.

    Rules of a company run in sequence on each new mention (see
    ``social.crm.mention._apply_routing_rules``). Other addons add conditions
    by extending ``_matches`` and actions by extending ``_apply``.
    """

    _name = "social.crm.routing.rule"
    _description = "Social CRM Routing Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    stop_processing = fields.Boolean(
        string="Stop Here",
        help="When this rule matches a mention, the rules after it are not "
        "evaluated for that mention.",
    )
    description = fields.Text(string="Notes")

    # ---------------------------------------------------------- conditions
    sentiment = fields.Selection(SENTIMENTS)
    min_priority = fields.Selection(
        PRIORITIES,
        string="Minimum Priority",
        help="The mention's priority is at least this one.",
    )
    platform = fields.Selection(PLATFORM_SELECTION)
    query_ids = fields.Many2many(
        "social.crm.query",
        "social_crm_routing_rule_query_rel",
        "rule_id",
        "query_id",
        string="Queries",
        check_company=True,
        help="The mention matched at least one of these queries.",
    )
    query_type = fields.Selection(
        QUERY_TYPES, help="The mention matched a query of this type."
    )
    languages = fields.Char(
        help="Comma-separated language codes (e.g. en,ja). 'pt' also covers pt-BR."
    )
    kind = fields.Selection(KINDS, string="Post Kind")
    keywords = fields.Char(
        help="Comma-separated words or phrases: the mention contains at least "
        "one of them. Case and accents are ignored.",
    )
    min_influence = fields.Integer(
        string="Minimum Influence", help="Author's influence score, 0 to 100."
    )
    partner_condition = fields.Selection(
        [
            ("any", "Any author"),
            ("known", "Known contact"),
            ("customer", "Customer"),
            ("tag", "Contact with a tag"),
        ],
        string="Author",
        required=True,
        default="any",
        help="Known contact: the author is linked to a contact. Customer: that "
        "contact (or its company) has a customer rank (invoiced, with "
        "Invoicing installed) or a won opportunity (with CRM installed). "
        "Contact with a tag: the contact or its company has one of the tags.",
    )
    partner_tag_ids = fields.Many2many(
        "res.partner.category",
        "social_crm_routing_rule_partner_category_rel",
        "rule_id",
        "category_id",
        string="Contact Tags",
    )
    business_hours = fields.Selection(
        [
            ("any", "Any time"),
            ("inside", "During business hours"),
            ("outside", "Outside business hours"),
        ],
        required=True,
        default="any",
        help="Business hours of the company's working schedule, when the rule runs.",
    )

    # ------------------------------------------------------------- actions
    assign_mode = fields.Selection(
        [
            ("none", "Do not assign"),
            ("user", "To a user"),
            ("round_robin", "Round-robin in the team"),
            ("least_loaded", "Least loaded member of the team"),
        ],
        string="Assign",
        required=True,
        default="none",
        help="Only mentions nobody is assigned to are assigned.",
    )
    assign_user_id = fields.Many2one(
        "res.users", string="Assign To", domain=[("share", "=", False)]
    )
    assign_team_id = fields.Many2one(
        "social.crm.team", string="Team", check_company=True
    )
    set_priority = fields.Selection(PRIORITIES)
    tag_ids = fields.Many2many(
        "social.crm.tag",
        "social_crm_routing_rule_tag_rel",
        "rule_id",
        "tag_id",
        string="Add Tags",
    )
    alert = fields.Boolean(
        help="Alert the assignee, or the team when nobody is assigned: an Inbox "
        "notification (or an email, as each user prefers) and an activity.",
    )
    escalate = fields.Boolean(
        help="Set the priority to Urgent and alert the team leader."
    )

    conditions_summary = fields.Char(string="When", compute="_compute_summaries")
    actions_summary = fields.Char(string="Then", compute="_compute_summaries")
    log_ids = fields.One2many("social.crm.routing.log", "rule_id")
    log_count = fields.Integer(compute="_compute_log_count", string="Runs")

    # ------------------------------------------------------------ computes
    def _selection_label(self, field_name):
        return dict(self._fields[field_name]._description_selection(self.env)).get(
            self[field_name], ""
        )

    @api.depends(lambda self: self._summary_depends())
    def _compute_summaries(self):
        for rule in self:
            rule.conditions_summary = "; ".join(rule._condition_labels()) or self.env._(
                "Every mention"
            )
            rule.actions_summary = "; ".join(rule._action_labels()) or self.env._(
                "Nothing"
            )

    @api.model
    def _summary_depends(self):
        return [
            "sentiment",
            "min_priority",
            "platform",
            "query_ids",
            "query_type",
            "languages",
            "kind",
            "keywords",
            "min_influence",
            "partner_condition",
            "partner_tag_ids",
            "business_hours",
            "assign_mode",
            "assign_user_id",
            "assign_team_id",
            "set_priority",
            "tag_ids",
            "alert",
            "escalate",
            "stop_processing",
        ]

    def _condition_labels(self):
        """Short human-readable conditions; extend to describe new ones."""
        self.ensure_one()
        _ = self.env._
        labels = []
        if self.sentiment:
            labels.append(self._selection_label("sentiment"))
        if self.min_priority:
            labels.append(
                _("priority ≥ %(p)s", p=self._selection_label("min_priority"))
            )
        if self.platform:
            labels.append(self._selection_label("platform"))
        if self.query_ids:
            labels.append(_("query: %(q)s", q=", ".join(self.query_ids.mapped("name"))))
        if self.query_type:
            labels.append(_("%(t)s query", t=self._selection_label("query_type")))
        if self.languages:
            labels.append(_("language: %(l)s", l=self.languages))
        if self.kind:
            labels.append(self._selection_label("kind"))
        if self.keywords:
            labels.append(_("words: %(k)s", k=self.keywords))
        if self.min_influence:
            labels.append(_("influence ≥ %(i)s", i=self.min_influence))
        if self.partner_condition == "tag":
            labels.append(
                _(
                    "contact tagged %(t)s",
                    t=", ".join(self.partner_tag_ids.mapped("name")),
                )
            )
        elif self.partner_condition != "any":
            labels.append(self._selection_label("partner_condition"))
        if self.business_hours != "any":
            labels.append(self._selection_label("business_hours"))
        return labels

    def _action_labels(self):
        """Short human-readable actions; extend to describe new ones."""
        self.ensure_one()
        _ = self.env._
        labels = []
        if self.assign_mode == "user" and self.assign_user_id:
            labels.append(_("assign to %(u)s", u=self.assign_user_id.name))
        elif (
            self.assign_mode in ("round_robin", "least_loaded") and self.assign_team_id
        ):
            labels.append(
                _(
                    "assign %(mode)s in %(team)s",
                    mode=self._selection_label("assign_mode").lower(),
                    team=self.assign_team_id.name,
                )
            )
        if self.assign_team_id and self.assign_mode in ("none", "user"):
            labels.append(_("team %(t)s", t=self.assign_team_id.name))
        if self.set_priority:
            labels.append(_("priority %(p)s", p=self._selection_label("set_priority")))
        if self.tag_ids:
            labels.append(_("tag %(t)s", t=", ".join(self.tag_ids.mapped("name"))))
        if self.alert:
            labels.append(_("alert"))
        if self.escalate:
            labels.append(_("escalate"))
        if self.stop_processing:
            labels.append(_("stop"))
        return labels

    def _compute_log_count(self):
        counts = dict(
            self.env["social.crm.routing.log"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.log_count = counts.get(rule, 0)

    # --------------------------------------------------------- constraints
    @api.constrains("assign_mode", "assign_user_id", "assign_team_id")
    def _check_assignment(self):
        for rule in self:
            if rule.assign_mode == "user" and not rule.assign_user_id:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: choose the user to assign.", rule=rule.name
                    )
                )
            if (
                rule.assign_mode in ("round_robin", "least_loaded")
                and not rule.assign_team_id
            ):
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: choose the team whose members share "
                        "the mentions.",
                        rule=rule.name,
                    )
                )

    @api.constrains("min_influence")
    def _check_min_influence(self):
        for rule in self:
            if not 0 <= rule.min_influence <= 100:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the minimum influence is between 0 and 100.",
                        rule=rule.name,
                    )
                )

    @api.constrains("languages")
    def _check_languages(self):
        for rule in self:
            wrong = [
                code
                for code in _split_list(rule.languages)
                if not LANGUAGE_CODE.match(code.lower())
            ]
            if wrong:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: %(codes)s are not language codes "
                        "such as en, ja or pt-BR.",
                        rule=rule.name,
                        codes=", ".join(wrong),
                    )
                )

    @api.constrains("partner_condition", "partner_tag_ids")
    def _check_partner_tags(self):
        for rule in self:
            if rule.partner_condition == "tag" and not rule.partner_tag_ids:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: choose the contact tags.", rule=rule.name
                    )
                )

    # ------------------------------------------------------------ matching
    def _condition_values(self):
        """This rule's conditions as plain values, read once per routing run."""
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "sentiment": self.sentiment,
            "min_priority": int(self.min_priority or "0"),
            "platform": self.platform,
            "query_ids": set(self.query_ids.ids),
            "query_type": self.query_type,
            "languages": {_language_key(code) for code in _split_list(self.languages)},
            "kind": self.kind,
            "keywords": self.keywords,
            "min_influence": self.min_influence,
            "partner_condition": self.partner_condition,
            "business_hours": self.business_hours,
        }

    def _matches(self, mention, facts=None, conditions=None):
        """Whether this rule's conditions all hold for ``mention``.

        Routing runs pass the mention's ``facts`` (``_routing_facts``, read for
        the whole batch in a few queries) and the rule's ``conditions``
        (``_condition_values``); alone, the method reads them itself.
        """
        self.ensure_one()
        rule = conditions or self._condition_values()
        facts = facts or mention._routing_facts()[mention.id]
        if rule["company_id"] != facts["company_id"]:
            return False
        if rule["sentiment"] and facts["sentiment"] != rule["sentiment"]:
            return False
        if rule["min_priority"] and facts["priority"] < rule["min_priority"]:
            return False
        if rule["platform"] and facts["platform"] != rule["platform"]:
            return False
        if rule["query_ids"] and rule["query_ids"].isdisjoint(facts["query_ids"]):
            return False
        if rule["query_type"] and rule["query_type"] not in facts["query_types"]:
            return False
        if rule["languages"] and not _language_in(facts["language"], rule["languages"]):
            return False
        if rule["kind"] and facts["kind"] != rule["kind"]:
            return False
        if rule["keywords"]:
            regex = _keywords_regex(rule["keywords"])
            if "folded_text" not in facts:
                facts["folded_text"] = query_language.fold_text(facts["text"] or "")
            if not regex or not regex.search(facts["folded_text"]):
                return False
        if rule["min_influence"] and facts["influence"] < rule["min_influence"]:
            return False
        if rule["partner_condition"] != "any" and not self._matches_partner(mention):
            return False
        if rule["business_hours"] != "any":
            inside = mention._routing_in_business_hours()
            if inside != (rule["business_hours"] == "inside"):
                return False
        return True

    def _matches_partner(self, mention):
        condition = self.partner_condition
        if condition == "any":
            return True
        partner = mention.partner_id
        if not partner:
            return False
        if condition == "known":
            return True
        if condition == "customer":
            return mention.partner_is_customer
        if condition == "tag":
            tags = partner.category_id | partner.commercial_partner_id.category_id
            return bool(tags & self.partner_tag_ids)
        return True

    # ------------------------------------------------------------- actions
    def _apply(self, mentions):
        """Run this rule's actions on ``mentions`` (which it matched).

        Batched: one write per kind of change. Returns, for each mention id,
        the list of what was done in words, for the routing log.
        """
        self.ensure_one()
        done = {mention.id: [] for mention in mentions}
        if not mentions:
            return done
        self._apply_assignment(mentions, done)
        self._apply_priority(mentions, done)
        self._apply_tags(mentions, done)
        if self.alert or self.escalate:
            alerts = mentions._send_routing_alert(escalate=self.escalate)
            for mention_id, lines in alerts.items():
                done[mention_id].extend(lines)
        return done

    def _apply_assignment(self, mentions, done):
        _ = self.env._
        team = self.assign_team_id
        mode = self.assign_mode
        if mode == "none" and not team:
            return
        taken = mentions.filtered("user_id")
        for mention in taken:
            done[mention.id].append(
                _("already assigned to %(user)s: kept", user=mention.user_id.name)
            )
        free = mentions - taken
        if not free:
            return
        if mode == "user":
            values = {"user_id": self.assign_user_id.id}
            if team:
                values["team_id"] = team.id
            free.write(values)
            for mention in free:
                done[mention.id].append(
                    _("assigned to %(user)s", user=self.assign_user_id.name)
                )
            return
        users = []
        if mode == "round_robin":
            users = team._pick_round_robin(len(free))
        elif mode == "least_loaded":
            users = team._pick_least_loaded(len(free))
        if not users:
            free.write({"team_id": team.id})
            message = (
                _("team set to %(team)s (no member to assign)", team=team.name)
                if mode != "none"
                else _("team set to %(team)s", team=team.name)
            )
            for mention in free:
                done[mention.id].append(message)
            return
        how = self._selection_label("assign_mode")
        by_user = {}
        for mention, user in zip(free, users, strict=True):
            # free.browse(): keeps the routing context (no per-record
            # "you have been assigned" mail; the alert pages them once)
            by_user.setdefault(user, free.browse())
            by_user[user] |= mention
        for user, user_mentions in by_user.items():
            user_mentions.write({"user_id": user.id, "team_id": team.id})
            for mention in user_mentions:
                done[mention.id].append(
                    _(
                        "assigned to %(user)s (%(how)s, %(team)s)",
                        user=user.name,
                        how=how.lower(),
                        team=team.name,
                    )
                )

    def _apply_priority(self, mentions, done):
        _ = self.env._
        target = "3" if self.escalate else self.set_priority
        if not target:
            return
        label = dict(PRIORITIES)[target]
        to_change = mentions.filtered(lambda mention: mention.priority != target)
        to_change.write({"priority": target})
        for mention in to_change:
            if self.escalate:
                done[mention.id].append(_("escalated: priority set to %(p)s", p=label))
            else:
                done[mention.id].append(_("priority set to %(p)s", p=label))

    def _apply_tags(self, mentions, done):
        if not self.tag_ids:
            return
        to_tag = mentions.filtered(lambda mention: self.tag_ids - mention.tag_ids)
        if not to_tag:
            return
        to_tag.write({"tag_ids": [Command.link(tag.id) for tag in self.tag_ids]})
        for mention in to_tag:
            done[mention.id].append(
                self.env._(
                    "tagged %(tags)s", tags=", ".join(self.tag_ids.mapped("name"))
                )
            )

    # ------------------------------------------------------------- buttons
    def action_view_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_crm.social_crm_routing_log_action"
        )
        action["domain"] = [("rule_id", "=", self.id)]
        return action
