from odoo.tests import tagged

from .common import SocialCrmCommon


@tagged("post_install", "-at_install")
class TestContactMatching(SocialCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.Identity = cls.env["social.crm.identity"]
        cls.jonathan = cls.Partner.create(
            {
                "name": "Jonathan Smithers",
                "city": "Lyon",
                "email": "jsmithers@example.org",
            }
        )
        cls.acme_site = cls.Partner.create(
            {
                "name": "Rocket Gadgets Ltd",
                "website": "https://www.rocketgadgets.example",
            }
        )
        cls.company.social_crm_auto_create_partner = True

    def identity(self, name, handle, external_id, platform="x", **values):
        return self.Identity.create(
            dict(
                name=name,
                handle=handle,
                external_user_id=external_id,
                platform=platform,
                **values,
            )
        )

    def test_exact_website_links(self):
        identity = self.identity(
            "Rocket Gadgets",
            "rocketgadgets",
            "w1",
            website="http://rocketgadgets.example/about",
        )
        identity._match_contacts()
        self.assertEqual(identity.partner_id, self.acme_site)
        self.assertEqual(identity.match_method, "website")
        self.assertEqual(identity.match_state, "linked")

    def test_handle_already_listed_by_a_contact_links(self):
        known = self.identity("J. Smithers", "jsmithers", "h1")
        known.partner_id = self.jonathan
        other = self.identity("Jon", "jsmithers", "h2", platform="x")
        other._match_contacts()
        self.assertEqual(other.partner_id, self.jonathan)
        self.assertEqual(other.match_method, "handle")

    def test_strong_name_with_evidence_links_automatically(self):
        identity = self.identity(
            "Jonathan Smithers", "jsmithers_88", "f1", location="Lyon, France"
        )
        identity._match_contacts()
        self.assertEqual(identity.partner_id, self.jonathan)
        self.assertEqual(identity.match_method, "auto")
        self.assertIn("Lyon", identity.match_reasons)

    def test_name_alone_is_only_suggested(self):
        identity = self.identity("Jonathon Smithers", "jon_s", "f2")
        identity._match_contacts()
        self.assertFalse(identity.partner_id)
        self.assertEqual(identity.match_state, "suggested")
        self.assertEqual(identity.match_candidate_ids.partner_id, self.jonathan)
        self.assertTrue(identity.match_candidate_ids.reasons)

        identity.match_candidate_ids.action_confirm()
        self.assertEqual(identity.partner_id, self.jonathan)
        self.assertEqual(identity.match_method, "manual")
        self.assertFalse(identity.match_candidate_ids)

    def test_review_queue_create_contact_and_reject(self):
        first = self.identity("Jonathon Smithers", "jon_s2", "f3")
        second = self.identity("Jonathon Smithers", "jon_s3", "f4")
        (first | second)._match_contacts()
        first.action_create_partner()
        self.assertEqual(first.partner_id.name, "Jonathon Smithers")
        self.assertNotEqual(first.partner_id, self.jonathan)
        second.action_reject_suggestions()
        self.assertEqual(second.match_state, "unmatched")
        self.assertTrue(second.match_attempted)
        self.assertNotIn(
            second, self.Identity.search(self.Identity._match_pending_domain())
        )

    def test_unknown_author_gets_one_new_contact(self):
        posts = [
            self.make_post(
                "801", "acme", author_id="555", display_name="Quentin Zapata"
            ),
            self.make_post(
                "802", "acme again", author_id="555", display_name="Quentin Zapata"
            ),
        ]
        mentions = self.ingest(posts)
        self.assertEqual(len(mentions.identity_id), 1)
        self.env["social.crm.identity"]._cron_match_contacts()
        partner = mentions.identity_id.partner_id
        self.assertEqual(partner.name, "Quentin Zapata")
        self.assertEqual(mentions.partner_id, partner)
        self.assertEqual(mentions.identity_id.match_method, "created")
        self.assertIn(
            self.env.ref("social_crm.res_partner_category_social"), partner.category_id
        )
        self.assertEqual(
            self.Partner.search_count([("name", "=", "Quentin Zapata")]), 1
        )

    def test_same_person_on_two_platforms_in_one_batch_gets_one_contact(self):
        identities = self.identity("Ursula Quimby", "uquimby", "q1") | self.identity(
            "Ursula Quimby", "uquimby@mastodon.social", "q2", platform="mastodon"
        )
        identities._match_contacts()
        self.assertEqual(len(identities.partner_id), 1)

    def test_auto_create_off_leaves_unmatched(self):
        self.company.social_crm_auto_create_partner = False
        identity = self.identity("Xavier Nobody", "xnobody", "n1")
        identity._match_contacts()
        self.assertFalse(identity.partner_id)
        self.assertEqual(identity.match_state, "unmatched")
        self.assertTrue(identity.match_attempted)

    def test_never_auto_link_platform_only_suggests(self):
        identity = self.identity(
            "Rocket Gadgets",
            "rocketgadgets",
            "r1",
            platform="reddit",
            website="https://rocketgadgets.example",
        )
        identity._match_contacts()
        self.assertFalse(identity.partner_id)
        self.assertEqual(identity.match_state, "suggested")
        self.assertEqual(identity.match_candidate_ids.partner_id, self.acme_site)

    def test_other_company_contacts_are_never_matched(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        self.acme_site.company_id = self.company
        identity = self.identity(
            "Rocket Gadgets",
            "rocketgadgets",
            "b1",
            website="https://rocketgadgets.example",
            company_id=company_b.id,
        )
        company_b.social_crm_auto_create_partner = False
        identity._match_contacts()
        self.assertFalse(identity.partner_id)
        self.assertFalse(identity.match_candidate_ids)

    def test_merge_proposal_for_contacts_sharing_an_email(self):
        twin = self.Partner.create(
            {"name": "J. Smithers", "email": "JSmithers@example.org"}
        )
        self.identity("Jonathan", "jsmithers_a", "m1").partner_id = self.jonathan
        self.identity(
            "Jon", "jsmithers_b@mastodon.social", "m2", platform="mastodon"
        ).partner_id = twin
        proposals = self.Identity._propose_merges(self.company)
        self.assertEqual(len(proposals), 1)
        self.assertEqual(
            proposals.partner_a_id | proposals.partner_b_id, self.jonathan | twin
        )
        self.assertIn("email", proposals.reason)
        self.assertFalse(self.Identity._propose_merges(self.company), "proposed once")
        action = proposals.action_open_merge_wizard()
        wizard = self.env["base.partner.merge.automatic.wizard"].browse(
            action["res_id"]
        )
        self.assertEqual(wizard.partner_ids, self.jonathan | twin)
