from datetime import timedelta

import pytz

from odoo import fields, models

from ..lib import identity_matching


class ResCompany(models.Model):
    _inherit = "res.company"

    social_crm_reply_approval = fields.Boolean(
        string="Replies Need Approval",
        help="Replies written by Social CRM users wait for a manager's approval "
        "before they are posted.",
    )
    social_crm_auto_link_threshold = fields.Integer(
        string="Auto-link Threshold", default=92
    )
    social_crm_suggest_threshold = fields.Integer(
        string="Suggestion Threshold", default=75
    )
    social_crm_auto_create_partner = fields.Boolean(
        string="Create Contacts for Unknown Authors", default=True
    )
    social_crm_never_auto_link_platforms = fields.Char(
        string="Never Auto-link On",
        default="reddit",
        help="Comma-separated platforms whose terms forbid matching authors to "
        "contacts automatically: matches there are only suggested.",
    )

    def _social_crm_match_settings(self):
        self.ensure_one()
        platforms = {
            item.strip()
            for item in (self.social_crm_never_auto_link_platforms or "").split(",")
            if item.strip()
        }
        suggest = min(
            self.social_crm_suggest_threshold, self.social_crm_auto_link_threshold
        )
        return identity_matching.MatchSettings(
            auto_link_threshold=self.social_crm_auto_link_threshold,
            suggest_threshold=suggest,
            never_auto_link_platforms=frozenset(platforms),
            default_region=self.country_id.code or "US",
        )

    def _social_crm_in_business_hours(self, when=None):
        """Whether ``when`` (naive UTC, now by default) falls in the working
        time of the company's calendar, public holidays excluded. A company
        without a calendar, or with flexible hours, is always open."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar or calendar.flexible_hours:
            return True
        start = pytz.utc.localize(when or fields.Datetime.now())
        intervals = calendar._work_intervals_batch(start, start + timedelta(minutes=1))
        return bool(intervals[False])
