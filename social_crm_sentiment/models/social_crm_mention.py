import logging
import re
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

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
    def _after_ingest(self):
        # Score first: the other addons' follow-ups in this hook (helpdesk
        # tickets, routing) need the sentiment and priority, whatever the
        # order in which the addons were installed.
        if not self.env.context.get(SKIP_SCORING):
            self._score_mentions()
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
        self._social_crm_write_scores(self._social_crm_compute_scores())

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
        customer_values = self._social_crm_customer_values()
        now = fields.Datetime.now()
        mentions = list(self)
        by_company = defaultdict(list)
        for index, mention in enumerate(mentions):
            by_company[mention.company_id or self.env.company].append(index)
        results = [None] * len(mentions)
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
                mention = mentions[index]
                try:
                    results[index] = mention._social_crm_score_values(
                        config,
                        customer_values.get((mention.partner_id.id, company.id), 0.0),
                        now,
                    )
                except Exception:
                    _logger.warning(
                        "Could not score mention %s", mention.id, exc_info=True
                    )
                    results[index] = {"sentiment_source": ERROR_SOURCE}
        return results

    def _social_crm_score_values(self, config, customer_value, now):
        detector, analyzer, adaptation, thresholds = config
        text = self.text or ""
        hint = normalize_language_code(self.language)
        if hint and (not HINT_RE.match(hint) or hint in NOT_A_LANGUAGE):
            hint = None
        language, confidence = detector.detect(text, hint=hint)
        language = language or hint
        values = {
            "language": language or False,
            "language_confidence": confidence,
        }
        if self.sentiment_source == MANUAL_SOURCE:
            score, intensity = self.sentiment_score, self.sentiment_intensity
        else:
            result = analyzer.analyze(text, language, adaptation)
            score, intensity = result.score, result.intensity
            values.update(
                sentiment=result.label,
                sentiment_score=result.score,
                sentiment_intensity=result.intensity,
                sentiment_source=result.source,
            )
        hours = (now - self.posted_at).total_seconds() / 3600 if self.posted_at else 0
        priority, reasons = score_priority(
            score=score,
            intensity=intensity,
            text=text,
            language=language,
            influence=self.identity_id.influence_score,
            customer_value=customer_value,
            hours_since_posted=max(hours, 0.0),
            kind=PRIORITY_KINDS.get(self.kind, "post"),
        )
        values.update(
            priority_score=priority,
            priority_reasons="\n".join(reasons) or False,
            priority=stars_for_priority(priority, thresholds),
        )
        return values

    def _social_crm_write_scores(self, values_list):
        """Put the scores in the cache, one call per field for the whole batch,
        marked to be written: no ``write()`` per record (no per-record access
        check, tracking or correction logic). The ORM flushes them as grouped
        UPDATEs (100 rows each). Callers checked the access rights."""
        cache = self.env.cache
        names = sorted({name for values in values_list for name in values})
        for name in names:
            field = self._fields[name]
            ids, cache_values = [], []
            for mention, values in zip(self, values_list, strict=True):
                if name in values:
                    ids.append(mention.id)
                    cache_values.append(field.convert_to_cache(values[name], mention))
            cache.update(self.browse(ids), field, cache_values, dirty=True)
        self.modified(names)

    def _social_crm_customer_values(self):
        """``{(partner id, company id): value}`` for the mentions' contacts:
        expected revenue of open opportunities (``crm``) plus confirmed sales
        (``sale``), of the contact and of its commercial entity. One aggregate
        query per installed module, whatever the number of mentions.

        Read as superuser: only this aggregate feeds the priority, which must
        not depend on who triggers the scoring.
        """
        partners = self.partner_id
        if not partners or not ("crm.lead" in self.env or "sale.order" in self.env):
            return {}
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
        values = {}
        for mention in self:
            partner_id = mention.partner_id.id
            company_id = (mention.company_id or self.env.company).id
            if not partner_id or (partner_id, company_id) in values:
                continue
            keys = {partner_id, commercial[partner_id]}
            values[partner_id, company_id] = sum(
                totals[key, company] for key in keys for company in (company_id, False)
            )
        return values

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
