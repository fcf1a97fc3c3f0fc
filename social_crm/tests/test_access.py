from odoo.exceptions import AccessError
from odoo.modules.neutralize import get_neutralization_queries
from odoo.tests import new_test_user, tagged

from ..models import batched_rows
from .common import SocialCrmCommon


@tagged("post_install", "-at_install")
class TestAccess(SocialCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["social.crm.account"].browse(cls.account.id).sudo().write(
            {"api_key": "SECRET-BEARER", "access_token": "SECRET-USER-TOKEN"}
        )
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.user_b = new_test_user(
            cls.env,
            login="social_user_b",
            groups="base.group_user,social_crm.group_social_crm_user",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        cls.mention_a = cls.env["social.crm.mention"]._ingest_posts(
            cls.account, [cls.make_post("900")]
        )

    def test_other_company_never_reads_mentions(self):
        Mention = self.env["social.crm.mention"].with_user(self.user_b)
        self.assertFalse(Mention.search([]))
        self.assertEqual(Mention.search_count([("id", "=", self.mention_a.id)]), 0)
        with self.assertRaises(AccessError):
            self.mention_a.with_user(self.user_b).read(["text"])
        with self.assertRaises(AccessError):
            self.mention_a.identity_id.with_user(self.user_b).read(["name"])
        self.assertFalse(
            self.env["social.crm.account"].with_user(self.user_b).search([])
        )

    def test_other_company_cannot_ingest_into_this_company(self):
        with self.assertRaises(AccessError):
            self.env["social.crm.mention"].with_user(self.user_b)._ingest_posts(
                self.account, [self.make_post("901", author_id="901")]
            )

    def test_batched_insert_refuses_rows_of_another_company(self):
        identities = self.env["social.crm.identity"].with_user(self.user_b)
        row = {
            "name": "Someone",
            "handle": "someone",
            "platform": "x",
            "external_user_id": "someone",
        }
        batched_rows.insert_rows(identities, [dict(row, company_id=self.company_b.id)])
        with self.assertRaises(AccessError):
            batched_rows.insert_rows(
                identities,
                [dict(row, external_user_id="other", company_id=self.company.id)],
            )

    def test_same_company_user_works_mentions(self):
        mention = self.mention_a.with_user(self.user)
        mention.write({"state": "in_progress"})
        self.assertEqual(mention.state, "in_progress")
        with self.assertRaises(AccessError):
            mention.unlink()

    def test_users_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env["social.crm.query"].with_user(self.user).create(
                {"name": "x", "query": "acme"}
            )
        with self.assertRaises(AccessError):
            self.account.with_user(self.user).write({"name": "renamed"})
        self.env["social.crm.query"].with_user(self.manager).create(
            {"name": "ok", "query": "acme"}
        )

    def test_credentials_hidden_from_every_rpc_path(self):
        for user in (self.user, self.manager):
            account = self.account.with_user(user)
            with self.assertRaises(AccessError):
                account.read(["api_key"])
            with self.assertRaises(AccessError):
                account.search_read([], ["access_token"])
            with self.assertRaises(AccessError):
                account.web_read({"api_key": {}})
            with self.assertRaises(AccessError):
                account.export_data(["api_key"])
            with self.assertRaises(AccessError):
                account.search([("api_key", "=", "SECRET-BEARER")])
            with self.assertRaises(AccessError):
                account.read_group([], ["api_key"], ["api_key"])
            self.assertNotIn("api_key", account.fields_get())
            plain = account.read()[0]
            self.assertNotIn("api_key", plain)
            self.assertNotIn("SECRET", str(plain))
            self.assertTrue(account.has_credentials)
        self.assertEqual(self.account.api_key, "SECRET-BEARER")  # administrators

    def test_credentials_not_in_form_view_for_managers(self):
        arch = (
            self.env["social.crm.account"]
            .with_user(self.manager)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("api_key", arch)
        admin_arch = self.env["social.crm.account"].get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        self.assertIn('name="api_key"', admin_arch)
        self.assertIn('password="True"', admin_arch)

    def test_manager_can_fetch_without_reading_credentials(self):
        report = self.account.with_user(self.manager).action_fetch_now()
        self.assertEqual(report["type"], "ir.actions.client")

    def test_user_cannot_trigger_fetch(self):
        with self.assertRaises(AccessError):
            self.account.with_user(self.user).action_fetch_now()


@tagged("post_install", "-at_install")
class TestNeutralize(SocialCrmCommon):
    def test_neutralize_wipes_credentials_and_stops_fetching(self):
        self.account.sudo().write(
            {"api_key": "REAL", "access_token": "REAL", "state": "connected"}
        )
        self.env.flush_all()
        for query in get_neutralization_queries(["social_crm"]):
            self.env.cr.execute(query)
        self.env.invalidate_all()
        account = self.account.sudo()
        self.assertFalse(account.api_key or account.access_token)
        self.assertEqual(account.state, "disconnected")
        self.assertNotIn(
            account, account.search(account._due_domain()), "no fetch any more"
        )
