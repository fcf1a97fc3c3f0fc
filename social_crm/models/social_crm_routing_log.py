from odoo import fields, models


class SocialCrmRoutingLog(models.Model):
    _name = "social.crm.routing.log"
    _description = "Social CRM Routing Log"
    _order = "date desc, id desc"
    _rec_name = "rule_name"
    _check_company_auto = True

    mention_id = fields.Many2one(
        "social.crm.mention",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    rule_id = fields.Many2one(
        "social.crm.routing.rule",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        help="Empty for the automatic alert of high-priority mentions.",
    )
    rule_name = fields.Char(
        required=True,
        help="Name of the rule when it ran, kept if the rule is renamed or deleted.",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    actions = fields.Text(help="What the rule did, one action a line.")
    company_id = fields.Many2one(
        "res.company",
        related="mention_id.company_id",
        store=True,
        index=True,
        precompute=True,
    )
