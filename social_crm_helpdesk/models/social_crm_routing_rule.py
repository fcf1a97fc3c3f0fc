from odoo import api, fields, models


class SocialCrmRoutingRule(models.Model):
    _inherit = "social.crm.routing.rule"

    partner_condition = fields.Selection(
        selection_add=[("opportunity", "Has an open opportunity")],
        ondelete={"opportunity": "set default"},
    )
    create_ticket = fields.Boolean(
        help="Open a helpdesk ticket, or link the mention to the contact's open "
        "social ticket, or reopen the one closed less than a week ago.",
    )
    ticket_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Ticket Team",
        check_company=True,
        help="Empty: the default helpdesk team of the Social CRM settings.",
    )
    create_lead = fields.Boolean(
        help="Create a CRM lead (UTM source, medium and campaign filled) unless "
        "the mention has one."
    )
    lead_team_id = fields.Many2one("crm.team", string="Sales Team", check_company=True)
    mailing_list_id = fields.Many2one(
        "mailing.list",
        string="Add to Mailing List",
        help="Subscribe the author's contact (found or created by email); "
        "contacts without an email are skipped.",
    )

    @api.model
    def _summary_depends(self):
        return super()._summary_depends() + [
            "create_ticket",
            "ticket_team_id",
            "create_lead",
            "lead_team_id",
            "mailing_list_id",
        ]

    def _action_labels(self):
        labels = super()._action_labels()
        _ = self.env._
        if self.create_ticket:
            labels.append(
                _("ticket in %(team)s", team=self.ticket_team_id.name)
                if self.ticket_team_id
                else _("ticket")
            )
        if self.create_lead:
            labels.append(_("lead"))
        if self.mailing_list_id:
            labels.append(_("add to %(list)s", list=self.mailing_list_id.name))
        return labels

    def _matches_partner(self, mention):
        if self.partner_condition != "opportunity":
            return super()._matches_partner(mention)
        partner = mention.partner_id
        if not partner:
            return False
        # opportunity_ids (crm) is read for the whole batch of partners at once.
        leads = partner.opportunity_ids | partner.commercial_partner_id.opportunity_ids
        return any(lead.active and not lead.stage_id.is_won for lead in leads)

    def _apply(self, mentions):
        res = super()._apply(mentions)
        if not mentions:
            return res
        # Rules are configured by managers and run after ingestion for
        # whoever fetched: their actions do not depend on that user's rights.
        mentions_sudo = mentions.sudo()
        if self.create_ticket:
            outcomes = {}
            mentions_sudo._create_tickets(
                team=self.ticket_team_id or None, outcomes=outcomes
            )
            messages = {
                "created": self.env._("ticket %(number)s created"),
                "linked": self.env._("ticket %(number)s linked"),
                "reopened": self.env._("ticket %(number)s reopened"),
            }
            for mention in mentions_sudo:
                outcome = outcomes.get(mention.id)
                if mention.ticket_id:
                    message = messages.get(outcome) or self.env._(
                        "already on ticket %(number)s"
                    )
                    res.setdefault(mention.id, []).append(
                        message % {"number": mention.ticket_id.number}
                    )
        if self.create_lead:
            pending = mentions_sudo.filtered(lambda mention: not mention.lead_id)
            pending._create_leads(team=self.lead_team_id or None, automatic=True)
            for mention in pending:
                res.setdefault(mention.id, []).append(
                    self.env._("lead created: %(lead)s", lead=mention.lead_id.name)
                )
        if self.mailing_list_id:
            notes = mentions_sudo._add_to_mailing_list(self.mailing_list_id.sudo())
            for mention_id, lines in notes.items():
                res.setdefault(mention_id, []).extend(lines)
        return res
