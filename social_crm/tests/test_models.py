from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SocialCrmCommon


@tagged("post_install", "-at_install")
class TestQueryModel(SocialCrmCommon):
    def test_valid_queries_are_saved(self):
        for text in (
            'acme AND (phone OR "smart speaker") -job',
            "#acme OR @acme",
            "NOT spam acme",
            "スピーカー OR altavoz",
        ):
            query = self.env["social.crm.query"].create({"name": text, "query": text})
            self.assertEqual(query.query, text)

    def test_invalid_query_says_where(self):
        with self.assertRaisesRegex(ValidationError, r"position 5"):
            self.env["social.crm.query"].create({"name": "bad", "query": "acme (phone"})
        with self.assertRaisesRegex(ValidationError, r"(?i)quote"):
            self.env["social.crm.query"].create({"name": "bad", "query": 'acme "phone'})
        with self.assertRaises(ValidationError):
            self.query.query = "acme AND"

    def test_language_codes_are_checked(self):
        self.query.languages = "en, ja,pt-BR"
        self.assertEqual(self.query._language_set(), {"en", "ja", "pt-BR"})
        with self.assertRaisesRegex(ValidationError, "English"):
            self.query.languages = "English"

    def test_min_followers_not_negative(self):
        with self.assertRaisesRegex(ValidationError, "negative"):
            self.query.min_followers = -1

    def test_post_filters(self):
        self.query.write(
            {
                "languages": "en",
                "excluded_words": "job",
                "excluded_authors": "@spammer",
                "min_followers": 5,
            }
        )
        [(query_id, accepts)] = self.query._post_filters()
        self.assertEqual(query_id, self.query.id)
        self.assertTrue(accepts(self.make_post("1", "acme rocks", language="en")))
        self.assertFalse(accepts(self.make_post("2", "acme rocks", language="fr")))
        self.assertFalse(accepts(self.make_post("3", "acme job offer")))
        self.assertFalse(accepts(self.make_post("4", "acme", handle="spammer")))
        self.assertFalse(accepts(self.make_post("5", "acme", followers=1)))
        self.assertFalse(accepts(self.make_post("6", "acmeville is nice")))

    def test_platform_sources(self):
        self.assertTrue(self.query._platform_sources("x"))
        self.assertEqual(self.query._platform_sources("rss"), [])


@tagged("post_install", "-at_install")
class TestIdentityModel(SocialCrmCommon):
    def _identity(self, platform, handle, external_id="1"):
        return self.env["social.crm.identity"].create(
            {
                "name": "Someone",
                "platform": platform,
                "handle": handle,
                "external_user_id": external_id,
            }
        )

    def test_handles_are_normalized(self):
        self.assertEqual(self._identity("x", "@JSmith", "1").handle.lower(), "jsmith")
        identity = self._identity("mastodon", "@jane@Mastodon.Social", "2")
        self.assertEqual(identity.handle.split("@")[-1], "mastodon.social")
        self.assertTrue(identity.profile_url)
        self.assertEqual(
            self._identity("bluesky", "jane.bsky.social", "3").handle,
            "jane.bsky.social",
        )

    def test_invalid_handles_are_refused_with_a_clear_message(self):
        with self.assertRaisesRegex(ValidationError, "Invalid handle for X"):
            self._identity("x", "this handle has spaces", "4")
        with self.assertRaisesRegex(ValidationError, "Mastodon"):
            self._identity("mastodon", "jane@", "5")
        with self.assertRaisesRegex(ValidationError, "Bluesky"):
            self._identity("bluesky", "no_dot", "6")

    @mute_logger("odoo.sql_db")
    def test_unique_per_platform_user_and_company(self):
        jane = self._identity("x", "jane", "77")
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self._identity("x", "jane_again", "77")
        other_company = self.env["res.company"].create({"name": "Other Co"})
        duplicate = jane.copy({"company_id": other_company.id})
        self.assertEqual(duplicate.company_id, other_company)

    def test_influence_grows_with_reach(self):
        small = self._identity("x", "small", "10")
        big = self._identity("x", "big", "11")
        small.followers_count = 50
        big.write({"followers_count": 500000, "verified": True})
        self.assertGreater(big.influence_score, small.influence_score)
        self.assertLessEqual(big.influence_score, 100)

    def test_blocked_authors_are_skipped_by_the_fetch_filter(self):
        mention = self.ingest([self.make_post("200", author_id="99")])
        mention.identity_id.action_block()
        self.assertIn(
            ("x", "99"), self.env["social.crm.identity"]._blocked_keys(self.company)
        )


