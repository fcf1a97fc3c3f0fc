from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SentimentCommon


@tagged("post_install", "-at_install")
class TestAccess(SentimentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.other_user = new_test_user(
            cls.env,
            login="social_user_other",
            groups="base.group_user,social_crm.group_social_crm_user",
            company_id=cls.other_company.id,
            company_ids=[cls.other_company.id],
        )

    def test_user_corrects_and_cannot_delete(self):
        mention = self.score("Acme is the worst, broken again")
        mention.with_user(self.user).write({"sentiment": "neutral"})
        correction = self.Correction.with_user(self.user).search(
            [("mention_id", "=", mention.id)]
        )
        self.assertEqual(len(correction), 1)
        self.assertEqual(correction.user_id, self.user)
        with self.assertRaises(AccessError):
            correction.with_user(self.user).unlink()
        with self.assertRaises(AccessError):
            correction.with_user(self.user).write({"new_label": "positive"})
        correction.with_user(self.manager).unlink()
        self.assertFalse(correction.exists())

    def test_user_can_rescore(self):
        mention = self.score("Acme is great")
        result = mention.with_user(self.user).action_rescore()
        self.assertEqual(result["type"], "ir.actions.client")

    def test_other_company_never_sees_corrections(self):
        mention = self.score("Acme is the worst")
        mention.with_user(self.user).write({"sentiment": "positive"})
        self.assertEqual(self.Correction.with_user(self.user).search_count([]), 1)
        self.assertFalse(self.Correction.with_user(self.other_user).search([]))
        correction = mention.sentiment_correction_ids
        with self.assertRaises(AccessError):
            correction.with_user(self.other_user).read(["text"])
        # nor the company's learned adaptation
        with self.assertRaises(AccessError):
            self.company.with_user(self.user).read(["social_crm_sentiment_adaptation"])

    def test_corrections_learned_per_company(self):
        other_account = self.env["social.crm.account"].create(
            {
                "name": "Other on X",
                "platform": "x",
                "handle": "other",
                "company_id": self.other_company.id,
            }
        )
        text = "Well that was sick!!"
        self.score(text).write({"sentiment": "positive"})
        self.assertEqual(self.score(text).sentiment, "positive")
        other = self.ingest([self.post(text)], account=other_account)
        self.assertEqual(other.company_id, self.other_company)
        self.assertEqual(other.sentiment, "negative")
