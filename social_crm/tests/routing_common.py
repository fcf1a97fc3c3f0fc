from odoo import Command
from odoo.tests import new_test_user

from .common import SocialCrmCommon


class RoutingCommon(SocialCrmCommon):
    """A Social Care team of three agents led by the manager, and a company
    open around the clock unless a test closes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agents = [
            new_test_user(
                cls.env,
                login=f"routing_agent_{index}",
                name=f"Agent {index}",
                groups="base.group_user,social_crm.group_social_crm_user",
                company_id=cls.company.id,
            )
            for index in (1, 2, 3)
        ]
        cls.team = cls.env["social.crm.team"].create(
            {
                "name": "Test Care",
                "leader_id": cls.manager.id,
                "member_ids": [Command.set([agent.id for agent in cls.agents])],
            }
        )
        cls.always_open = cls.env["resource.calendar"].create(
            {
                "name": "Around the clock",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 0,
                            "hour_to": 24,
                            "day_period": "morning",
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        cls.always_closed = cls.env["resource.calendar"].create(
            {"name": "Closed", "tz": "UTC", "attendance_ids": []}
        )
        cls.company.resource_calendar_id = cls.always_open
        cls.Rule = cls.env["social.crm.routing.rule"]
        cls.Log = cls.env["social.crm.routing.log"]

    def mention(self, external_id, text="acme is here", author_id="42", **values):
        """A mention ingested with no active rule, then given ``values``
        (written after ingestion, so that scoring addons do not change them)."""
        post_extra = {key: values.pop(key) for key in ("kind",) if key in values}
        mention = self.ingest(
            [self.make_post(external_id, text=text, author_id=author_id, **post_extra)]
        )
        if values:
            mention.write(values)
        return mention

    def rule(self, **values):
        values.setdefault("name", "Rule")
        return self.Rule.create(values)

    def close_company(self):
        self.company.resource_calendar_id = self.always_closed
