from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PlatformDoubleCommon
from .platform_double import json_reply

SEARCH = "/2/tweets/search/recent"
MENTIONS = "/2/users/2244994945/mentions"


def tweet(tweet_id, text, author_id="9876543210"):
    return {
        "id": tweet_id,
        "text": text,
        "created_at": "2026-11-20T10:30:00.000Z",
        "author_id": author_id,
        "public_metrics": {"retweet_count": 1, "reply_count": 2, "like_count": 3},
    }


def page(tweets, next_token=None, users=None):
    meta = {"result_count": len(tweets)}
    if tweets:
        meta["newest_id"] = max(t["id"] for t in tweets)
        meta["oldest_id"] = min(t["id"] for t in tweets)
    if next_token:
        meta["next_token"] = next_token
    users = users or [
        {
            "id": "9876543210",
            "username": "pythondev",
            "name": "Py Dev",
            "verified": False,
        }
    ]
    return {"data": tweets, "includes": {"users": users}, "meta": meta}


@tagged("post_install", "-at_install")
class TestFetch(PlatformDoubleCommon):
    def mentions(self):
        return self.env["social.crm.mention"].search(
            [("account_id", "=", self.account.id)]
        )

    def test_fetch_now_stores_matching_posts_and_moves_the_cursor(self):
        self.server.route(
            "GET",
            SEARCH,
            json_reply(
                page([tweet("20", "acme is great"), tweet("19", "unrelated")], "tok")
            ),
            json_reply(page([tweet("18", "#acme again")])),
        )
        action = self.account.action_fetch_now()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(sorted(self.mentions().mapped("external_id")), ["18", "20"])
        self.assertEqual(self.mentions().query_ids, self.query)
        cursor = next(iter(self.account.fetch_cursors.values()))
        self.assertEqual(cursor.get("since_id"), "20")
        self.assertEqual(self.server.last(SEARCH).param("next_token"), "tok")
        self.assertIn("acme", self.server.last(SEARCH).param("query"))
        self.assertEqual(
            self.server.last(SEARCH).header("Authorization"), "Bearer TEST-BEARER"
        )
        self.assertEqual(self.account.state, "connected")
        self.assertTrue(self.account.next_fetch_at)

        self.server.route("GET", SEARCH, json_reply(page([])))
        self.account._fetch_mentions()
        self.assertEqual(self.server.last(SEARCH).param("since_id"), "20")
        self.assertEqual(len(self.mentions()), 2, "nothing stored twice")

    def test_same_posts_fetched_again_are_not_duplicated(self):
        reply = json_reply(page([tweet("30", "acme rocks")]))
        self.server.route("GET", SEARCH, reply)
        self.account._fetch_mentions()
        self.account.fetch_cursors = False  # e.g. "Fetch From Scratch"
        self.account._fetch_mentions()
        self.assertEqual(len(self.mentions()), 1)

    @mute_logger("odoo.addons.social_crm.models.social_crm_account")
    def test_rate_limit_waits_and_keeps_the_cursor(self):
        self.account.fetch_cursors = {"search:x": {"since_id": "5"}}
        reset = int((fields.Datetime.now() + timedelta(minutes=15)).timestamp())
        self.server.route(
            "GET",
            SEARCH,
            json_reply(
                {"errors": [{"code": 88, "message": "Rate limit exceeded"}]},
                status=429,
                headers={
                    "x-rate-limit-reset": str(reset),
                    "x-rate-limit-remaining": "0",
                },
            ),
        )
        before = dict(self.account.fetch_cursors)
        report = self.account._fetch_mentions()
        self.assertTrue(report["error"])
        self.assertEqual(self.account.state, "waiting")
        self.assertEqual(dict(self.account.fetch_cursors), before)
        wait = self.account.next_fetch_at - fields.Datetime.now()
        self.assertGreater(wait, timedelta(minutes=10))
        self.assertLess(wait, timedelta(minutes=20))
        self.assertNotIn(
            self.account,
            self.env["social.crm.account"].search(self.account._due_domain()),
        )

    @mute_logger("odoo.addons.social_crm.models.social_crm_account")
    def test_failure_halfway_keeps_what_was_stored(self):
        self.server.route(
            "GET",
            SEARCH,
            json_reply(page([tweet("41", "acme one")], "tok2")),
            json_reply({"title": "Service Unavailable"}, status=503),
        )
        self.account._fetch_mentions()
        self.assertEqual(self.mentions().mapped("external_id"), ["41"])
        cursor = next(iter(self.account.fetch_cursors.values()))
        self.assertEqual(cursor.get("next_token"), "tok2", "the retry asks for page 2")
        self.assertEqual(self.account.state, "waiting")
        self.assertEqual(self.account.failure_count, 1)

        self.server.reset()
        self.server.route("GET", SEARCH, json_reply(page([tweet("40", "acme two")])))
        self.account.next_fetch_at = False
        self.account._fetch_mentions()
        self.assertEqual(self.server.last(SEARCH).param("next_token"), "tok2")
        self.assertEqual(sorted(self.mentions().mapped("external_id")), ["40", "41"])
        self.assertEqual(self.account.state, "connected")
        self.assertEqual(self.account.failure_count, 0)

    def test_unauthorized_marks_error_and_notifies_once(self):
        self.server.route(
            "GET",
            SEARCH,
            json_reply(
                {
                    "title": "Unauthorized",
                    "type": "about:blank",
                    "status": 401,
                    "detail": "Unauthorized",
                },
                status=401,
            ),
        )
        self.account._fetch_mentions()
        self.assertEqual(self.account.state, "error")
        self.assertIn("401", self.account.last_error)
        activities = self.account.activity_ids
        self.assertTrue(activities)
        self.account.state = "connected"
        self.account._fetch_mentions()
        self.assertEqual(self.account.activity_ids, activities, "notified once")

    def test_blocked_authors_and_noise_are_dropped(self):
        self.query.write({"excluded_words": "job", "min_followers": 0})
        blocked = self.env["social.crm.identity"].create(
            {
                "name": "Spam",
                "handle": "spambot",
                "platform": "x",
                "external_user_id": "666",
                "is_blocked": True,
            }
        )
        users = [
            {"id": "9876543210", "username": "pythondev", "name": "Py"},
            {"id": "666", "username": "spambot", "name": "Spam"},
        ]
        self.server.route(
            "GET",
            SEARCH,
            json_reply(
                page(
                    [
                        tweet("52", "acme deal", author_id="666"),
                        tweet("51", "acme job offer"),
                        tweet("50", "acme is nice"),
                    ],
                    users=users,
                )
            ),
        )
        self.account._fetch_mentions()
        self.assertEqual(self.mentions().mapped("external_id"), ["50"])
        self.assertFalse(blocked.mention_ids)

    def test_account_mentions_source_keeps_posts_without_query(self):
        self.account.external_account_id = "2244994945"
        self.server.route("GET", SEARCH, json_reply(page([])))
        self.server.route(
            "GET", MENTIONS, json_reply(page([tweet("60", "hello @acme_support")]))
        )
        self.account._fetch_mentions()
        self.assertEqual(self.mentions().mapped("external_id"), ["60"])
        self.assertFalse(self.mentions().query_ids)

    def test_test_connection_reports_success_and_failure(self):
        self.server.route(
            "GET",
            "/2/users/by/username/XDevelopers",
            json_reply({"data": {"id": "2244994945", "username": "XDevelopers"}}),
        )
        action = self.account.action_test_connection()
        self.assertEqual(action["params"]["type"], "success")
        self.server.reset()
        self.server.route(
            "GET",
            "/2/users/by/username/XDevelopers",
            json_reply({"title": "Unauthorized"}, status=401),
        )
        action = self.account.action_test_connection()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("401", action["params"]["message"])

    @mute_logger("odoo.addons.social_crm.models.social_crm_account")
    def test_cron_isolates_accounts_and_reports_progress(self):
        broken = self.account.copy({"name": "Broken", "state": "connected"})
        broken.sudo().write(
            {"api_base_url": self.server.url + "/broken", "api_key": "K"}
        )
        self.server.route("GET", SEARCH, json_reply(page([tweet("70", "acme cron")])))
        self.server.route(
            "GET", "/broken" + SEARCH, json_reply({"title": "oops"}, status=500)
        )
        other_due = self.env["social.crm.account"].search(
            self.account._due_domain() + [("id", "not in", (self.account | broken).ids)]
        )
        other_due.write({"state": "disconnected"})
        cron = self.env.ref("social_crm.ir_cron_fetch_mentions")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        self.env["social.crm.account"].with_context(
            ir_cron_progress_id=progress.id
        )._cron_fetch_mentions(batch_size=1)
        self.assertEqual((progress.done, progress.remaining), (1, 1))
        self.env["social.crm.account"].with_context(
            ir_cron_progress_id=progress.id
        )._cron_fetch_mentions(batch_size=1)
        self.assertEqual(progress.remaining, 0)
        self.assertEqual(self.mentions().mapped("external_id"), ["70"])
        self.assertEqual(self.account.state, "connected")
        self.assertEqual(broken.state, "waiting")

    def test_cron_survives_an_unexpected_error_in_one_account(self):
        broken = self.account.copy({"name": "Buggy", "state": "connected"})
        broken.sudo().write({"api_base_url": self.server.url, "api_key": "K"})
        self.server.route("GET", SEARCH, json_reply(page([tweet("80", "acme ok")])))
        (
            self.env["social.crm.account"].search(self.account._due_domain())
            - broken
            - self.account
        ).write({"state": "disconnected"})
        real_fetch_source = type(self.account)._fetch_source

        def fetch_source(account, *args):
            if account == broken:
                raise ValueError("a bug")
            return real_fetch_source(account, *args)

        with (
            patch.object(type(self.account), "_fetch_source", fetch_source),
            mute_logger("odoo.addons.social_crm.models.social_crm_account"),
        ):
            self.env["social.crm.account"]._cron_fetch_mentions()
        self.assertEqual(self.mentions().mapped("external_id"), ["80"])
        self.assertEqual(broken.state, "waiting")
        self.assertIn("a bug", broken.last_error)

    def test_malformed_payload_is_retried_later(self):
        self.server.route("GET", SEARCH, json_reply(b'{"data": [{"id": "1", "te'))
        with mute_logger("odoo.addons.social_crm.models.social_crm_account"):
            report = self.account._fetch_mentions()
        self.assertTrue(report["error"])
        self.assertEqual(self.account.state, "waiting")
        self.assertFalse(self.mentions())

    def test_rss_account_needs_no_credentials(self):
        feed = (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>'
            b"<item><title>Acme review</title><link>https://blog.example/1</link>"
            b"<guid>https://blog.example/1</guid>"
            b"<description>We tested acme.</description>"
            b"<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>"
        )
        self.server.route(
            "GET",
            "/feed.xml",
            json_reply(feed, headers={"Content-Type": "application/rss+xml"}),
        )
        rss = self.env["social.crm.account"].create(
            {
                "name": "Blog",
                "platform": "rss",
                "feed_url": self.server.url + "/feed.xml",
            }
        )
        with patch.object(
            type(rss), "_get_queries", lambda self: self.env["social.crm.query"]
        ):
            rss._fetch_mentions()
        mention = self.env["social.crm.mention"].search([("account_id", "=", rss.id)])
        self.assertEqual(len(mention), 1)
        self.assertIn("acme", mention.text)
