from odoo.tests import tagged

from .common import SocialCrmHelpdeskCommon


@tagged("post_install", "-at_install")
class TestPurchaseIntentLeads(SocialCrmHelpdeskCommon):
    def _post(self, external_id, text, author_id="77"):
        post = self.make_post(external_id, text=text, author_id=author_id)
        post["query_ids"] = [self.query.id]
        return post

    def test_ingestion_creates_lead_with_utm(self):
        self.company.social_crm_auto_lead = True
        mention = self.ingest([self._post("301", "Where can I buy the acme kettle?")])
        self.assertEqual(mention.purchase_intent, "where can i buy")
        lead = mention.lead_id
        self.assertTrue(lead)
        self.assertEqual(lead.social_mention_ids, mention)
        self.assertEqual(lead.social_mention_count, 1)
        self.assertEqual(lead.source_id.name, "X (Twitter)")
        self.assertEqual(
            lead.medium_id, self.env.ref("social_crm_helpdesk.utm_medium_social")
        )
        self.assertTrue(self.query.campaign_id)
        self.assertEqual(lead.campaign_id, self.query.campaign_id)
        self.assertEqual(lead.contact_name, "User 77")
        self.assertTrue(lead.name.startswith("[X (Twitter)] Where can I buy"))
        self.assertIn("Where can I buy the acme kettle?", lead.description)
        expected_type = (
            "lead" if self.env.user.has_group("crm.group_use_lead") else "opportunity"
        )
        self.assertEqual(lead.type, expected_type)
        # Fetched again (edited or not): still one lead.
        again = self.ingest([self._post("301", "Where can I buy the acme kettle??")])
        self.assertEqual(again.lead_id, lead)
        mention._create_leads()
        self.assertEqual(
            self.env["crm.lead"].search_count(
                [("social_mention_ids", "in", mention.ids)]
            ),
            1,
        )

    def test_batch_shares_source_and_campaign(self):
        self.company.social_crm_auto_lead = True
        sources_before = self.env["utm.source"].search_count([])
        mentions = self.ingest(
            [
                self._post("302", "how much is the acme X2", "78"),
                self._post("303", "acmeのブレンダーが欲しい", "79"),
                self._post("304", "acme is great", "80"),
            ]
        )
        with_lead = mentions.filtered("lead_id")
        self.assertEqual(len(with_lead), 2)
        self.assertEqual(len(with_lead.lead_id.source_id), 1)
        self.assertEqual(len(with_lead.lead_id.campaign_id), 1)
        self.assertLessEqual(
            self.env["utm.source"].search_count([]) - sources_before, 1
        )

    def test_no_auto_lead_when_disabled_and_button_links_contact(self):
        mention = self.ingest([self._post("305", "Quiero comprar un acme, precio?")])
        self.assertEqual(mention.purchase_intent, "quiero comprar, precio")
        self.assertFalse(mention.lead_id)
        mention.identity_id.partner_id = self.contact
        action = mention.action_create_lead()
        self.assertEqual(action["res_id"], mention.lead_id.id)
        self.assertEqual(mention.lead_id.partner_id, self.contact)
        # The button twice: no second lead.
        lead = mention.lead_id
        mention.action_create_lead()
        self.assertEqual(mention.lead_id, lead)
