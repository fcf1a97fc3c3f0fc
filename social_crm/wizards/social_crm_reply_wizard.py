from odoo import api, fields, models
from odoo.exceptions import UserError


class SocialCrmReplyWizard(models.TransientModel):
    """Compose a reply to a mention, from a template or from scratch.

    Sending creates a ``social.crm.engagement`` and submits it: the engagement
    handles the manager's approval, the platform call, failures and double
    submissions.
    """

    _name = "social.crm.reply.wizard"
    _description = "Reply to a Mention"

    mention_id = fields.Many2one("social.crm.mention", required=True, readonly=True)
    company_id = fields.Many2one(related="mention_id.company_id")
    language = fields.Char(related="mention_id.language")
    template_id = fields.Many2one(
        "social.crm.reply.template",
        string="Template",
        compute="_compute_template_id",
        store=True,
        precompute=True,
        readonly=False,
        domain="[('company_id', '=', company_id)]",
    )
    reply_type = fields.Selection(
        [("reply", "Public Reply"), ("direct_message", "Direct Message")],
        compute="_compute_reply_type",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    body = fields.Text(
        compute="_compute_body",
        store=True,
        precompute=True,
        readonly=False,
        help="Placeholders such as {author_name} are replaced when sending; "
        "see the preview.",
    )
    preview = fields.Text(compute="_compute_preview")
    preview_error = fields.Char(compute="_compute_preview")
    preview_length = fields.Integer(string="Characters", compute="_compute_preview")

    @api.depends("mention_id")
    def _compute_template_id(self):
        for wizard in self:
            mention = wizard.mention_id
            if not mention:
                wizard.template_id = False
                continue
            templates = self.env["social.crm.reply.template"].search(
                [("company_id", "=", mention.company_id.id)]
            )
            language = (mention.language or "").split("-")[0].lower()
            wizard.template_id = (
                templates.filtered(
                    lambda t, lang=language: lang and (t.language or "").lower() == lang
                )[:1]
                or templates.filtered(lambda t: not t.language)[:1]
            )

    @api.depends("mention_id")
    def _compute_reply_type(self):
        for wizard in self:
            wizard.reply_type = (
                "direct_message" if wizard.mention_id.kind == "dm" else "reply"
            )

    @api.depends("template_id")
    def _compute_body(self):
        for wizard in self:
            wizard.body = wizard.template_id.body or wizard.body or False

    @api.depends("body", "mention_id")
    def _compute_preview(self):
        for wizard in self:
            wizard.preview_error = False
            try:
                wizard.preview = wizard._render()
            except UserError as error:
                wizard.preview = False
                wizard.preview_error = error.args[0]
            wizard.preview_length = len(wizard.preview or "")

    def _render(self):
        self.ensure_one()
        if not self.mention_id:
            return ""
        try:
            return self.env["social.crm.reply.template"]._render_for(
                self.mention_id, self.body or ""
            )
        except ValueError as error:
            raise UserError(str(error)) from error

    def action_send(self):
        self.ensure_one()
        mention = self.mention_id
        mention.check_access("write")
        text = self._render().strip()
        if not text:
            raise UserError(
                self.env._("Write the text of the reply before sending it.")
            )
        engagement = self.env["social.crm.engagement"].create(
            {
                "mention_id": mention.id,
                "engagement_type": self.reply_type,
                "body": text,
            }
        )
        engagement.action_submit()
        return self._feedback(engagement)

    def _feedback(self, engagement):
        """Close the dialog with a notification saying what happened."""
        _ = self.env._
        if engagement.state == "sent":
            kind, sticky = "success", False
            message = _("Your reply was posted.")
        elif engagement.state == "to_approve":
            kind, sticky = "warning", False
            message = _("Your reply waits for a manager's approval.")
        else:
            kind, sticky = "danger", True
            message = _(
                "The reply could not be posted: %(reason)s. It is kept under "
                "Replies & Actions to send again.",
                reason=engagement.failure_reason or _("unknown error"),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": kind,
                "sticky": sticky,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
