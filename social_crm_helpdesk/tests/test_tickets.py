from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SocialCrmHelpdeskCommon


@tagged("post_install", "-at_install")
class TestSocialTickets(SocialCrmHelpdeskCommon):
    def test_create_ticket_links_both_ways(self):
        mention = self.mention("101", "acme blender died", self.contact, priority="3")
        mention.url = "https://x.com/user42/status/101"
        action = mention.action_create_ticket()
        ticket = mention.ticket_id
        self.assertEqual(action["res_id"], ticket.id)
        self.assertEqual(ticket.social_mention_ids, mention)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.channel_id, self.channel)
        self.assertEqual(ticket.partner_id, self.contact)
        self.assertEqual(ticket.priority, "3")
        self.assertIn("acme blender died", ticket.description)
        self.assertIn("https://x.com/user42/status/101", ticket.description)
        self.assertTrue(ticket.name.startswith("[X (Twitter)]"))
        self.assertEqual(mention.state, "assigned")
        self.assertEqual(ticket.social_mention_count, 1)
        # The ticket number fills the reply placeholders.
        self.assertEqual(mention._reply_placeholders()["ticket_number"], ticket.number)

    def test_open_ticket_is_reused(self):
        first = self.mention("102", partner=self.contact)
        first.action_create_ticket()
        # A new negative mention of the same contact joins the open ticket as
        # soon as its sentiment is known.
        second = self.mention("103", "still broken", self.contact)
        self.assertEqual(second.ticket_id, first.ticket_id)
        self.assertIn("still broken", first.ticket_id.message_ids[0].body)
        # And through the button too, with no second ticket.
        third = self.mention("104", "hello?", self.contact, sentiment="neutral")
        self.assertFalse(third.ticket_id)
        third.action_create_ticket()
        self.assertEqual(third.ticket_id, first.ticket_id)
        self.assertEqual(
            self.env["helpdesk.ticket"].search_count(
                [("partner_id", "=", self.contact.id)]
            ),
            1,
        )

    def test_recently_closed_ticket_is_reopened(self):
        first = self.mention("105", partner=self.contact)
        first.action_create_ticket()
        ticket = first.ticket_id
        ticket.stage_id = self.done_stage
        self.assertTrue(ticket.closed)
        self.assertEqual(first.state, "done")
        second = self.mention("106", "broken again!", self.contact, sentiment="neutral")
        second.action_create_ticket()
        self.assertEqual(second.ticket_id, ticket)
        self.assertFalse(ticket.closed)
        self.assertEqual(ticket.stage_id, self.team._social_open_stage())
        self.assertIn("Reopened", ticket.message_ids[0].body)

    def test_old_closed_ticket_is_not_reopened(self):
        first = self.mention("107", partner=self.contact)
        first.action_create_ticket()
        ticket = first.ticket_id
        ticket.stage_id = self.done_stage
        ticket.closed_date = fields.Datetime.now() - timedelta(days=8)
        second = self.mention("108", "broken again", self.contact, sentiment="neutral")
        second.action_create_ticket()
        self.assertTrue(second.ticket_id)
        self.assertNotEqual(second.ticket_id, ticket)
        self.assertTrue(ticket.closed)

    def test_closing_posts_reply_and_keeps_failure(self):
        self.team.social_closing_reply = "Fixed! Ticket {ticket_number} is closed."
        older = self.mention("109", "first", self.contact)
        older.action_create_ticket()
        latest = self.mention("110", "second", self.contact)
        ticket = older.ticket_id
        self.assertEqual(latest.ticket_id, ticket)
        # The test account has no credentials: the reply fails, closing goes on.
        ticket.stage_id = self.done_stage
        self.assertTrue(ticket.closed)
        self.assertEqual((older | latest).mapped("state"), ["done", "done"])
        reply = latest.engagement_ids
        self.assertEqual(len(reply), 1)
        self.assertFalse(older.engagement_ids)
        self.assertEqual(reply.state, "failed")
        self.assertTrue(reply.failure_reason)
        self.assertEqual(reply.body, f"Fixed! Ticket {ticket.number} is closed.")
        self.assertIn("could not be posted", ticket.message_ids[0].body)

    def test_closing_without_closing_reply_posts_nothing(self):
        mention = self.mention("111", partner=self.contact)
        mention.action_create_ticket()
        mention.ticket_id.stage_id = self.done_stage
        self.assertEqual(mention.state, "done")
        self.assertFalse(mention.engagement_ids)

    def test_first_public_reply_stops_the_response_clock(self):
        mention = self.mention("112", partner=self.contact, priority="1")
        mention.action_create_ticket()
        ticket = mention.ticket_id

        class Connector:
            def send_reply(self, *args, **kwargs):
                return "reply-1"

        engagement = self.env["social.crm.engagement"].create(
            {"mention_id": mention.id, "engagement_type": "reply", "body": "Sorry!"}
        )
        with patch.object(
            type(self.env["social.crm.account"]),
            "_get_connector",
            lambda self, **kw: Connector(),
        ):
            engagement.action_submit()
        self.assertEqual(engagement.state, "sent")
        self.assertEqual(ticket.social_first_response_at, engagement.sent_at)

    def test_reply_on_social_opens_the_wizard_on_the_latest_mention(self):
        older = self.mention("113", "first", self.contact)
        older.action_create_ticket()
        latest = self.mention("114", "second", self.contact)
        action = older.ticket_id.action_reply_on_social()
        self.assertEqual(action["res_model"], "social.crm.reply.wizard")
        self.assertEqual(action["context"]["default_mention_id"], latest.id)
        wizard = self.env["social.crm.reply.wizard"].create(
            {
                "mention_id": action["context"]["default_mention_id"],
                "reply_type": "reply",
            }
        )
        wizard.body = "Re {ticket_number}"
        self.assertEqual(wizard.preview, f"Re {older.ticket_id.number}")

    def test_social_user_without_helpdesk_rights(self):
        mention = self.mention("115", partner=self.contact)
        with (
            self.assertRaisesRegex(AccessError, "Helpdesk rights"),
            mute_logger("odoo.models"),
        ):
            mention.with_user(self.user).action_create_ticket()
        self.assertFalse(mention.ticket_id)

    def test_helpdesk_user_closes_ticket_without_social_rights(self):
        mention = self.mention("116", partner=self.contact)
        mention.action_create_ticket()
        ticket = mention.ticket_id
        ticket.with_user(self.dev_leader).write({"stage_id": self.done_stage.id})
        self.assertEqual(mention.state, "done")
