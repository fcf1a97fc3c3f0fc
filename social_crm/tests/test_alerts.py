from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .routing_common import RoutingCommon


@tagged("post_install", "-at_install")
class TestAlerts(RoutingCommon):
    def messages(self, mention):
        return self.env["mail.message"].search(
            [
                ("model", "=", "social.crm.mention"),
                ("res_id", "=", mention.id),
                ("subtype_id", "=", self.env.ref("mail.mt_comment").id),
            ]
        )

    def notified(self, mention):
        return self.messages(mention).notification_ids.res_partner_id

    def activities(self, mention):
        return self.env["mail.activity"].search(
            [("res_model", "=", "social.crm.mention"), ("res_id", "=", mention.id)]
        )

    def test_alert_pages_the_assignee_once(self):
        mention = self.mention("1", priority="2")
        self.rule(
            name="Alert",
            assign_mode="user",
            assign_user_id=self.agents[0].id,
            alert=True,
        )
        logs = mention._apply_routing_rules()
        self.assertEqual(self.notified(mention), self.agents[0].partner_id)
        activity = self.activities(mention)
        self.assertEqual(activity.user_id, self.agents[0])
        today = fields.Date.context_today(mention)
        self.assertEqual(
            activity.date_deadline, today + timedelta(days=1), "High: tomorrow"
        )
        self.assertTrue(mention.alert_sent_at)
        self.assertIn("alert sent to Agent 1", logs.actions)
        self.assertIn("activity for Agent 1", logs.actions)
        # A second alert on the same mention does nothing.
        again = mention._apply_routing_rules()
        self.assertEqual(len(self.messages(mention)), 1)
        self.assertEqual(len(self.activities(mention)), 1)
        self.assertIn("already sent", again.actions)
        self.assertFalse(
            mention._send_routing_alert()[mention.id][0].startswith("alert sent")
        )

    def test_urgent_activity_is_due_today(self):
        mention = self.mention("1", priority="3", user_id=self.agents[1].id)
        mention._send_routing_alert()
        self.assertEqual(
            self.activities(mention).date_deadline, fields.Date.context_today(mention)
        )

    def test_team_is_paged_when_nobody_is_assigned(self):
        mention = self.mention("1", priority="1", team_id=self.team.id)
        self.rule(name="Alert the team", alert=True)
        logs = mention._apply_routing_rules()
        self.assertEqual(
            self.notified(mention),
            self.team.member_ids.partner_id | self.manager.partner_id,
        )
        self.assertEqual(
            self.activities(mention).user_id, self.manager, "the team leader"
        )
        self.assertIn("Agent 3", logs.actions)

    def test_escalation_alerts_the_team_leader(self):
        mention = self.mention("1", priority="1")
        self.rule(
            name="Escalate",
            assign_mode="user",
            assign_user_id=self.agents[2].id,
            assign_team_id=self.team.id,
            escalate=True,
        )
        logs = mention._apply_routing_rules()
        self.assertEqual(mention.priority, "3")
        self.assertEqual(
            self.notified(mention), self.agents[2].partner_id | self.manager.partner_id
        )
        activity = self.activities(mention)
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(activity.date_deadline, fields.Date.context_today(mention))
        self.assertIn("escalated: priority set to Urgent", logs.actions)

    def test_outside_business_hours_no_page_but_activity(self):
        self.close_company()
        mention = self.mention("1", priority="2")
        self.rule(
            name="Night alert",
            assign_mode="user",
            assign_user_id=self.agents[0].id,
            alert=True,
        )
        logs = mention._apply_routing_rules()
        self.assertFalse(self.messages(mention))
        self.assertEqual(self.activities(mention).user_id, self.agents[0])
        self.assertIn("outside business hours", logs.actions)
        self.assertTrue(mention.alert_sent_at)

    def test_high_priority_alerts_without_alert_rule(self):
        urgent = self.mention("1", priority="3", user_id=self.agents[0].id)
        low = self.mention("2", priority="0", user_id=self.agents[1].id)
        orphan = self.mention("3", priority="3")
        orphan.write({"user_id": False, "team_id": False})
        logs = (urgent | low | orphan)._apply_routing_rules()
        self.assertEqual(logs.mention_id, urgent)
        self.assertFalse(logs.rule_id)
        self.assertEqual(logs.rule_name, "High priority alert")
        self.assertEqual(self.notified(urgent), self.agents[0].partner_id)
        self.assertFalse(low.alert_sent_at)
        self.assertFalse(orphan.alert_sent_at, "nobody to alert: not marked as alerted")

    def test_alert_rule_with_nobody_to_alert(self):
        mention = self.mention("1", priority="0")
        self.rule(name="Alert", alert=True)
        logs = mention._apply_routing_rules()
        self.assertIn("no one to alert", logs.actions)
        self.assertFalse(mention.alert_sent_at)

    def test_alert_on_ingestion_reaches_the_round_robin_member(self):
        self.rule(
            name="Share and alert",
            assign_mode="round_robin",
            assign_team_id=self.team.id,
            alert=True,
        )
        mention = self.ingest([self.make_post("1")])
        self.assertEqual(mention.user_id, self.agents[0])
        self.assertEqual(self.notified(mention), self.agents[0].partner_id)
        self.assertTrue(mention.alert_sent_at)
        pages = self.env["mail.message"].search(
            [
                ("model", "=", "social.crm.mention"),
                ("res_id", "=", mention.id),
                ("partner_ids", "in", self.agents[0].partner_id.ids),
            ]
        )
        self.assertEqual(len(pages), 1, "the alert only, no 'assigned to you' mail")

    def test_many_mentions_for_the_same_people_page_them_once(self):
        first = self.mention("1", priority="3", user_id=self.agents[0].id)
        second = self.mention("2", priority="2", user_id=self.agents[0].id)
        other = self.mention("3", priority="3", user_id=self.agents[1].id)
        mentions = first | second | other
        before = self.env["mail.message"].search_count([])
        result = mentions._send_routing_alert()
        digest = self.env["mail.message"].search(
            [("model", "=", "social.crm.mention"), ("res_id", "=", first.id)]
        )
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.message_type, "user_notification")
        self.assertEqual(digest.partner_ids, self.agents[0].partner_id)
        self.assertIn(f"/odoo/social.crm.mention/{second.id}", digest.body)
        self.assertEqual(self.notified(other), self.agents[1].partner_id)
        self.assertEqual(
            self.env["mail.message"].search_count([]) - before, 2, "two pages"
        )
        self.assertIn("one page for 2 mentions", result[second.id][0])
        self.assertEqual(result[other.id][0], "alert sent to Agent 2")
        for mention in mentions:
            self.assertTrue(mention.alert_sent_at)
            self.assertEqual(len(self.activities(mention)), 1)
