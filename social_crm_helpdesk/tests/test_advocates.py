from odoo.tests import tagged

from .common import SocialCrmHelpdeskCommon


@tagged("post_install", "-at_install")
class TestAdvocates(SocialCrmHelpdeskCommon):
    def test_influential_positive_author_is_tagged(self):
        tag = self.env.ref("social_crm_helpdesk.res_partner_category_advocate")
        mention = self.mention("401", "I love acme", self.contact, sentiment="neutral")
        influence = mention.author_influence
        self.company.social_crm_advocate_threshold = influence + 1
        mention.sentiment = "positive"
        self.assertNotIn(tag, self.contact.category_id)
        self.company.social_crm_advocate_threshold = influence
        mention.write({"sentiment": "neutral"})
        mention.write({"sentiment": "positive"})
        self.assertIn(tag, self.contact.category_id)

    def test_negative_mentions_do_not_tag(self):
        tag = self.env.ref("social_crm_helpdesk.res_partner_category_advocate")
        self.company.social_crm_advocate_threshold = 0
        self.mention("402", "acme is awful", self.contact, sentiment="negative")
        self.assertNotIn(tag, self.contact.category_id)

    def test_add_to_mailing_list(self):
        mailing_list = self.env["mailing.list"].create({"name": "Fans"})
        known = self.env["mailing.contact"].create(
            {"name": "Jane", "email": "JANE@example.com"}
        )
        with_email = self.mention("403", "love it", self.contact, sentiment="positive")
        no_email = self.mention(
            "404",
            "love it too",
            self.env["res.partner"].create({"name": "No Mail"}),
            sentiment="positive",
            author_id="43",
        )
        notes = (with_email | no_email)._add_to_mailing_list(mailing_list)
        self.assertIn(mailing_list, known.list_ids)
        self.assertEqual(mailing_list.contact_ids, known)
        self.assertEqual(notes[with_email.id], ["added to list Fans"])
        self.assertIn("has no email", notes[no_email.id][0])
        # A new email creates the mailing contact.
        other = self.env["res.partner"].create(
            {"name": "Bob", "email": "bob@example.com"}
        )
        third = self.mention(
            "405", "great", other, sentiment="positive", author_id="44"
        )
        third._add_to_mailing_list(mailing_list)
        self.assertEqual(
            set(mailing_list.contact_ids.mapped("email_normalized")),
            {"jane@example.com", "bob@example.com"},
        )
