from odoo.tests import tagged

from .common import SentimentCommon


@tagged("post_install", "-at_install")
class TestCorrections(SentimentCommon):
    def test_user_change_creates_correction_and_marks_manual(self):
        mention = self.score("The support team was terrible")
        self.assertEqual(mention.sentiment, "negative")
        old_score = mention.sentiment_score
        old_source = mention.sentiment_source
        mention.with_user(self.user).write({"sentiment": "neutral"})
        self.assertEqual(mention.sentiment, "neutral")
        self.assertEqual(mention.sentiment_source, "manual")
        self.assertAlmostEqual(mention.sentiment_score, 0.0)
        correction = mention.sentiment_correction_ids
        self.assertEqual(len(correction), 1)
        self.assertRecordValues(
            correction,
            [
                {
                    "company_id": self.company.id,
                    "user_id": self.user.id,
                    "text": mention.text,
                    "language": "en",
                    "old_label": "negative",
                    "new_label": "neutral",
                    "old_score": old_score,
                    "old_source": old_source,
                }
            ],
        )
        self.assertTrue(correction.date)

    def test_same_label_confirms_without_correction(self):
        mention = self.score("I love this, best purchase ever")
        mention.write({"sentiment": "positive"})
        self.assertEqual(mention.sentiment_source, "manual")
        self.assertFalse(mention.sentiment_correction_ids)

    def test_clearing_the_label_hands_it_back_to_the_scorer(self):
        mention = self.score("I love this, best purchase ever")
        mention.write({"sentiment": "negative"})
        mention.write({"sentiment": False})
        self.assertFalse(mention.sentiment_source)
        self.Mention._cron_score_pending()
        # scored again, with what the correction taught (same text: same label)
        self.assertEqual(mention.sentiment_source, "auto:ensemble+adapted")
        self.assertEqual(mention.sentiment, "negative")

    def test_manual_labels_survive_rescore_and_reingestion(self):
        mention = self.score("The new update is sick, insane combos everywhere")
        mention.write({"sentiment": "positive"})
        mention.write({"sentiment_score": 0.7})
        other = self.score("The support was terrible and slow")
        (mention | other).action_rescore()
        self.assertEqual(mention.sentiment, "positive")
        self.assertEqual(mention.sentiment_source, "manual")
        self.assertEqual(mention.sentiment_score, 0.7)
        self.assertEqual(other.sentiment, "negative")
        # the platform edits the text: the mention is re-scored, the label stays
        post = self.post(mention.text + " really", posted_at=mention.posted_at)
        post["external_id"] = mention.external_id
        self.ingest([post])
        self.assertEqual(mention.sentiment, "positive")
        self.assertEqual(mention.sentiment_source, "manual")

    def test_correction_changes_later_score_of_similar_text(self):
        # A gaming company: "war zone" is not a complaint there.
        text = "The new arena is a war zone out there"
        before = self.score(text)
        self.assertEqual(before.sentiment, "negative")
        for sample in (
            "This map is a total war zone lol",
            "Ranked tonight was a war zone",
        ):
            self.score(sample).with_user(self.user).write({"sentiment": "neutral"})
        after = self.score(text)
        self.assertEqual(after.sentiment, "neutral")
        self.assertTrue(after.sentiment_source.endswith("+adapted"))
        self.assertGreater(after.sentiment_score, before.sentiment_score + 0.2)
        # the earlier mention changes too when re-scored; unrelated texts do not
        before.action_rescore()
        self.assertEqual(before.sentiment, "neutral")
        unrelated = self.score("The support team was terrible")
        self.assertEqual(unrelated.sentiment, "negative")
        self.assertNotIn("+adapted", unrelated.sentiment_source)

    def test_single_correction_shifts_a_similar_text(self):
        text = "that combo is insane"
        before = self.score(text).sentiment_score
        self.score("sick skin drop, insane combo").write({"sentiment": "positive"})
        self.assertGreater(self.score(text).sentiment_score, before)

    def test_adaptation_stored_per_company_and_rebuilt_on_change(self):
        company = self.company.sudo()
        self.assertFalse(self.Correction.search([("company_id", "=", company.id)]))
        mention = self.score("Well that was sick!!")
        mention.write({"sentiment": "positive"})
        repost = self.score("Well that was sick!!")
        self.assertEqual(repost.sentiment, "positive")
        signature = company.social_crm_sentiment_adaptation_signature
        self.assertTrue(signature)
        self.assertIn("en", company.social_crm_sentiment_adaptation["exact_labels"])
        # no change: no rebuild
        self.score("hello there")
        self.assertEqual(company.social_crm_sentiment_adaptation_signature, signature)
        # deleting the corrections forgets what was learned
        mention.sentiment_correction_ids.unlink()
        self.assertEqual(self.score("Well that was sick!!").sentiment, "negative")

    def test_agreement_rate(self):
        mentions = self.ingest(
            [self.post(f"I really like product number {n}") for n in range(4)]
        )
        mentions[0].write({"sentiment": "negative"})
        scored, corrected, rate = self.Mention._social_crm_sentiment_agreement(
            self.company
        )
        self.assertGreaterEqual(scored, 4)
        self.assertEqual(corrected, 1)
        self.assertAlmostEqual(rate, 1 - 1 / scored)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.social_crm_sentiment_corrected_count, 1)
        self.assertAlmostEqual(settings.social_crm_sentiment_agreement_rate, rate)
        action = settings.action_social_crm_sentiment_corrections()
        self.assertEqual(action["res_model"], "social.crm.sentiment.correction")

    def test_label_given_at_creation_is_manual(self):
        mention = self.Mention.create(
            {
                "account_id": self.account.id,
                "external_id": "imported-1",
                "text": "Imported with a label from the old tool",
                "posted_at": "2026-11-01 10:00:00",
                "sentiment": "negative",
            }
        )
        self.assertEqual(mention.sentiment_source, "manual")
        mention.action_rescore()
        self.assertEqual(mention.sentiment, "negative")
        self.assertFalse(mention.sentiment_correction_ids)
