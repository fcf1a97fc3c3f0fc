import functools
import logging
import re
import threading
from collections import OrderedDict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import Adaptation, LanguageDetector, SentimentAnalyzer
from ..lib.text_preprocessing import normalize_language_code

_logger = logging.getLogger(__name__)

DEFAULT_LANGUAGES = "en,ja,es,fr,de,pt"
LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}$")
ENGLISH_ENGINES = [
    ("ensemble", "Ensemble (VADER + TextBlob)"),
    ("vader", "VADER"),
    ("textblob", "TextBlob"),
]
# Corrections learned per company: the most recent ones, to keep rebuilds cheap.
MAX_LEARNED_CORRECTIONS = 5000
_ADAPTATION_CACHE_SIZE = 32
_adaptation_cache = OrderedDict()
_adaptation_cache_lock = threading.Lock()


@functools.lru_cache(maxsize=32)
def _language_detector(languages):
    return LanguageDetector(allowed_languages=languages)


@functools.lru_cache(maxsize=8)
def _sentiment_analyzer(english_engine):
    return SentimentAnalyzer(engines={"en": english_engine})


def parse_language_codes(value):
    """``"en, JA,pt-BR"`` -> ``("en", "ja", "pt")`` (order kept, no duplicates)."""
    codes = (normalize_language_code(item) for item in (value or "").split(","))
    return tuple(dict.fromkeys(code for code in codes if code))


class ResCompany(models.Model):
    _inherit = "res.company"

    social_crm_sentiment_languages = fields.Char(
        string="Enabled Languages",
        default=DEFAULT_LANGUAGES,
        help="Comma-separated ISO 639-1 codes: language detection only chooses "
        "among these (plus the platform's own label). Sentiment engines exist "
        "for en, ja, es, fr, de and pt; other languages are stored as neutral "
        "with the source 'unsupported'.",
    )
    social_crm_sentiment_en_engine = fields.Selection(
        ENGLISH_ENGINES,
        string="English Sentiment Engine",
        default="ensemble",
        required=True,
    )
    social_crm_priority_threshold_1 = fields.Integer(string="One Star From", default=20)
    social_crm_priority_threshold_2 = fields.Integer(
        string="Two Stars From", default=40
    )
    social_crm_priority_threshold_3 = fields.Integer(
        string="Three Stars From", default=70
    )
    # Learned from the corrections (social.crm.sentiment.correction), rebuilt
    # lazily by the scorer when the corrections' signature changes.
    social_crm_sentiment_adaptation = fields.Json(
        string="Sentiment Adaptation",
        prefetch=False,
        copy=False,
        groups="base.group_system",
    )
    social_crm_sentiment_adaptation_signature = fields.Char(
        prefetch=False, copy=False, groups="base.group_system"
    )

    @api.constrains("social_crm_sentiment_languages")
    def _check_social_crm_sentiment_languages(self):
        for company in self:
            raw = company.social_crm_sentiment_languages or ""
            items = [item.strip() for item in raw.split(",") if item.strip()]
            if not items:
                raise ValidationError(
                    self.env._("Enable at least one language for sentiment analysis.")
                )
            wrong = [
                item
                for item in items
                if not LANGUAGE_CODE_RE.match(normalize_language_code(item) or "")
            ]
            if wrong:
                raise ValidationError(
                    self.env._(
                        "Enabled languages must be ISO 639-1 codes separated by "
                        "commas, such as %(example)s; not valid: %(wrong)s",
                        example=DEFAULT_LANGUAGES,
                        wrong=", ".join(wrong),
                    )
                )

    @api.constrains(
        "social_crm_priority_threshold_1",
        "social_crm_priority_threshold_2",
        "social_crm_priority_threshold_3",
    )
    def _check_social_crm_priority_thresholds(self):
        for company in self:
            thresholds = company._social_crm_priority_thresholds()
            if not (0 <= thresholds[0] <= thresholds[1] <= thresholds[2] <= 100):
                raise ValidationError(
                    self.env._(
                        "Priority thresholds must rise from one star to three "
                        "stars, between 0 and 100."
                    )
                )

    # ------------------------------------------------------------------
    # Scoring configuration
    # ------------------------------------------------------------------
    def _social_crm_priority_thresholds(self):
        self.ensure_one()
        return (
            self.social_crm_priority_threshold_1,
            self.social_crm_priority_threshold_2,
            self.social_crm_priority_threshold_3,
        )

    def _social_crm_language_detector(self):
        self.ensure_one()
        return _language_detector(
            parse_language_codes(self.social_crm_sentiment_languages)
        )

    def _social_crm_sentiment_analyzer(self):
        self.ensure_one()
        return _sentiment_analyzer(self.social_crm_sentiment_en_engine or "ensemble")

    def _social_crm_corrections_signature(self):
        """Changes whenever a correction of the company is created, edited or
        deleted: one aggregate query."""
        self.ensure_one()
        [(count, max_id, last_write)] = (
            self.env["social.crm.sentiment.correction"]
            .sudo()
            ._read_group(
                [("company_id", "=", self.id)],
                aggregates=["__count", "id:max", "write_date:max"],
            )
        )
        if not count:
            return "0"
        return f"{count}-{max_id}-{fields.Datetime.to_string(last_write)}"

    def _social_crm_sentiment_adaptation(self):
        """The company's ``Adaptation`` (None without corrections).

        Technical data derived from the corrections: read and stored with
        ``sudo`` (the scorer runs for users who may not write companies). The
        JSON is rebuilt only when the corrections' signature changed, and parsed
        once per process and signature.
        """
        self.ensure_one()
        company = self.sudo()
        signature = company._social_crm_corrections_signature()
        if signature == "0":
            return None
        if company.social_crm_sentiment_adaptation_signature != signature:
            company._social_crm_rebuild_adaptation(signature)
        key = (self.env.cr.dbname, company.id, signature)
        with _adaptation_cache_lock:
            adaptation = _adaptation_cache.get(key)
            if adaptation is not None:
                _adaptation_cache.move_to_end(key)
                return adaptation
        adaptation = Adaptation.from_dict(company.social_crm_sentiment_adaptation)
        with _adaptation_cache_lock:
            _adaptation_cache[key] = adaptation
            while len(_adaptation_cache) > _ADAPTATION_CACHE_SIZE:
                _adaptation_cache.popitem(last=False)
        return adaptation

    def _social_crm_rebuild_adaptation(self, signature):
        self.ensure_one()
        corrections = self.env["social.crm.sentiment.correction"].search_fetch(
            [("company_id", "=", self.id)],
            ["text", "language", "old_label", "new_label"],
            order="date desc, id desc",
            limit=MAX_LEARNED_CORRECTIONS,
        )
        adaptation = Adaptation.from_corrections(
            [
                {
                    "text": correction.text,
                    "language": correction.language,
                    "old_label": correction.old_label,
                    "new_label": correction.new_label,
                }
                # oldest first: the most recent correction of a text wins
                for correction in reversed(corrections)
            ]
        )
        self.write(
            {
                "social_crm_sentiment_adaptation": adaptation.to_dict(),
                "social_crm_sentiment_adaptation_signature": signature,
            }
        )
        _logger.info(
            "Sentiment adaptation of company %s rebuilt from %s corrections",
            self.id,
            len(corrections),
        )
