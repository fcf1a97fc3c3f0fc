from datetime import UTC, datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from .common import SentimentCommon


@tagged("post_install", "-at_install")
class TestPriority(SentimentCommon):
    def reasons(self, mention):
        return (mention.priority_reasons or "").split("\n")

    def test_negative_urgent_influential_recent_message_is_top_priority(self):
        calm = self.score("Nice weather for a walk with my Acme headphones today")
        urgent = self.score(
            "My Acme order never arrived and I was charged twice. I want a refund!",
            author_id="7001",
            followers=2_000_000,
            posted_at=datetime.now(UTC) - timedelta(hours=2),
            kind="dm",
        )
        self.assertLess(calm.priority_score, 25)
        self.assertEqual(calm.priority, "0")
        self.assertGreaterEqual(urgent.identity_id.influence_score, 50)
        reasons = self.reasons(urgent)
        self.assertTrue(
            any(r.startswith("negative sentiment") for r in reasons), reasons
        )
        self.assertIn("urgency term: refund", reasons)
        self.assertIn("urgency term: never arrived", reasons)
        self.assertTrue(
            any(r.startswith("influential author") for r in reasons), reasons
        )
        self.assertIn("posted 2 h ago", reasons)
        self.assertIn("direct message", reasons)
        self.assertGreaterEqual(urgent.priority_score, 50)
        self.assertIn(urgent.priority, ("2", "3"))
        self.assertGreater(urgent.priority_score, calm.priority_score + 40)

    def test_urgency_terms_per_language(self):
        ja = self.score("注文した商品が届かない。至急返金してください")
        self.assertIn("urgency term: 返金", self.reasons(ja))
        self.assertIn("urgency term: 至急", self.reasons(ja))
        es = self.score("El altavoz llegó roto, quiero un reembolso urgente")
        self.assertIn("urgency term: reembolso", self.reasons(es))

    def test_influence_raises_priority(self):
        text = "Acme speaker arrived today"
        small = self.score(text, author_id="7101", followers=3)
        big = self.score(text, author_id="7102", followers=5_000_000)
        self.assertGreater(big.priority_score, small.priority_score)
        self.assertFalse(any(r.startswith("influential") for r in self.reasons(small)))

    def test_customer_value_reason(self):
        mention = self.score("The Acme hub keeps disconnecting")
        partner = self.env["res.partner"].create({"name": "Big Customer"})
        mention.identity_id.partner_id = partner
        self.assertEqual(mention.partner_id, partner)
        key = (partner.id, self.company.id)
        expected = 0.0
        if "crm.lead" in self.env:
            self.env["crm.lead"].create(
                {
                    "name": "Renewal",
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "expected_revenue": 50_000,
                }
            )
            expected = 50_000.0
        if "sale.order" not in self.env:
            self.assertEqual(
                mention._social_crm_customer_values().get(key, 0.0), expected
            )
        before = mention.priority_score
        with patch.object(
            type(self.Mention),
            "_social_crm_customer_values",
            lambda mentions: {key: 50_000.0},
        ):
            mention.action_rescore()
        self.assertIn("customer value 50,000", self.reasons(mention))
        self.assertGreater(mention.priority_score, before + 10)

    def test_company_thresholds_map_to_stars(self):
        mention = self.score("The app is broken, I want a refund now")
        score = mention.priority_score
        self.assertGreater(score, 10)
        self.company.write(
            {
                "social_crm_priority_threshold_1": score - 2,
                "social_crm_priority_threshold_2": score - 1,
                "social_crm_priority_threshold_3": score,
            }
        )
        mention.action_rescore()
        self.assertEqual(mention.priority, "3")
        self.company.write(
            {
                "social_crm_priority_threshold_3": 100,
                "social_crm_priority_threshold_2": 99,
            }
        )
        mention.action_rescore()
        self.assertEqual(mention.priority, "1")

    def test_manual_correction_refreshes_priority(self):
        mention = self.score(
            "Acme is sick, this changes everything",
            posted_at=fields.Datetime.now() - timedelta(days=10),
        )
        mention.write({"sentiment": "positive"})
        low = mention.priority_score
        mention.write({"sentiment": "negative"})
        self.assertGreater(mention.priority_score, low)
        self.assertTrue(
            any(r.startswith("negative sentiment") for r in self.reasons(mention))
        )
