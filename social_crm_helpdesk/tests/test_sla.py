from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import SocialCrmHelpdeskCommon


@tagged("post_install", "-at_install")
class TestSocialSla(SocialCrmHelpdeskCommon):
    def _ticket(self, external_id, priority):
        mention = self.mention(external_id, partner=None, priority=priority)
        mention.action_create_ticket()
        return mention.ticket_id

    def _age(self, ticket, hours):
        ticket.sla_start = fields.Datetime.now() - timedelta(hours=hours)

    def test_deadlines_per_priority(self):
        urgent = self._ticket("201", "3")
        self.assertEqual(urgent.sla_id, self.sla_urgent)
        self.assertEqual(
            urgent.sla_response_deadline - urgent.sla_start, timedelta(hours=1)
        )
        self.assertEqual(
            urgent.sla_resolution_deadline - urgent.sla_start, timedelta(hours=24)
        )
        medium = self._ticket("202", "1")
        self.assertEqual(medium.sla_id, self.sla_medium)
        self.assertEqual(
            medium.sla_response_deadline - medium.sla_start, timedelta(hours=8)
        )
        self.assertEqual(
            medium.sla_resolution_deadline - medium.sla_start, timedelta(hours=72)
        )
        # No SLA for High in this team: no deadlines.
        high = self._ticket("203", "2")
        self.assertFalse(high.sla_id)
        self.assertFalse(high.sla_response_deadline)
        # A ticket that did not come from social media gets no social SLA.
        other = self.env["helpdesk.ticket"].create(
            {
                "name": "Phone call",
                "description": "x",
                "team_id": self.team.id,
                "priority": "3",
            }
        )
        self.assertFalse(other.sla_id)

    def test_overdue_ticket_escalates_once_to_the_escalation_team(self):
        ticket = self._ticket("204", "3")
        on_time = self._ticket("205", "1")
        self.assertFalse(ticket._cron_escalate_overdue())
        self._age(ticket, 2)  # first response due after 1 hour
        escalated = self.env["helpdesk.ticket"]._cron_escalate_overdue()
        self.assertEqual(escalated, ticket)
        self.assertTrue(ticket.sla_overdue)
        self.assertTrue(ticket.sla_escalated)
        self.assertEqual(ticket.team_id, self.dev_team)
        activity = ticket.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.dev_leader)
        self.assertIn("escalated to Product Development", ticket.message_ids[0].body)
        self.assertFalse(on_time.sla_overdue)
        # Once only.
        self.assertFalse(self.env["helpdesk.ticket"]._cron_escalate_overdue())
        self.assertEqual(len(ticket.activity_ids), 1)
        overdue = self.env["helpdesk.ticket"].search(
            [("sla_overdue", "=", True), ("closed", "=", False)]
        )
        self.assertIn(ticket, overdue)

    def test_overdue_without_escalation_team_alerts_the_leader(self):
        ticket = self._ticket("206", "1")
        self._age(ticket, 80)  # past the 72 h resolution target
        self.env["helpdesk.ticket"]._cron_escalate_overdue()
        self.assertTrue(ticket.sla_escalated)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.activity_ids.user_id, self.leader)

    def test_first_response_stops_the_response_deadline(self):
        ticket = self._ticket("207", "1")
        self._age(ticket, 10)  # response due after 8 h, resolution after 72 h
        ticket.social_first_response_at = fields.Datetime.now() - timedelta(hours=9)
        self.assertFalse(self.env["helpdesk.ticket"]._cron_escalate_overdue())
        self.assertFalse(ticket.sla_overdue)

    def test_closed_tickets_do_not_escalate(self):
        ticket = self._ticket("208", "3")
        self._age(ticket, 30)
        ticket.stage_id = self.done_stage
        self.assertFalse(self.env["helpdesk.ticket"]._cron_escalate_overdue())

    def test_cron_processes_one_batch_per_call(self):
        tickets = self._ticket("209", "1") | self._ticket("210", "1")
        self.assertEqual(len(tickets), 2)
        for ticket in tickets:
            self._age(ticket, 100)
        Ticket = self.env["helpdesk.ticket"]
        first = Ticket._cron_escalate_overdue(batch_size=1)
        second = Ticket._cron_escalate_overdue(batch_size=1)
        self.assertEqual(len(first), 1)
        self.assertEqual(first | second, tickets)
        self.assertFalse(Ticket._cron_escalate_overdue(batch_size=1))
