from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import errors as lib_errors


class SocialCrmEngagement(models.Model):
    _name = "social.crm.engagement"
    _description = "Social Engagement"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    mention_id = fields.Many2one(
        "social.crm.mention",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", related="mention_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(related="mention_id.partner_id")
    platform = fields.Selection(related="mention_id.platform")
    engagement_type = fields.Selection(
        [
            ("reply", "Public Reply"),
            ("like", "Like"),
            ("share", "Share"),
            ("direct_message", "Direct Message"),
            ("note", "Internal Note"),
        ],
        string="Type",
        required=True,
        default="reply",
    )
    body = fields.Text()
    user_id = fields.Many2one(
        "res.users", string="Author", default=lambda self: self.env.user, required=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("sent", "Sent"),
            ("failed", "Failed"),
        ],
        default="draft",
        required=True,
        index=True,
        copy=False,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    sent_at = fields.Datetime(readonly=True, copy=False)
    external_id = fields.Char(string="Platform Reply ID", readonly=True, copy=False)
    failure_reason = fields.Text(readonly=True, copy=False)

    @api.constrains("engagement_type", "body")
    def _check_body(self):
        for engagement in self:
            if (
                engagement.engagement_type
                in (
                    "reply",
                    "direct_message",
                    "note",
                )
                and not (engagement.body or "").strip()
            ):
                raise UserError(_("Write the text of the reply before saving it."))

    def action_submit(self):
        """Send now, or ask a manager first when the team requires approval."""
        to_approve = self.filtered(lambda e: e._needs_approval())
        to_approve.write({"state": "to_approve"})
        (self - to_approve).action_send()

    def action_approve(self):
        if not self.env.user.has_group("social_crm.group_social_crm_manager"):
            raise UserError(_("Only Social CRM managers can approve replies."))
        pending = self.filtered(lambda e: e.state == "to_approve")
        pending.write({"state": "approved", "approved_by_id": self.env.user.id})
        pending.action_send()

    def _needs_approval(self):
        self.ensure_one()
        return (
            self.engagement_type != "note"
            and self.state == "draft"
            and self.env.company.social_crm_reply_approval
            and not self.env.user.has_group("social_crm.group_social_crm_manager")
        )

    def action_send(self):
        for engagement in self:
            engagement._send()

    def _send(self):
        """Post once: the row lock makes a double click or a retry wait and
        then find the engagement already sent."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT state FROM social_crm_engagement WHERE id = %s FOR UPDATE",
            [self.id],
        )
        self.invalidate_recordset(["state"])
        if self.state not in ("draft", "approved", "failed"):
            return
        if self.state == "draft" and self._needs_approval():
            raise UserError(_("This reply must be approved by a manager first."))
        mention = self.mention_id
        now = fields.Datetime.now()
        if self.engagement_type == "note":
            mention.message_post(body=Markup("<p>%s</p>") % self.body)
            self.write({"state": "sent", "sent_at": now})
            return
        try:
            external_id = mention.account_id._get_connector().send_reply(
                mention.external_id,
                self.body or "",
                parent_author_handle=mention.author_handle,
                direct_message=self.engagement_type == "direct_message"
                or mention.kind == "dm",
                idempotency_key=f"social-crm-engagement-{self.id}",
            )
        except lib_errors.SocialCrmError as error:
            self.write({"state": "failed", "failure_reason": error.message})
            return
        self.write(
            {
                "state": "sent",
                "sent_at": now,
                "external_id": external_id,
                "failure_reason": False,
            }
        )
        if self.engagement_type in ("reply", "direct_message"):
            mention._register_first_response(now)
            if mention.state in ("new", "assigned"):
                mention.state = "in_progress"
