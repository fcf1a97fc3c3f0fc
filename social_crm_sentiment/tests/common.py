import itertools
from datetime import UTC, datetime

from odoo.addons.social_crm.tests.common import SocialCrmCommon

_post_ids = itertools.count(500_000)


class SentimentCommon(SocialCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Mention = cls.env["social.crm.mention"]
        cls.Correction = cls.env["social.crm.sentiment.correction"]
        cls.company.write(
            {
                "social_crm_sentiment_languages": "en,ja,es,fr,de,pt",
                "social_crm_sentiment_en_engine": "ensemble",
            }
        )

    def post(self, text, **extra):
        """One normalized post with a fresh id (kept under 1000 minutes of
        SocialCrmCommon's fixed posting time unless ``posted_at`` is given)."""
        extra.setdefault("posted_at", datetime(2026, 11, 1, 12, 0, tzinfo=UTC))
        return self.make_post(str(next(_post_ids)), text, **extra)

    def score(self, text, **extra):
        """Ingest one post (scored in the ingestion batch); return the mention."""
        return self.ingest([self.post(text, **extra)])
