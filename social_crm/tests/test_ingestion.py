from odoo.tests import tagged

from .common import SocialCrmCommon


@tagged("post_install", "-at_install")
class TestIngestion(SocialCrmCommon):
    def test_same_post_twice_is_one_mention(self):
        first = self.ingest([self.make_post("100")])
        second = self.ingest([self.make_post("100")])
        mentions = self.env["social.crm.mention"].search(
            [("account_id", "=", self.account.id), ("external_id", "=", "100")]
        )
        self.assertEqual(len(mentions), 1)
        self.assertEqual(first, mentions)
        self.assertFalse(second, "an unchanged post is not reported as changed")

    def test_duplicates_inside_one_batch_merge_their_queries(self):
        other_query = self.env["social.crm.query"].create(
            {"name": "Product", "query": "rocket", "query_type": "product"}
        )
        post_a = dict(self.make_post("101"), query_ids=[self.query.id])
        post_b = dict(self.make_post("101"), query_ids=[other_query.id])
        mention = self.ingest([post_a, post_b])
        self.assertEqual(len(mention), 1)
        self.assertEqual(mention.query_ids, self.query | other_query)

    def test_overlapping_queries_link_every_query(self):
        other_query = self.env["social.crm.query"].create(
            {"name": "Product", "query": "rocket", "query_type": "product"}
        )
        self.ingest([dict(self.make_post("102"), query_ids=[self.query.id])])
        mention = self.ingest([dict(self.make_post("102"), query_ids=[other_query.id])])
        self.assertEqual(mention.query_ids, self.query | other_query)

    def test_edit_on_platform_updates_text_and_counts(self):
        self.ingest([self.make_post("103", text="acme is ok")])
        mention = self.ingest([self.make_post("103", text="acme is great", likes=5)])
        self.assertEqual(mention.text, "acme is great")
        self.assertEqual(mention.like_count, 5)
        self.assertEqual(mention.engagement_total, 5)

    def test_identity_created_once_and_refreshed(self):
        self.ingest(
            [self.make_post("104", followers=10), self.make_post("105", followers=10)]
        )
        self.ingest([self.make_post("106", followers=5000)])
        identities = self.env["social.crm.identity"].search(
            [("platform", "=", "x"), ("external_user_id", "=", "42")]
        )
        self.assertEqual(len(identities), 1)
        self.assertEqual(identities.followers_count, 5000)
        self.assertEqual(len(identities.mention_ids), 3)

    def test_reply_links_to_parent_in_same_batch_and_later(self):
        parent, child = self.ingest(
            [
                self.make_post("110"),
                self.make_post("111", kind="reply", parent_external_id="110"),
            ]
        ).sorted("external_id")
        self.assertEqual(child.parent_id, parent)
        late = self.ingest(
            [self.make_post("112", kind="reply", parent_external_id="110")]
        )
        self.assertEqual(late.parent_id, parent)
        self.assertEqual(parent.child_ids, child | late)

    def test_reply_chain_in_one_batch_links_every_level(self):
        posts = [
            self.make_post("123", kind="reply", parent_external_id="122"),
            self.make_post("122", kind="reply", parent_external_id="121"),
            self.make_post("121"),
        ]
        root, middle, leaf = self.ingest(posts).sorted("external_id")
        self.assertFalse(root.parent_id)
        self.assertEqual(middle.parent_id, root)
        self.assertEqual(leaf.parent_id, middle)
        self.assertEqual(root.child_ids, middle)

    def test_reply_loop_in_one_batch_is_stored(self):
        # malformed data: each post answers the other; both are kept
        posts = [
            self.make_post("131", kind="reply", parent_external_id="132"),
            self.make_post("132", kind="reply", parent_external_id="131"),
        ]
        mentions = self.ingest(posts)
        self.assertEqual(len(mentions), 2)
        self.assertEqual(set(mentions.mapped("parent_external_id")), {"131", "132"})

    def test_new_mention_gets_defaults_and_precomputed_values(self):
        mention = self.ingest([self.make_post("140", likes=2, shares=1)])
        self.assertEqual(mention.state, "new")
        self.assertEqual(mention.priority, "0")
        self.assertTrue(mention.fetched_at)
        self.assertEqual(mention.create_uid, self.env.user)
        self.assertEqual(mention.company_id, self.company)
        self.assertEqual(mention.platform, "x")
        self.assertEqual(mention.engagement_total, 3)
        self.assertEqual(mention.summary, "User 42: I love acme")
        self.assertEqual(mention.identity_id.mention_ids, mention)
        self.assertEqual(mention.identity_id.posts_seen, 1)
        self.assertEqual(mention.identity_id.average_engagement, 3)

    def test_new_author_influence_and_profile_url(self):
        mention = self.ingest([self.make_post("141", author_id="77", followers=1000)])
        identity = mention.identity_id
        self.assertEqual(identity.profile_url, "https://x.com/user77")
        self.assertEqual(identity.match_state, "unmatched")
        # 1,000 followers: 40 reach points (see lib/influence.py)
        self.assertEqual(identity.influence_score, 40)
        self.ingest([self.make_post("142", author_id="77", followers=1000000)])
        self.assertEqual(identity.influence_score, 80)

    def test_query_links_are_visible_from_the_query(self):
        post = dict(self.make_post("143"), query_ids=[self.query.id])
        mention = self.ingest([post])
        self.assertEqual(self.query.mention_ids, mention)
        self.ingest([post])
        self.assertEqual(mention.query_ids, self.query)

    def test_odd_text_is_stored_cleanly(self):
        text = "acme \u200b\u200dقوي 🚀 שלום " + "x" * 10000
        mention = self.ingest([self.make_post("120", text=text)])
        self.assertNotIn("\u200b", mention.text)
        self.assertIn("🚀", mention.text)
        self.assertIn("قوي", mention.text)
        self.assertGreater(len(mention.text), 10000)

    def test_mark_deleted_on_platform(self):
        mention = self.ingest([self.make_post("130")])
        self.env["social.crm.mention"]._mark_deleted_on_platform(self.account, ["130"])
        self.assertTrue(mention.deleted_on_platform)

    def test_empty_batch(self):
        self.assertFalse(self.ingest([]))

    def test_partner_follows_identity_link(self):
        mention = self.ingest([self.make_post("140")])
        partner = self.env["res.partner"].create({"name": "User Forty-Two"})
        mention.identity_id.partner_id = partner
        self.assertEqual(mention.partner_id, partner)
        self.assertEqual(mention.identity_id.match_state, "linked")
        self.assertEqual(partner.social_mention_count, 1)

    def test_author_table_leaves_room_for_in_place_updates(self):
        self.env.cr.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'social_crm_identity'"
        )
        self.assertIn("fillfactor=80", self.env.cr.fetchone()[0])
