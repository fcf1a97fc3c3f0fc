from odoo import models


class SocialCrmEngagement(models.Model):
    _inherit = "social.crm.engagement"

    def _send(self):
        result = super()._send()
        if self.state == "sent" and self.engagement_type == "reply":
            # The ticket's first public response, whoever sent it: a Social CRM
            # user without helpdesk rights must still stop the SLA clock.
            ticket = self.mention_id.ticket_id.sudo()
            if ticket and not ticket.social_first_response_at:
                ticket.social_first_response_at = self.sent_at
        return result
