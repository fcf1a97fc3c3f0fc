import logging
import re
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.social_crm.models import batched_rows

from ..lib import score_priority, stars_for_priority
from ..lib.adaptation import LABEL_TARGET_SCORES
from ..lib.sentiment import UNSUPPORTED_SOURCE, label_for_score
from ..lib.text_preprocessing import normalize_language_code

_logger = logging.getLogger(__name__)

MANUAL_SOURCE = "manual"
ERROR_SOURCE = "error"
# Context key: ingestion without scoring (benchmarks, bulk imports that the
# cron scores later).
SKIP_SCORING = "social_crm_sentiment_skip_scoring"
# Mention kinds -> the kinds lib/priority.py knows.
PRIORITY_KINDS = {
    "dm": "dm",
    "reply": "reply",
    "comment": "reply",
    "review": "mention",
    "post": "post",
}
# Platform labels that say "no language" (X: und, zxx, qme...) are not hints.
HINT_RE = re.compile(r"^[a-z]{2}$")
NOT_A_LANGUAGE = {"un", "zx", "qm", "qh", "qc", "qs"}
AGREEMENT_DAYS = 30


class SocialCrmMention(models.Model):
    _inherit = "social.crm.mention"

    language_confidence = fields.Float(
        digits=(3, 2),
        readonly=True,
        help="0-1: how sure the language detection is (the platform's own label "
        "is kept unless the text clearly says otherwise).",
    )
    sentiment_intensity = fields.Float(
        digits=(3, 2),
        readonly=True,
        help="0-1: strength of the feeling (score plus emphasis: exclamation "
        "marks, capitals, intensifiers).",
    )
    sentiment_source = fields.Char(
        index=True,
        readonly=True,
        copy=False,
        help="auto:<engine> (with +adapted when the team's corrections changed "
        "it), manual (set by a user, never overwritten by re-scoring), "
        "unsupported (no engine for the language: neutral), error (scoring "
        "failed: re-score to retry). Empty: waiting for the scoring cron.",
    )
    priority_score = fields.Integer(
        readonly=True,
        aggregator="avg",
        help="0-100, from negativity, urgency terms, author influence, customer "
        "value, recency and kind. The stars follow the company's thresholds.",
    )
    priority_reasons = fields.Text(readonly=True)
    sentiment_correction_ids = fields.One2many(
        "social.crm.sentiment.correction", "mention_id", string="Corrections"
    )

    # ------------------------------------------------------------------
    # Manual labels
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [
            dict(vals, sentiment_source=MANUAL_SOURCE)
            if vals.get("sentiment") and "sentiment_source" not in vals
            else vals
            for vals in vals_list
        ]
        return super().create(vals_list)

    def write(self, vals):
        if "sentiment" in vals:
            return self._write_manual_sentiment(vals)
        return super().write(vals)

    def _write_manual_sentiment(self, vals):
        """A user sets the label: record the correction, keep the label for
        good (source ``manual``), and refresh the priority."""
        new_label = vals["sentiment"] or False
        if not new_label:
            # Clearing the label hands the mention back to the scorer.
            return super().write(dict(vals, sentiment_source=False))
        corrections = [
            {
                "mention_id": mention.id,
                "company_id": mention.company_id.id or self.env.company.id,
                "text": mention.text,
                "language": mention.language,
                "old_label": mention.sentiment,
                "new_label": new_label,
                "old_score": mention.sentiment_score,
                "old_source": mention.sentiment_source,
            }
            for mention in self
            if mention.sentiment and mention.sentiment != new_label
        ]
        result = super().write(dict(vals, sentiment_source=MANUAL_SOURCE))
        if "sentiment_score" not in vals:
            disagreeing = self.filtered(
                lambda mention: label_for_score(mention.sentiment_score) != new_label
            )
            disagreeing.write({"sentiment_score": LABEL_TARGET_SCORES[new_label]})
        if corrections:
            self.env["social.crm.sentiment.correction"].create(corrections)
        self._score_mentions()
        return result

    # ------------------------------------------------------------------
    # Scoring: one business method for ingestion, cron and Re-score
    # ------------------------------------------------------------------
    @api.model
    def _prepare_new_mentions(self, vals_list):
        # Scored before the INSERT: the scores are stored with the rows, with
        # no UPDATE of every new mention afterwards.
        vals_list = super()._prepare_new_mentions(vals_list)
        if self.env.context.get(SKIP_SCORING) or not vals_list:
            return vals_list
        identities = self.env["social.crm.identity"].browse(
            {vals["identity_id"] for vals in vals_list if vals.get("identity_id")}
        )
        influence = {identity.id: identity.influence_score for identity in identities}
        companies = self.env["res.company"].browse(
            {vals["company_id"] for vals in vals_list}
        )
        facts = [
            {
                "id": vals.get("external_id"),
                "text": vals.get("text"),
                "language": vals.get("language"),
                "sentiment_source": False,
                "posted_at": vals.get("posted_at"),
                "kind": vals.get("kind"),
                "company": companies.browse(vals["company_id"]),
                "partner_id": vals.get("partner_id") or False,
                "influence": influence.get(vals.get("identity_id"), 0),
            }
            for vals in vals_list
        ]
        customer_values = self._social_crm_customer_values_of(
            {(fact["partner_id"], fact["company"].id) for fact in facts}
        )
        results = self._social_crm_score_facts(facts, customer_values)
        return [
            dict(vals, **result)
            for vals, result in zip(vals_list, results, strict=True)
        ]

    def _changed_values(self, values):
        # An edited text waits for scoring again (unless a user set the label).
        updates = super()._changed_values(values)
        if "text" in updates and self.sentiment_source != MANUAL_SOURCE:
            updates["sentiment_source"] = False
        return updates

    def _after_ingest(self):
        # Score first: the other addons' follow-ups in this hook (helpdesk
        # tickets, routing) need the sentiment and priority, whatever the
        # order in which the addons were installed. New mentions were scored
        # before their INSERT; edited ones wait here.
        if not self.env.context.get(SKIP_SCORING):
            self.filtered(
                lambda mention: not mention.sentiment_source
            )._score_mentions()
        return super()._after_ingest()

    def _score_mentions(self):
        """Detect the language, score the sentiment (unless a user set it) and
        the priority of the mentions in ``self``, in one batch.

        A fixed number of queries reads everything (mentions, authors,
        partners, customer values, company settings); the results are put in
        the cache and flushed by the ORM as grouped ``UPDATE ... FROM (VALUES
        ...)``. A mention that cannot be scored gets the source ``error`` (and
        leaves the cron's pending domain).
        """
        if not self:
            return
        # callers checked the access rights: no write() per mention (access
        # check, tracking, correction logic)
        batched_rows.write_rows(self, self._social_crm_compute_scores())

    def _social_crm_compute_scores(self):
        """One dict of new values per mention of ``self``, in order."""
        self.fetch(
            [
                "text",
                "language",
                "sentiment",
                "sentiment_score",
                "sentiment_intensity",
                "sentiment_source",
                "posted_at",
                "kind",
                "company_id",
                "identity_id",
                "partner_id",
            ]
        )
        self.identity_id.fetch(["influence_score"])
        facts = [
            {
                "id": mention.id,
                "text": mention.text,
                "language": mention.language,
                "sentiment_source": mention.sentiment_source,
                "sentiment_score": mention.sentiment_score,
                "sentiment_intensity": mention.sentiment_intensity,
                "posted_at": mention.posted_at,
                "kind": mention.kind,
                "company": mention.company_id or self.env.company,
                "partner_id": mention.partner_id.id,
                "influence": mention.identity_id.influence_score,
            }
            for mention in self
        ]
        return self._social_crm_score_facts(facts, self._social_crm_customer_values())

    @api.model
    def _social_crm_score_facts(self, facts, customer_values):
        """New values for each of ``facts`` (what scoring reads of a mention,
        stored or about to be), in order; the engines are set up once per
        company."""
        now = fields.Datetime.now()
        by_company = defaultdict(list)
        for index, fact in enumerate(facts):
            by_company[fact["company"]].append(index)
        results = [None] * len(facts)
        for company, indexes in by_company.items():
            try:
                config = (
                    company._social_crm_language_detector(),
                    company._social_crm_sentiment_analyzer(),
                    company._social_crm_sentiment_adaptation(),
                    company._social_crm_priority_thresholds(),
                )
            except Exception:
                _logger.warning(
                    "Sentiment scoring is not available for company %s",
                    company.id,
                    exc_info=True,
                )
                for index in indexes:
                    results[index] = {"sentiment_source": ERROR_SOURCE}
                continue
            for index in indexes:
                fact = facts[index]
                try:
                    results[index] = self._social_crm_score_fact(
                        fact,
                        config,
                        customer_values.get((fact["partner_id"], company.id), 0.0),
                        now,
                    )
                except Exception:
                    _logger.warning(
                        "Could not score mention %s", fact["id"], exc_info=True
                    )
                    results[index] = {"sentiment_source": ERROR_SOURCE}
        return results

    @api.model
    def _social_crm_score_fact(self, fact, config, customer_value, now):
        detector, analyzer, adaptation, thresholds = config
        text = fact["text"] or ""
        hint = normalize_language_code(fact["language"])
        if hint and (not HINT_RE.match(hint) or hint in NOT_A_LANGUAGE):
            hint = None
        language, confidence = detector.detect(text, hint=hint)
        language = language or hint
        values = {
            "language": language or False,
            "language_confidence": confidence,
        }
        if fact["sentiment_source"] == MANUAL_SOURCE:
            score, intensity = fact["sentiment_score"], fact["sentiment_intensity"]
        else:
            result = analyzer.analyze(text, language, adaptation)
            score, intensity = result.score, result.intensity
            values.update(
                sentiment=result.label,
                sentiment_score=result.score,
                sentiment_intensity=result.intensity,
                sentiment_source=result.source,
            )
        posted_at = fact["posted_at"]
        hours = (now - posted_at).total_seconds() / 3600 if posted_at else 0
        priority, reasons = score_priority(
            score=score,
            intensity=intensity,
            text=text,
            language=language,
            influence=fact["influence"],
            customer_value=customer_value,
            hours_since_posted=max(hours, 0.0),
            kind=PRIORITY_KINDS.get(fact["kind"], "post"),
        )
        values.update(
            priority_score=priority,
            priority_reasons="\n".join(reasons) or False,
            priority=stars_for_priority(priority, thresholds),
        )
        return values

    def _social_crm_customer_values(self):
        """``{(partner id, company id): value}`` for the mentions' contacts
        (see ``_social_crm_customer_values_of``)."""
        return self._social_crm_customer_values_of(
            {
                (mention.partner_id.id, (mention.company_id or self.env.company).id)
                for mention in self
                if mention.partner_id
            }
        )

    @api.model
    def _social_crm_customer_values_of(self, pairs):
        """``{(partner id, company id): value}`` for ``pairs`` of contact and
        company: expected revenue of open opportunities (``crm``) plus
        confirmed sales (``sale``), of the contact and of its commercial
        entity. One aggregate query per installed module, whatever the number
        of mentions.

        Read as superuser: only this aggregate feeds the priority, which must
        not depend on who triggers the scoring.
        """
        pairs = {
            (partner_id, company_id) for partner_id, company_id in pairs if partner_id
        }
        if not pairs or not ("crm.lead" in self.env or "sale.order" in self.env):
            return {}
        partners = self.env["res.partner"].browse(
            {partner_id for partner_id, _c in pairs}
        )
        commercial = {
            partner.id: partner.commercial_partner_id.id for partner in partners
        }
        partner_ids = list(set(commercial) | set(commercial.values()))
        totals = defaultdict(float)
        if "crm.lead" in self.env:
            groups = (
                self.env["crm.lead"]
                .sudo()
                ._read_group(
                    [
                        ("partner_id", "in", partner_ids),
                        ("type", "=", "opportunity"),
                        ("probability", "<", 100),
                    ],
                    ["partner_id", "company_id"],
                    ["expected_revenue:sum"],
                )
            )
            for partner, company, revenue in groups:
                totals[partner.id, company.id] += revenue or 0.0
        if "sale.order" in self.env:
            groups = (
                self.env["sale.order"]
                .sudo()
                ._read_group(
                    [("partner_id", "in", partner_ids), ("state", "=", "sale")],
                    ["partner_id", "company_id"],
                    ["amount_untaxed:sum"],
                )
            )
            for partner, company, amount in groups:
                totals[partner.id, company.id] += amount or 0.0
        return {
            (partner_id, company_id): sum(
                totals[key, company]
                for key in {partner_id, commercial[partner_id]}
                for company in (company_id, False)
            )
            for partner_id, company_id in pairs
        }

    @api.model
    def _score_pending_domain(self):
        return [("sentiment_source", "=", False)]

    @api.model
    def _cron_score_pending(self, batch_size=2000):
        """Score one batch of mentions that were never scored."""
        domain = self._score_pending_domain()
        mentions = self.search(domain, limit=batch_size, order="id")
        mentions._score_mentions()
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(mentions), remaining=remaining)

    def action_rescore(self):
        """Re-run language, sentiment and priority scoring; manual labels stay."""
        self.check_access("write")
        self._score_mentions()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s mention(s) re-scored; labels set by users were kept.",
                    count=len(self),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # Reporting
    # ------------------------------------------------------------------
    @api.model
    def _social_crm_sentiment_agreement(self, company, days=AGREEMENT_DAYS):
        """Automatic labels the team kept over the last ``days``:
        ``(scored, corrected, rate)`` with ``rate = 1 - corrected / scored``."""
        since = fields.Datetime.now() - timedelta(days=days)
        [(scored,)] = self._read_group(
            [
                ("company_id", "=", company.id),
                ("create_date", ">=", since),
                ("sentiment_source", "!=", False),
                ("sentiment_source", "not in", (UNSUPPORTED_SOURCE, ERROR_SOURCE)),
            ],
            aggregates=["__count"],
        )
        [(corrected,)] = self.env["social.crm.sentiment.correction"]._read_group(
            [
                ("company_id", "=", company.id),
                ("date", ">=", since),
                ("old_source", "=like", "auto:%"),
            ],
            aggregates=["mention_id:count_distinct"],
        )
        rate = max(0.0, 1.0 - corrected / scored) if scored else 0.0
        return scored, corrected, rate
