from datetime import UTC, datetime, timedelta

from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

from ..lib.posts import make_author, make_post
from .platform_double import FakePlatform


class SocialCrmCommon(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        # Authors stay unmatched unless a test is about matching.
        cls.company.social_crm_auto_create_partner = False
        # Demo queries listen on every account: keep the tests' own only.
        cls.env["social.crm.query"].search([]).active = False
        # Demo routing rules would route the tests' mentions too.
        cls.env["social.crm.routing.rule"].search([]).active = False
        cls.account = cls.env["social.crm.account"].create(
            {
                "name": "Acme on X",
                "platform": "x",
                "handle": "acme",
                "company_id": cls.company.id,
            }
        )
        cls.query = cls.env["social.crm.query"].create(
            {"name": "Acme brand", "query": "acme OR #acme", "query_type": "brand"}
        )
        cls.user = new_test_user(
            cls.env,
            login="social_user",
            groups="base.group_user,base.group_allow_export,social_crm.group_social_crm_user",
            company_id=cls.company.id,
        )
        cls.manager = new_test_user(
            cls.env,
            login="social_manager",
            groups="base.group_user,base.group_allow_export,social_crm.group_social_crm_manager",
            company_id=cls.company.id,
        )

    @staticmethod
    def make_post(external_id, text="I love acme", author_id="42", **extra):
        author = make_author(
            author_id,
            extra.pop("handle", f"user{author_id}"),
            extra.pop("display_name", f"User {author_id}"),
            followers=extra.pop("followers", 10),
        )
        posted_at = extra.pop(
            "posted_at",
            datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
            + timedelta(minutes=int(external_id) % 1000),
        )
        return make_post("x", external_id, text, author, posted_at, **extra)

    def ingest(self, posts, account=None):
        return self.env["social.crm.mention"]._ingest_posts(
            account or self.account, posts
        )


class PlatformDoubleCommon(SocialCrmCommon):
    """The test account talks to a fake platform on 127.0.0.1 (``cls.server``),
    its script reset before each test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = FakePlatform()
        cls.server.__enter__()
        cls.addClassCleanup(cls.server.__exit__, None, None, None)
        cls.account.sudo().write(
            {
                "api_base_url": cls.server.url,
                "api_key": "TEST-BEARER",
                "access_token": "USER-TOKEN",
                "state": "connected",
            }
        )

    def setUp(self):
        super().setUp()
        self.server.reset()
