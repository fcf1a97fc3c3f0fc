from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.social_crm_sentiment.lib.sentiment import SentimentAnalyzer

from .common import SentimentCommon

SKIP = {"social_crm_sentiment_skip_scoring": True}


@tagged("post_install", "-at_install")
class TestCron(SentimentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Start from an empty queue: demo mentions are scored once here.
        cls.env["social.crm.mention"]._cron_score_pending(batch_size=100_000)

    def ingest_unscored(self, texts):
        return self.Mention.with_context(**SKIP)._ingest_posts(
            self.account, [self.post(text) for text in texts]
        )

    def test_cron_scores_one_batch_and_reports_progress(self):
        mentions = self.ingest_unscored([f"I love Acme gadget {n}" for n in range(5)])
        pending = self.Mention._score_pending_domain()
        self.assertEqual(self.Mention.search(pending), mentions)
        cron = self.env.ref("social_crm_sentiment.ir_cron_score_pending_mentions")
        self.assertEqual(cron.code, "model._cron_score_pending()")
        with patch.object(
            type(self.env["ir.cron"]), "_notify_progress", autospec=True
        ) as notify:
            self.Mention._cron_score_pending(batch_size=3)
            self.assertEqual(notify.call_args.kwargs, {"done": 3, "remaining": 2})
            self.Mention._cron_score_pending(batch_size=3)
            self.assertEqual(notify.call_args.kwargs, {"done": 2, "remaining": 0})
            self.Mention._cron_score_pending(batch_size=3)
            self.assertEqual(notify.call_args.kwargs, {"done": 0, "remaining": 0})
        self.assertFalse(self.Mention.search(pending))
        self.assertEqual(set(mentions.mapped("sentiment")), {"positive"})

    def test_failed_scoring_leaves_the_pending_domain(self):
        mentions = self.ingest_unscored(["I love it", "EXPLODE please", "Great stuff"])
        original = SentimentAnalyzer.analyze

        def analyze(analyzer, text, language, adaptation=None):
            if "EXPLODE" in text:
                raise RuntimeError("engine crashed")
            return original(analyzer, text, language, adaptation)

        with (
            patch.object(SentimentAnalyzer, "analyze", analyze),
            mute_logger("odoo.addons.social_crm_sentiment.models.social_crm_mention"),
        ):
            self.Mention._cron_score_pending()
        broken = mentions.filtered(lambda m: "EXPLODE" in m.text)
        self.assertEqual(broken.sentiment_source, "error")
        self.assertEqual((mentions - broken).mapped("sentiment"), ["positive"] * 2)
        self.assertFalse(self.Mention.search(self.Mention._score_pending_domain()))
        # Re-score retries the failed one
        broken.action_rescore()
        self.assertTrue(broken.sentiment_source.startswith("auto:"))

    def test_company_level_failure_marks_the_batch(self):
        mentions = self.ingest_unscored(["I love it", "Great stuff"])
        with (
            patch.object(
                type(self.env["res.company"]),
                "_social_crm_sentiment_adaptation",
                side_effect=RuntimeError("corrupted adaptation"),
            ),
            mute_logger("odoo.addons.social_crm_sentiment.models.social_crm_mention"),
        ):
            self.Mention._cron_score_pending()
        self.assertEqual(mentions.mapped("sentiment_source"), ["error", "error"])
        self.assertFalse(self.Mention.search(self.Mention._score_pending_domain()))

    def test_rescore_server_action(self):
        mentions = self.ingest_unscored(["I love it", "This is awful"])
        action = self.env.ref("social_crm_sentiment.social_crm_mention_action_rescore")
        self.assertEqual(action.binding_model_id.model, "social.crm.mention")
        result = (
            action.with_context(
                active_model="social.crm.mention", active_ids=mentions.ids
            )
            .with_user(self.user)
            .run()
        )
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(
            mentions.sorted("id").mapped("sentiment"), ["positive", "negative"]
        )
