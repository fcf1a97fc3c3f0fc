from odoo.tests import tagged

from .common import SocialCrmHelpdeskCommon


@tagged("post_install", "-at_install")
class TestRoutingActions(SocialCrmHelpdeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["social.crm.routing.rule"]
        cls.mailing_list = cls.env["mailing.list"].create({"name": "Advocates"})

    def _logs(self, mention):
        return "\n".join(mention.routing_log_ids.mapped("actions"))

    def test_ticket_lead_and_list_actions_on_ingestion(self):
        self.Rule.create(
            {
                "name": "Complaints to helpdesk",
                "keywords": "broken",
                "create_ticket": True,
                "ticket_team_id": self.dev_team.id,
            }
        )
        self.Rule.create(
            {
                "name": "Buyers",
                "keywords": "buy",
                "create_lead": True,
                "mailing_list_id": self.mailing_list.id,
            }
        )
        self.assertIn(
            "ticket in Product Development",
            self.Rule.search([], limit=1).actions_summary,
        )
        self.env["social.crm.identity"].create(
            {
                "name": "Jane",
                "handle": "jane",
                "platform": "x",
                "external_user_id": "501",
                "partner_id": self.contact.id,
            }
        )
        complaint, buyer = self.ingest(
            [
                self.make_post(
                    "501", "my acme is broken", author_id="501", handle="jane"
                ),
                self.make_post("502", "where to buy acme", author_id="502"),
            ]
        ).sorted("external_id")
        ticket = complaint.ticket_id
        self.assertEqual(ticket.team_id, self.dev_team)
        self.assertIn(f"ticket {ticket.number} created", self._logs(complaint))
        self.assertTrue(buyer.lead_id)
        self.assertIn("lead created", self._logs(buyer))
        # The buyer has no contact: skipped, with the reason in the log.
        self.assertIn("no contact", self._logs(buyer))
        # The same contact complains again: linked, not a second ticket.
        again = self.ingest(
            [self.make_post("503", "still broken", author_id="501", handle="jane")]
        )
        self.assertEqual(again.ticket_id, ticket)
        self.assertIn(ticket.number, self._logs(again))

    def test_mailing_list_action(self):
        self.Rule.create(
            {
                "name": "Fans",
                "sentiment": "positive",
                "mailing_list_id": self.mailing_list.id,
            }
        )
        mention = self.mention("504", "love acme", self.contact, sentiment="positive")
        mention._apply_routing_rules()
        self.assertIn("added to list Advocates", self._logs(mention))
        self.assertEqual(self.mailing_list.contact_ids.email, "jane@example.com")

    def test_open_opportunity_condition(self):
        rule = self.Rule.create(
            {
                "name": "Prospects",
                "partner_condition": "opportunity",
                "create_ticket": False,
            }
        )
        mention = self.mention("505", "hi", self.contact, sentiment="neutral")
        self.assertFalse(rule._matches(mention))
        lead = self.env["crm.lead"].create(
            {"name": "Deal", "type": "opportunity", "partner_id": self.contact.id}
        )
        mention.invalidate_recordset()
        self.contact.invalidate_recordset()
        self.assertTrue(rule._matches(mention))
        lead.action_set_won()
        self.contact.invalidate_recordset()
        self.assertFalse(rule._matches(mention))
