import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib.purchase_intent import detect_purchase_intent
from .helpdesk_ticket import REOPEN_DAYS

_logger = logging.getLogger(__name__)


class SocialCrmMention(models.Model):
    _inherit = "social.crm.mention"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Helpdesk Ticket",
        index="btree_not_null",
        copy=False,
        tracking=True,
    )
    ticket_stage_id = fields.Many2one(
        related="ticket_id.stage_id", string="Ticket Stage"
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Lead",
        index="btree_not_null",
        copy=False,
        tracking=True,
        ondelete="set null",
    )
    purchase_intent = fields.Char(
        compute="_compute_purchase_intent",
        store=True,
        help='Cues of purchase intent found in the text ("where can I buy", '
        '"precio", "買いたい"...).',
    )

    @api.depends("text", "language")
    def _compute_purchase_intent(self):
        for mention in self:
            cues = detect_purchase_intent(mention.text or "", mention.language or None)
            mention.purchase_intent = ", ".join(cues) or False

    def write(self, vals):
        result = super().write(vals)
        if vals.get("sentiment") and not self.env.context.get("social_crm_ingesting"):
            # Sentiment scored after ingestion (by hand or by the sentiment
            # addon): same follow-ups as at ingestion, configured by managers,
            # once the write above checked the user's access.
            self.sudo()._after_sentiment()
        return result

    # ------------------------------------------------------------------
    # Ingestion
    # ------------------------------------------------------------------
    def _after_ingest(self):
        result = super()._after_ingest()
        # Automations configured by managers; they run for whoever fetched.
        mentions = self.sudo().with_context(social_crm_ingesting=True)
        mentions._after_sentiment()
        auto = mentions.filtered(
            lambda m: m.purchase_intent
            and not m.lead_id
            and m.company_id.social_crm_auto_lead
            and not m.deleted_on_platform
        )
        if auto:
            auto._create_leads(automatic=True)
        return result

    def _after_sentiment(self):
        """Negative follow-ups join the contact's open social ticket; a positive
        post after a recently closed ticket closes the loop; positive mentions
        of influential authors tag their contact as Advocate."""
        negative = self.filtered(
            lambda m: m.sentiment == "negative" and m.partner_id and not m.ticket_id
        )
        if negative:
            open_tickets = negative._open_social_tickets_by_partner(negative.partner_id)
            for mention in negative:
                ticket = open_tickets.get(mention.partner_id)
                if ticket:
                    mention._link_to_ticket(ticket)
        self.filtered(
            lambda m: m.sentiment == "positive" and m.partner_id and not m.ticket_id
        )._close_the_loop()
        self._tag_advocates()

    def _close_the_loop(self):
        """A happy post from a contact whose social ticket just closed is the
        end of that case: link it to the ticket and mark it done."""
        if not self:
            return
        partners = self.partner_id
        open_partners = set(self._open_social_tickets_by_partner(partners))
        closed = self._recently_closed_social_tickets_by_partner(partners)
        for mention in self:
            ticket = closed.get(mention.partner_id)
            if ticket and mention.partner_id not in open_partners:
                mention._link_to_ticket(ticket)
                mention.write({"state": "done"})

    # ------------------------------------------------------------------
    # Tickets
    # ------------------------------------------------------------------
    def _check_ticket_access(self):
        self.check_access("write")
        if not self.env["helpdesk.ticket"].has_access("create"):
            raise AccessError(
                self.env._(
                    "Creating helpdesk tickets needs Helpdesk rights: ask an "
                    'administrator to give you at least "User: Personal tickets" '
                    "in Helpdesk."
                )
            )

    def action_create_ticket(self):
        """Open (or reuse, or reopen) a helpdesk ticket for each selected mention."""
        self._check_ticket_access()
        tickets = self._create_tickets()
        if len(self) == 1:
            return self.action_view_ticket()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "name": self.env._("Tickets"),
            "view_mode": "list,form",
            "domain": [("id", "in", tickets.ids)],
        }

    def action_view_ticket(self):
        self.ensure_one()
        if not self.ticket_id:
            raise UserError(self.env._("This mention has no ticket yet."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
        }

    def _create_tickets(self, team=None, outcomes=None):
        """Link each mention to its contact's open social ticket, reopen the
        one closed less than REOPEN_DAYS days ago, or open a new one.

        Returns the tickets of the mentions; fills ``outcomes`` (if given) with
        {mention id: "linked" | "reopened" | "created"}."""
        outcomes = {} if outcomes is None else outcomes
        pending = self.filtered(lambda mention: not mention.ticket_id)
        open_tickets = self._open_social_tickets_by_partner(pending.partner_id)
        recent = self._recently_closed_social_tickets_by_partner(
            pending.partner_id.filtered(lambda p: p not in open_tickets)
        )
        to_create, creating_for = [], []
        for mention in pending:
            partner = mention.partner_id
            ticket = open_tickets.get(partner) if partner else None
            if ticket:
                mention._link_to_ticket(ticket)
                outcomes[mention.id] = "linked"
                continue
            ticket = recent.pop(partner, None) if partner else None
            if ticket:
                ticket._reopen_for_mention(mention)
                mention._link_to_ticket(ticket, note=False)
                outcomes[mention.id] = "reopened"
                # Later mentions of the batch from the same contact join it.
                open_tickets[partner] = ticket
                continue
            to_create.append(mention._ticket_values(team))
            creating_for.append(mention)
        tickets = self.env["helpdesk.ticket"].create(to_create)
        for mention, ticket in zip(creating_for, tickets, strict=True):
            mention._link_to_ticket(ticket, note=False)
            outcomes[mention.id] = "created"
        return self.ticket_id

    def _link_to_ticket(self, ticket, note=True):
        self.ensure_one()
        values = {"ticket_id": ticket.id}
        if self.state == "new":
            values["state"] = "in_progress" if self.user_id else "assigned"
        self.write(values)
        if note:
            ticket.message_post(
                body=Markup("<p>%s</p><blockquote>%s</blockquote><p>%s</p>")
                % (
                    self.env._(
                        "New social mention from %(author)s on %(platform)s:",
                        author=self.identity_id.name or self.env._("the contact"),
                        platform=self._platform_label(),
                    ),
                    self.text,
                    self.url or "",
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _social_ticket_domain(self, partners):
        channel = self.env.ref("social_crm_helpdesk.helpdesk_ticket_channel_social")
        return [("partner_id", "in", partners.ids), ("channel_id", "=", channel.id)]

    def _open_social_tickets_by_partner(self, partners):
        if not partners:
            return {}
        tickets = self.env["helpdesk.ticket"].search(
            self._social_ticket_domain(partners) + [("stage_id.closed", "=", False)],
            order="create_date desc, id desc",
        )
        by_partner = {}
        for ticket in tickets:
            by_partner.setdefault(ticket.partner_id, ticket)
        return by_partner

    def _recently_closed_social_tickets_by_partner(self, partners):
        """The last social ticket of each contact when it closed less than
        REOPEN_DAYS days ago."""
        if not partners:
            return {}
        since = fields.Datetime.now() - timedelta(days=REOPEN_DAYS)
        tickets = self.env["helpdesk.ticket"].search(
            self._social_ticket_domain(partners) + [("stage_id.closed", "=", True)],
            order="closed_date desc, id desc",
        )
        by_partner = {}
        for ticket in tickets:
            by_partner.setdefault(ticket.partner_id, ticket)
        return {
            partner: ticket
            for partner, ticket in by_partner.items()
            if ticket.closed_date and ticket.closed_date >= since
        }

    def _ticket_values(self, team=None):
        self.ensure_one()
        author = self.identity_id.name or self.env._("Unknown author")
        snippet = " ".join(self.text.split())[:80]
        platform = self._platform_label()
        description = Markup(
            "<p>%s</p><blockquote>%s</blockquote><p><a href='%s'>%s</a></p>"
        ) % (
            self.env._(
                "%(author)s wrote on %(platform)s:", author=author, platform=platform
            ),
            self.text,
            self.url or "#",
            self.env._("Open the original post"),
        )
        team = team or self.company_id.social_crm_helpdesk_team_id
        values = {
            "name": self.env._(
                "[%(platform)s] %(snippet)s", platform=platform, snippet=snippet
            ),
            "description": description,
            "partner_id": self.partner_id.id or False,
            "partner_name": self.partner_id.name or author,
            "partner_email": self.partner_id.email or False,
            # mention stars and ticket priorities share the keys "0".."3"
            "priority": self.priority or "1",
            "channel_id": self.env.ref(
                "social_crm_helpdesk.helpdesk_ticket_channel_social"
            ).id,
            "company_id": self.company_id.id,
        }
        if team:
            values["team_id"] = team.id
            if self.user_id in team.user_ids:
                values["user_id"] = self.user_id.id
        elif self.user_id:
            values["user_id"] = self.user_id.id
        return values

    def _platform_label(self):
        return dict(self._fields["platform"]._description_selection(self.env)).get(
            self.platform, self.platform
        )

    # ------------------------------------------------------------------
    # Leads
    # ------------------------------------------------------------------
    def action_create_lead(self):
        self.check_access("write")
        if not self.env["crm.lead"].has_access("create"):
            raise AccessError(self.env._("Creating leads needs Sales rights (CRM)."))
        leads = self._create_leads()
        if len(self) == 1:
            return self.action_view_lead()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "name": self.env._("Leads"),
            "view_mode": "list,form",
            "domain": [("id", "in", leads.ids)],
        }

    def action_view_lead(self):
        self.ensure_one()
        if not self.lead_id:
            raise UserError(self.env._("This mention has no lead yet."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
        }

    def _create_leads(self, team=None, automatic=False):
        """One lead per mention without a lead yet; returns the mentions' leads."""
        pending = self.filtered(lambda mention: not mention.lead_id)
        if not pending:
            return self.lead_id
        sources = pending._utm_sources_by_platform()
        campaigns = pending.query_ids._get_or_create_campaigns()
        medium = self.env.ref("social_crm_helpdesk.utm_medium_social")
        lead_type = (
            "lead" if self.env.user.has_group("crm.group_use_lead") else "opportunity"
        )
        values = []
        for mention in pending:
            query = mention.query_ids.sorted("sequence")[:1]
            values.append(
                dict(
                    mention._lead_values(team, automatic=automatic),
                    type=lead_type,
                    source_id=sources[mention.platform].id,
                    medium_id=medium.id,
                    campaign_id=campaigns[query].id if query else False,
                )
            )
        leads = self.env["crm.lead"].create(values)
        for mention, lead in zip(pending, leads, strict=True):
            mention.lead_id = lead
        return self.lead_id

    def _lead_values(self, team=None, automatic=False):
        self.ensure_one()
        author = self.identity_id.name or self.env._("Unknown author")
        platform = self._platform_label()
        snippet = " ".join(self.text.split())[:60]
        values = {
            "name": self.env._(
                "[%(platform)s] %(snippet)s", platform=platform, snippet=snippet
            ),
            "description": Markup(
                "<p>%s</p><blockquote>%s</blockquote><p>%s</p>"
                "<p><a href='%s'>%s</a></p>"
            )
            % (
                self.env._(
                    "%(author)s wrote on %(platform)s:",
                    author=author,
                    platform=platform,
                ),
                self.text,
                self.env._(
                    "Purchase intent: %(cues)s", cues=self.purchase_intent or "-"
                ),
                self.url or "#",
                self.env._("Open the original post"),
            ),
            "company_id": self.company_id.id,
        }
        if self.partner_id:
            values["partner_id"] = self.partner_id.id
        else:
            values["contact_name"] = author
        if team:
            values["team_id"] = team.id
        if self.user_id:
            values["user_id"] = self.user_id.id
        elif automatic:
            values["user_id"] = False
        return values

    def _utm_sources_by_platform(self):
        """{platform key: utm.source named after the platform}: one search,
        one create for the missing ones."""
        labels = {mention.platform: mention._platform_label() for mention in self}
        Source = self.env["utm.source"].sudo()
        existing = {
            source.name: source
            for source in Source.search([("name", "in", list(labels.values()))])
        }
        missing = sorted({label for label in labels.values() if label not in existing})
        if missing:
            created = Source.create([{"name": name} for name in missing])
            existing.update(zip(missing, created, strict=True))
        return {
            platform: existing[label].with_env(self.env)
            for platform, label in labels.items()
        }

    # ------------------------------------------------------------------
    # Advocates and mailing lists
    # ------------------------------------------------------------------
    def _tag_advocates(self):
        """Tag the contacts of influential authors of positive mentions."""
        tag = self.env.ref("social_crm_helpdesk.res_partner_category_advocate")
        advocates = self.filtered(
            lambda m: m.sentiment == "positive"
            and m.partner_id
            and m.author_influence >= m.company_id.social_crm_advocate_threshold
        ).partner_id.filtered(lambda partner: tag not in partner.category_id)
        if advocates:
            advocates.write({"category_id": [Command.link(tag.id)]})
        return advocates

    def _add_to_mailing_list(self, mailing_list):
        """Subscribe the mentions' contacts to ``mailing_list``.

        Returns {mention id: [what was done]}; contacts without an email are
        skipped with a note."""
        notes = {}
        with_email = self.browse()
        for mention in self:
            if not mention.partner_id:
                notes[mention.id] = [
                    self.env._(
                        "not added to %(list)s: no contact", list=mailing_list.name
                    )
                ]
            elif not mention.partner_id.email_normalized:
                notes[mention.id] = [
                    self.env._(
                        "not added to %(list)s: %(contact)s has no email",
                        list=mailing_list.name,
                        contact=mention.partner_id.name,
                    )
                ]
            else:
                with_email |= mention
        if not with_email:
            return notes
        partners = with_email.partner_id
        emails = set(partners.mapped("email_normalized"))
        Contact = self.env["mailing.contact"]
        contacts = {}
        for contact in Contact.search(
            [("email_normalized", "in", list(emails))], order="id"
        ):
            contacts.setdefault(contact.email_normalized, contact)
        to_subscribe = Contact.browse(
            [
                contact.id
                for contact in contacts.values()
                if mailing_list not in contact.list_ids
            ]
        )
        if to_subscribe:
            to_subscribe.write({"list_ids": [Command.link(mailing_list.id)]})
        new_partners = partners.filtered(lambda p: p.email_normalized not in contacts)
        new_partners_by_email = {}
        for partner in new_partners:
            new_partners_by_email.setdefault(partner.email_normalized, partner)
        if new_partners_by_email:
            created = Contact.create(
                [
                    {
                        "name": partner.name,
                        "email": partner.email,
                        "country_id": partner.country_id.id or False,
                        "list_ids": [Command.link(mailing_list.id)],
                    }
                    for partner in new_partners_by_email.values()
                ]
            )
            _logger.debug("Created %s mailing contacts", len(created))
        for mention in with_email:
            notes[mention.id] = [
                self.env._("added to list %(list)s", list=mailing_list.name)
            ]
        return notes

    # ------------------------------------------------------------------
    # Replies
    # ------------------------------------------------------------------
    def _reply_placeholders(self):
        placeholders = super()._reply_placeholders()
        placeholders["ticket_number"] = self.ticket_id.number or ""
        return placeholders
