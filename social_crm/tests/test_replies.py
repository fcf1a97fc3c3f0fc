from odoo.tests import tagged

from .common import PlatformDoubleCommon
from .platform_double import json_reply

TWEETS = "/2/tweets"
STATUSES = "/api/v1/statuses"


@tagged("post_install", "-at_install")
class TestRepliesThroughConnectors(PlatformDoubleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mastodon = cls.env["social.crm.account"].create(
            {"name": "Masto", "platform": "mastodon", "api_base_url": cls.server.url}
        )
        cls.mastodon.sudo().access_token = "MASTO-TOKEN"

    def reply(self, mention, body="Sorry about that!", kind="reply"):
        return self.env["social.crm.engagement"].create(
            {"mention_id": mention.id, "engagement_type": kind, "body": body}
        )

    def test_x_reply_is_posted_once_and_measures_the_response_time(self):
        self.server.route(
            "POST", TWEETS, json_reply({"data": {"id": "999", "text": "x"}}, 201)
        )
        mention = self.ingest([self.make_post("700")])
        engagement = self.reply(mention)
        engagement.action_submit()
        engagement.action_submit()  # a double click
        engagement.action_send()  # a retry
        self.assertEqual(len(self.server.requests_to(TWEETS, "POST")), 1)
        sent = self.server.last(TWEETS, "POST")
        self.assertEqual(sent.json["reply"]["in_reply_to_tweet_id"], "700")
        self.assertEqual(sent.header("Authorization"), "Bearer USER-TOKEN")
        self.assertEqual((engagement.state, engagement.external_id), ("sent", "999"))
        self.assertTrue(mention.first_response_at)
        self.assertGreaterEqual(mention.response_time_hours, 0)
        self.assertEqual(mention.state, "in_progress")

    def test_platform_refusal_keeps_the_draft_with_the_error(self):
        self.server.route(
            "POST",
            TWEETS,
            json_reply(
                {
                    "title": "Forbidden",
                    "detail": "You are not permitted",
                    "status": 403,
                },
                403,
            ),
        )
        mention = self.ingest([self.make_post("701")])
        engagement = self.reply(mention)
        engagement.action_submit()
        self.assertEqual(engagement.state, "failed")
        self.assertIn("403", engagement.failure_reason)
        self.assertFalse(mention.first_response_at)
        # fixed on the platform side: the same draft goes out on retry
        self.server.reset()
        self.server.route(
            "POST", TWEETS, json_reply({"data": {"id": "1000", "text": "x"}}, 201)
        )
        engagement.action_submit()
        self.assertEqual(engagement.state, "sent")

    def test_mastodon_reply_carries_an_idempotency_key(self):
        self.server.route("POST", STATUSES, json_reply({"id": "555", "content": "ok"}))
        mention = self.env["social.crm.mention"]._ingest_posts(
            self.mastodon, [dict(self.make_post("702"), platform="mastodon")]
        )
        engagement = self.reply(mention)
        engagement.action_submit()
        sent = self.server.last(STATUSES, "POST")
        self.assertEqual(sent.json["in_reply_to_id"], "702")
        self.assertEqual(
            sent.header("Idempotency-Key"), f"social-crm-engagement-{engagement.id}"
        )
        self.assertEqual(sent.header("Authorization"), "Bearer MASTO-TOKEN")
        self.assertEqual(engagement.state, "sent")

    def test_approval_then_send(self):
        self.company.social_crm_reply_approval = True
        self.server.route(
            "POST", TWEETS, json_reply({"data": {"id": "1001", "text": "x"}}, 201)
        )
        mention = self.ingest([self.make_post("703")])
        engagement = self.reply(mention).with_user(self.user)
        engagement.action_submit()
        self.assertEqual(engagement.state, "to_approve")
        self.assertFalse(self.server.requests_to(TWEETS, "POST"))
        engagement.with_user(self.manager).action_approve()
        self.assertEqual(engagement.state, "sent")
        self.assertEqual(engagement.approved_by_id, self.manager)
        self.assertEqual(len(self.server.requests_to(TWEETS, "POST")), 1)
