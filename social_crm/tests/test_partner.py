from odoo.tests import Form, new_test_user, tagged

from .common import SocialCrmCommon


@tagged("post_install", "-at_install")
class TestPartnerSocialTab(SocialCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create({"name": "Jane Customer"})
        cls.mentions = cls.env["social.crm.mention"]._ingest_posts(
            cls.account,
            [cls.make_post("500", author_id="7"), cls.make_post("501", author_id="7")],
        )
        cls.mentions.identity_id.partner_id = cls.partner
        cls.mentions[0].write({"sentiment": "negative", "sentiment_score": -0.5})
        cls.mentions[1].write({"sentiment": "positive", "sentiment_score": 0.9})

    def test_social_tab_fields_in_form(self):
        arch = (
            self.env["res.partner"]
            .with_user(self.user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        for field_name in (
            "social_identity_ids",
            "social_mention_ids",
            "social_mention_count",
        ):
            self.assertIn(f'name="{field_name}"', arch)
        self.assertIn('name="social"', arch)
        form = Form(self.partner.with_user(self.user))
        self.assertEqual(form.social_mention_count, 2)

    def test_social_stats(self):
        partner = self.partner.with_user(self.user)
        self.assertEqual(partner.social_mention_count, 2)
        self.assertEqual(partner.social_identity_count, 1)
        self.assertAlmostEqual(partner.social_sentiment_average, 0.2)
        self.assertEqual(
            partner.social_last_mention_at, max(self.mentions.mapped("posted_at"))
        )
        self.assertEqual(
            partner.social_mention_ids[0],
            self.mentions.sorted("posted_at")[-1],
            "the timeline shows the newest mention first",
        )
        action = partner.action_view_social_mentions()
        self.assertEqual(
            self.env["social.crm.mention"].search(action["domain"]), self.mentions
        )

    def test_contact_form_works_without_social_rights(self):
        salesman = new_test_user(self.env, login="plain_user", groups="base.group_user")
        arch = (
            self.env["res.partner"]
            .with_user(salesman)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("social_mention_ids", arch)
        Form(self.partner.with_user(salesman))

    def test_partner_merge_moves_identities_and_mentions(self):
        kept = self.env["res.partner"].create({"name": "Jane C."})
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge((self.partner | kept).ids, kept)
        self.assertFalse(self.partner.exists())
        self.assertEqual(self.mentions.identity_id.partner_id, kept)
        self.assertEqual(self.mentions.partner_id, kept)
        self.assertEqual(kept.social_mention_count, 2)
