from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import reply_templates


class SocialCrmReplyTemplate(models.Model):
    _name = "social.crm.reply.template"
    _description = "Social CRM Reply Template"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    body = fields.Text(
        required=True,
        help="Text of the reply. Placeholders: {contact_name}, {author_name}, "
        "{author_handle}, {ticket_number}. Write {{ and }} for literal braces.",
    )
    language = fields.Char(
        help="ISO 639-1 code (en, ja, es...). The reply composer proposes the "
        "templates in the language of the mention first.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.constrains("body")
    def _check_body(self):
        names = self.env["social.crm.mention"]._reply_placeholders()
        for template in self:
            try:
                reply_templates.render_reply(template.body, names)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Template %(name)s: %(error)s", name=template.name, error=error
                    )
                ) from error

    def _render_for(self, mention, body=None):
        """Render ``body`` (this template's by default) for ``mention``."""
        text = self.body if body is None else body
        return reply_templates.render_reply(text, mention._reply_placeholders())
