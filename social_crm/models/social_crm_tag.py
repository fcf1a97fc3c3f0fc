from random import randint

from odoo import fields, models


class SocialCrmTag(models.Model):
    _name = "social.crm.tag"
    _description = "Social CRM Tag"
    _order = "name"

    def _default_color(self):
        return randint(1, 11)

    name = fields.Char(required=True, translate=True)
    color = fields.Integer(default=_default_color)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "A tag with this name already exists."),
    ]
