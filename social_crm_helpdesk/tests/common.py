from odoo.tests import new_test_user

from odoo.addons.social_crm.tests.common import SocialCrmCommon


class SocialCrmHelpdeskCommon(SocialCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(
            cls.env,
            login="hd_leader",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_manager,"
            "social_crm.group_social_crm_user",
            company_id=cls.company.id,
        )
        cls.dev_leader = new_test_user(
            cls.env,
            login="hd_dev_leader",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_user",
            company_id=cls.company.id,
        )
        Team = cls.env["helpdesk.ticket.team"]
        cls.team = Team.create(
            {
                "name": "Social Care",
                "user_ids": [(6, 0, [cls.leader.id])],
                "user_id": cls.leader.id,
                "company_id": cls.company.id,
            }
        )
        cls.dev_team = Team.create(
            {
                "name": "Product Development",
                "user_ids": [(6, 0, [cls.dev_leader.id])],
                "user_id": cls.dev_leader.id,
                "company_id": cls.company.id,
            }
        )
        Sla = cls.env["social.crm.helpdesk.sla"]
        cls.sla_medium = Sla.create(
            {
                "team_id": cls.team.id,
                "priority": "1",
                "response_hours": 8,
                "resolution_hours": 72,
            }
        )
        cls.sla_urgent = Sla.create(
            {
                "team_id": cls.team.id,
                "priority": "3",
                "response_hours": 1,
                "resolution_hours": 24,
                "escalation_team_id": cls.dev_team.id,
            }
        )
        cls.company.write(
            {
                "social_crm_helpdesk_team_id": cls.team.id,
                "social_crm_auto_lead": False,
                "social_crm_advocate_threshold": 60,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Jane Doe", "email": "jane@example.com"}
        )
        cls.channel = cls.env.ref("social_crm_helpdesk.helpdesk_ticket_channel_social")
        cls.done_stage = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    def mention(self, external_id, text="acme broke again", partner=None, **values):
        """Ingest one post and set what the pipeline would have found."""
        author_id = values.pop("author_id", "42")
        post = self.make_post(external_id, text=text, author_id=author_id)
        if values.pop("with_query", False):
            post["query_ids"] = [self.query.id]
        mention = self.ingest([post])
        self.assertEqual(len(mention), 1)
        if partner is not None:
            mention.identity_id.partner_id = partner
        # The sentiment first: with social_crm_sentiment installed, setting it
        # rescores the priority.
        mention.write({"sentiment": values.pop("sentiment", "negative")})
        if values:
            mention.write(values)
        return mention
