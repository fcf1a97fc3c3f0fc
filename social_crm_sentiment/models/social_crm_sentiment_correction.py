from odoo import api, fields, models

from odoo.addons.social_crm.models.social_crm_mention import SENTIMENTS


class SocialCrmSentimentCorrection(models.Model):
    """A user changed the sentiment the scorer gave to a mention.

    Created by ``social.crm.mention.write`` and never by hand: the company's
    adaptation learns from these, and their count measures how often the
    automatic labels are wrong.
    """

    _name = "social.crm.sentiment.correction"
    _description = "Sentiment Correction"
    _order = "date desc, id desc"
    _rec_name = "mention_id"
    _check_company_auto = True

    mention_id = fields.Many2one(
        "social.crm.mention",
        string="Mention",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Corrected By",
        required=True,
        index=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(required=True, index=True, default=fields.Datetime.now)
    text = fields.Text()
    language = fields.Char()
    old_label = fields.Selection(SENTIMENTS, string="Automatic Label")
    new_label = fields.Selection(SENTIMENTS, string="Corrected Label", required=True)
    old_score = fields.Float(string="Automatic Score", aggregator="avg")
    old_source = fields.Char(
        string="Engine", help="Source of the automatic label that was corrected."
    )

    @api.model_create_multi
    def create(self, vals_list):
        missing = [vals for vals in vals_list if not vals.get("company_id")]
        if missing:
            mentions = self.env["social.crm.mention"].browse(
                [vals["mention_id"] for vals in missing]
            )
            companies = {mention.id: mention.company_id.id for mention in mentions}
            for vals in missing:
                vals["company_id"] = (
                    companies[vals["mention_id"]] or self.env.company.id
                )
        return super().create(vals_list)