@tagged("post_install", "-at_install")
class TestAccountModel(SocialCrmCommon):
    def test_default_base_url_from_connector(self):
        self.assertEqual(self.account.api_base_url, "https://api.x.com")
        mastodon = self.env["social.crm.account"].create(
            {
                "name": "Masto",
                "platform": "mastodon",
                "api_base_url": "https://fosstodon.org",
            }
        )
        self.assertEqual(mastodon.api_base_url, "https://fosstodon.org")

    def test_base_url_must_be_http(self):
        with self.assertRaisesRegex(UserError, "https://"):
            self.account.api_base_url = "ftp://example.com"

    @mute_logger("odoo.sql_db")
    def test_fetch_interval_positive(self):
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.account.fetch_interval = 0
            self.account.flush_recordset()

    def test_missing_credentials_are_reported(self):
        report = self.account._fetch_mentions()
        self.assertIn("API Key / Secret", report["error"])
        self.assertEqual(self.account.state, "error")
        self.assertTrue(self.account.activity_ids, "managers are told once")
        activity_count = len(self.account.activity_ids)
        self.account.state = "connected"
        self.account._fetch_mentions()
        self.assertEqual(len(self.account.activity_ids), activity_count)


@tagged("post_install", "-at_install")
class TestMentionWorkflow(SocialCrmCommon):
    def test_assign_moves_new_to_assigned(self):
        mention = self.ingest([self.make_post("300")])
        self.assertEqual(mention.state, "new")
        mention.with_user(self.user).action_assign_to_me()
        self.assertEqual(mention.user_id, self.user)
        self.assertEqual(mention.state, "assigned")
        mention.action_done()
        self.assertEqual(mention.state, "done")
        mention.action_reopen()
        self.assertEqual(mention.state, "assigned")

    def test_note_engagement_and_response_time(self):
        mention = self.ingest([self.make_post("301")])
        note = self.env["social.crm.engagement"].create(
            {"mention_id": mention.id, "engagement_type": "note", "body": "Call them"}
        )
        note.action_submit()
        self.assertEqual(note.state, "sent")
        self.assertFalse(mention.first_response_at, "a note is not a response")

    def test_reply_without_text_is_refused(self):
        mention = self.ingest([self.make_post("302")])
        with self.assertRaisesRegex(UserError, "text of the reply"):
            self.env["social.crm.engagement"].create(
                {"mention_id": mention.id, "engagement_type": "reply", "body": "  "}
            )

    def test_reply_failure_keeps_draft_with_reason(self):
        mention = self.ingest([self.make_post("303")])
        reply = self.env["social.crm.engagement"].create(
            {"mention_id": mention.id, "engagement_type": "reply", "body": "Sorry!"}
        )
        reply.action_submit()
        self.assertEqual(reply.state, "failed")
        self.assertTrue(reply.failure_reason)
        self.assertFalse(mention.first_response_at)

    def test_approval_required_for_users(self):
        self.company.social_crm_reply_approval = True
        mention = self.ingest([self.make_post("304")])
        reply = (
            self.env["social.crm.engagement"]
            .with_user(self.user)
            .create(
                {"mention_id": mention.id, "engagement_type": "reply", "body": "Hi"}
            )
        )
        reply.action_submit()
        self.assertEqual(reply.state, "to_approve")
        with self.assertRaisesRegex(UserError, "managers"):
            reply.action_approve()
