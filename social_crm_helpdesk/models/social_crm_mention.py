from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import UserError

# Mention priority (stars) -> ticket priority: both use "0".."3".
OPEN_TICKET_DOMAIN = [("stage_id.closed", "=", False)]


class SocialCrmMention(models.Model):
    _inherit = "social.crm.mention"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Helpdesk Ticket",
        index="btree_not_null",
        copy=False,
        tracking=True,
    )
    ticket_stage_id = fields.Many2one(related="ticket_id.stage_id", string="Ticket Stage")

    def action_create_ticket(self):
        """Open (or reuse) a helpdesk ticket for each selected mention."""
        self.check_access("write")
        self.env["helpdesk.ticket"].check_access("create")
        tickets = self._create_tickets()
        if len(self) == 1:
            return self.action_view_ticket()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "name": _("Tickets"),
            "view_mode": "list,form",
            "domain": [("id", "in", tickets.ids)],
        }

    def action_view_ticket(self):
        self.ensure_one()
        if not self.ticket_id:
            raise UserError(_("This mention has no ticket yet."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
        }

    def _create_tickets(self, team=None):
        """Link each mention to its contact's open social ticket or a new one."""
        pending = self.filtered(lambda mention: not mention.ticket_id)
        open_tickets = self._open_social_tickets_by_partner(pending.partner_id)
        to_create, creating_for = [], []
        for mention in pending:
            ticket = open_tickets.get(mention.partner_id)
            if ticket:
                mention.ticket_id = ticket
                ticket.message_post(
                    body=Markup("<p>%s</p><blockquote>%s</blockquote>")
                    % (_("New social mention from the same contact:"), mention.text),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            to_create.append(mention._ticket_values(team))
            creating_for.append(mention)
        tickets = self.env["helpdesk.ticket"].create(to_create) if to_create else (
            self.env["helpdesk.ticket"]
        )
        for mention, ticket in zip(creating_for, tickets, strict=True):
            mention.ticket_id = ticket
            if mention.state == "new":
                mention.state = "in_progress" if mention.user_id else "assigned"
        return self.ticket_id

    def _open_social_tickets_by_partner(self, partners):
        if not partners:
            return {}
        channel = self.env.ref("social_crm_helpdesk.helpdesk_ticket_channel_social")
        tickets = self.env["helpdesk.ticket"].search(
            OPEN_TICKET_DOMAIN
            + [("partner_id", "in", partners.ids), ("channel_id", "=", channel.id)],
            order="create_date desc",
        )
        by_partner = {}
        for ticket in tickets:
            by_partner.setdefault(ticket.partner_id, ticket)
        return by_partner

    def _ticket_values(self, team=None):
        self.ensure_one()
        author = self.identity_id.name or _("Unknown author")
        snippet = " ".join(self.text.split())[:80]
        description = Markup(
            "<p>%s</p><blockquote>%s</blockquote><p><a href='%s'>%s</a></p>"
        ) % (
            _("%(author)s wrote on %(platform)s:", author=author, platform=self._platform_label()),
            self.text,
            self.url or "#",
            _("Open the original post"),
        )
        values = {
            "name": _("[%(platform)s] %(snippet)s", platform=self._platform_label(), snippet=snippet),
            "description": description,
            "partner_id": self.partner_id.id or False,
            "partner_name": self.partner_id.name or author,
            "priority": self.priority or "1",
            "channel_id": self.env.ref(
                "social_crm_helpdesk.helpdesk_ticket_channel_social"
            ).id,
            "company_id": self.company_id.id,
            "user_id": self.user_id.id or False,
        }
        if team:
            values["team_id"] = team.id
        return values

    def _platform_label(self):
        return dict(self._fields["platform"]._description_selection(self.env)).get(
            self.platform, self.platform
        )
