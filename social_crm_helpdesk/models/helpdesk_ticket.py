import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# A contact posting again this many days after their ticket closed reopens it.
REOPEN_DAYS = 7


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    social_mention_ids = fields.One2many(
        "social.crm.mention", "ticket_id", string="Social Mentions"
    )
    social_mention_count = fields.Integer(compute="_compute_social_mention_count")
    is_social = fields.Boolean(
        compute="_compute_is_social",
        help="Opened from a social mention (channel Social).",
    )
    sla_id = fields.Many2one(
        "social.crm.helpdesk.sla",
        string="Social SLA",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    sla_start = fields.Datetime(
        string="SLA Start",
        readonly=True,
        copy=False,
        help="When the SLA clock started: the ticket's creation or its last reopening.",
    )
    sla_response_deadline = fields.Datetime(
        string="First Response Due",
        compute="_compute_sla_deadlines",
        store=True,
        copy=False,
    )
    sla_resolution_deadline = fields.Datetime(
        string="Resolution Due",
        compute="_compute_sla_deadlines",
        store=True,
        copy=False,
    )
    social_first_response_at = fields.Datetime(
        string="First Social Response",
        readonly=True,
        copy=False,
        help="When the first public reply to one of its mentions was sent.",
    )
    sla_overdue = fields.Boolean(
        string="SLA Overdue",
        readonly=True,
        copy=False,
        index=True,
        help="A first-response or resolution deadline passed before it was met.",
    )
    sla_escalated = fields.Boolean(string="SLA Escalated", readonly=True, copy=False)

    @api.depends("social_mention_ids")
    def _compute_social_mention_count(self):
        counts = dict(
            self.env["social.crm.mention"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.social_mention_count = counts.get(ticket, 0)

    @api.depends("channel_id")
    def _compute_is_social(self):
        channel = self.env.ref(
            "social_crm_helpdesk.helpdesk_ticket_channel_social",
            raise_if_not_found=False,
        )
        for ticket in self:
            ticket.is_social = bool(channel) and ticket.channel_id == channel

    @api.depends("sla_id", "sla_start")
    def _compute_sla_deadlines(self):
        # Deadlines are fixed when the clock starts: later edits of the SLA
        # table do not move the deadlines of running tickets.
        for ticket in self:
            sla, start = ticket.sla_id, ticket.sla_start
            if not sla or not start:
                ticket.sla_response_deadline = False
                ticket.sla_resolution_deadline = False
                continue
            ticket.sla_response_deadline = start + timedelta(hours=sla.response_hours)
            ticket.sla_resolution_deadline = start + timedelta(
                hours=sla.resolution_hours
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        channel = self.env.ref(
            "social_crm_helpdesk.helpdesk_ticket_channel_social",
            raise_if_not_found=False,
        )
        social_vals = [
            vals
            for vals in vals_list
            if channel
            and vals.get("channel_id") == channel.id
            and not vals.get("sla_id")
        ]
        if social_vals:
            slas = self.env["social.crm.helpdesk.sla"]._find_for(
                [
                    (vals.get("team_id"), vals.get("priority") or "1")
                    for vals in social_vals
                ]
            )
            now = fields.Datetime.now()
            for vals in social_vals:
                sla = slas.get((vals.get("team_id"), vals.get("priority") or "1"))
                if sla:
                    vals.update(sla_id=sla.id, sla_start=now)
        return super().create(vals_list)

    def write(self, vals):
        was_open = (
            self.filtered(lambda ticket: not ticket.closed)
            if "stage_id" in vals
            else self.browse()
        )
        result = super().write(vals)
        newly_closed = was_open.filtered("closed")
        if newly_closed:
            # Side effects on records the closer may not see (mentions,
            # engagements): the write above checked their right on the ticket.
            newly_closed.sudo()._on_social_close()
        return result

    def _on_social_close(self):
        """Mark the mentions done and post the configured closing reply.

        A reply that cannot be posted (no credentials, API down, approval
        required) stays on its engagement; closing goes on."""
        mentions = self.social_mention_ids
        mentions.filtered(lambda m: m.state not in ("done", "ignored")).write(
            {"state": "done"}
        )
        replies = []
        for ticket in self.filtered("social_mention_ids"):
            text = ticket.sla_id.closing_reply or ticket.team_id.social_closing_reply
            if not (text or "").strip():
                continue
            latest = ticket.social_mention_ids.sorted(
                lambda m: (m.posted_at, m.id), reverse=True
            )[:1]
            replies.append(
                {
                    "mention_id": latest.id,
                    "engagement_type": "reply",
                    "body": ticket._render_closing_reply(text, latest),
                    "user_id": self.env.uid,
                }
            )
        if not replies:
            return
        engagements = self.env["social.crm.engagement"].create(replies)
        for engagement in engagements:
            try:
                with self.env.cr.savepoint():
                    engagement.action_submit()
            except UserError as error:
                _logger.info("Closing reply %s not sent: %s", engagement.id, error)
                engagement.write({"state": "failed", "failure_reason": str(error)})
        for engagement in engagements.filtered(lambda e: e.state == "failed"):
            ticket = engagement.mention_id.ticket_id
            ticket.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "The closing reply could not be posted on %(platform)s: %(reason)s",
                    platform=engagement.mention_id._platform_label(),
                    reason=engagement.failure_reason or "",
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _render_closing_reply(self, text, mention):
        self.ensure_one()
        try:
            return self.env["social.crm.reply.template"]._render_for(mention, text)
        except ValueError:
            return text

    # ------------------------------------------------------------------
    # Reopening
    # ------------------------------------------------------------------
    def _reopen_for_mention(self, mention):
        """Move a recently closed ticket back to its team's first open stage."""
        self.ensure_one()
        stage = (
            self.team_id._social_open_stage()
            if self.team_id
            else (self.env["helpdesk.ticket.team"]._social_open_stage())
        )
        self.write(
            {
                "stage_id": stage.id,
                "sla_start": fields.Datetime.now(),
                "sla_overdue": False,
                "sla_escalated": False,
                "social_first_response_at": False,
                "closed_date": False,
            }
        )
        self.message_post(
            body=Markup("<p>%s</p><blockquote>%s</blockquote>")
            % (
                self.env._(
                    "Reopened: %(author)s posted again on %(platform)s less than "
                    "%(days)s days after the ticket was closed.",
                    author=mention.identity_id.name or self.env._("the contact"),
                    platform=mention._platform_label(),
                    days=REOPEN_DAYS,
                ),
                mention.text,
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # SLA escalation
    # ------------------------------------------------------------------
    @api.model
    def _sla_pending_domain(self, now=None):
        now = now or fields.Datetime.now()
        return [
            ("sla_id", "!=", False),
            ("sla_escalated", "=", False),
            ("stage_id.closed", "=", False),
            "|",
            ("sla_resolution_deadline", "<", now),
            "&",
            ("sla_response_deadline", "<", now),
            ("social_first_response_at", "=", False),
        ]

    @api.model
    def _cron_escalate_overdue(self, batch_size=200):
        now = fields.Datetime.now()
        tickets = self.search(
            self._sla_pending_domain(now), limit=batch_size, order="id"
        )
        tickets._escalate_sla()
        remaining = self.search_count(self._sla_pending_domain(now)) if tickets else 0
        self.env["ir.cron"]._notify_progress(done=len(tickets), remaining=remaining)
        return tickets

    def _escalate_sla(self):
        """Escalate once: flag, move to the SLA's escalation team, and give the
        team leader an activity. The tickets leave the pending domain whatever
        happens to the activity."""
        if not self:
            return
        now = fields.Datetime.now()
        self.write({"sla_overdue": True, "sla_escalated": True})
        by_team = {}
        for ticket in self.filtered("sla_id.escalation_team_id"):
            if ticket.team_id != ticket.sla_id.escalation_team_id:
                by_team.setdefault(ticket.sla_id.escalation_team_id, self.browse())
                by_team[ticket.sla_id.escalation_team_id] |= ticket
        moved_ids = {ticket.id for tickets in by_team.values() for ticket in tickets}
        for team, tickets in by_team.items():
            # helpdesk_mgmt recomputes the stage (kept when the new team uses
            # it) and the assignee (dropped when not a member).
            tickets.write({"team_id": team.id})
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        activities, bodies = [], {}
        for ticket in self:
            missed = (
                self.env._("resolution")
                if ticket.sla_resolution_deadline
                and ticket.sla_resolution_deadline < now
                else self.env._("first response")
            )
            moved = ticket.id in moved_ids
            bodies[ticket.id] = Markup("<p>%s</p>") % (
                self.env._(
                    "SLA %(sla)s missed (%(missed)s): escalated to %(team)s.",
                    sla=ticket.sla_id.name,
                    missed=missed,
                    team=ticket.team_id.name,
                )
                if moved
                else self.env._(
                    "SLA %(sla)s missed (%(missed)s): escalated to the team leader.",
                    sla=ticket.sla_id.name,
                    missed=missed,
                )
            )
            leader = (
                ticket.team_id._social_escalation_user() if ticket.team_id else False
            )
            if leader:
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": ticket.id,
                        "activity_type_id": todo.id,
                        "user_id": leader.id,
                        "summary": self.env._("Overdue social ticket"),
                        "note": bodies[ticket.id],
                        "date_deadline": fields.Date.context_today(self),
                    }
                )
        if activities:
            self.env["mail.activity"].create(activities)
        self._message_log_batch(bodies=bodies)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_social_mentions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_crm.social_crm_mention_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_reply_on_social(self):
        """Reply on the social network to the ticket's latest mention."""
        self.ensure_one()
        mention = self.social_mention_ids.sorted(
            lambda m: (m.posted_at, m.id), reverse=True
        )[:1]
        if not mention:
            raise UserError(
                self.env._(
                    "Ticket %(number)s has no social mention.", number=self.number
                )
            )
        mention.check_access("write")
        return mention.action_open_reply_wizard()
