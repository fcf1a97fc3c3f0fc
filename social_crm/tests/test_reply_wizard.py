from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SocialCrmCommon


class _FakeConnector:
    def __init__(self):
        self.calls = []

    def send_reply(self, parent_external_id, text, **kwargs):
        self.calls.append((parent_external_id, text, kwargs))
        return "reply-1"


@tagged("post_install", "-at_install")
class TestReplyWizard(SocialCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["social.crm.reply.template"].search([]).active = False
        cls.Template = cls.env["social.crm.reply.template"]
        cls.template_en = cls.Template.create(
            {
                "name": "Sorry",
                "language": "en",
                "body": "Hi {author_name} ({author_handle}), sorry {contact_name}! "
                "Ticket: {ticket_number}.",
            }
        )
        cls.template_ja = cls.Template.create(
            {
                "name": "Sorry (ja)",
                "language": "ja",
                "body": "{author_name}様、申し訳ございません。",
            }
        )
        cls.mention = cls.env["social.crm.mention"]._ingest_posts(
            cls.account,
            [
                cls.make_post(
                    "500", author_id="55", handle="kimsnyder", display_name="Kim"
                )
            ],
        )
        cls.mention.language = "en"
        cls.partner = cls.env["res.partner"].create({"name": "Kim Snyder"})
        cls.mention.identity_id.partner_id = cls.partner

    def wizard(self, user=None, mention=None, **values):
        Wizard = self.env["social.crm.reply.wizard"]
        if user:
            Wizard = Wizard.with_user(user)
        form = Form(
            Wizard.with_context(default_mention_id=(mention or self.mention).id)
        )
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def test_placeholders(self):
        self.assertEqual(
            self.mention._reply_placeholders(),
            {
                "contact_name": "Kim Snyder",
                "author_name": "Kim",
                "author_handle": "@kimsnyder",
                "ticket_number": "",
            },
        )
        self.assertEqual(
            set(self.env["social.crm.mention"]._reply_placeholders()),
            {"contact_name", "author_name", "author_handle", "ticket_number"},
        )

    def test_template_of_the_mention_language_is_proposed_and_rendered(self):
        wizard = self.wizard()
        self.assertEqual(wizard.template_id, self.template_en)
        self.assertEqual(wizard.reply_type, "reply")
        self.assertEqual(
            wizard.preview, "Hi Kim (@kimsnyder), sorry Kim Snyder! Ticket: ."
        )
        self.mention.language = "ja"
        self.assertEqual(self.wizard().template_id, self.template_ja)

    def test_direct_messages_default_to_a_direct_reply(self):
        dm = self.env["social.crm.mention"]._ingest_posts(
            self.account, [self.make_post("501", kind="dm")]
        )
        self.assertEqual(self.wizard(mention=dm).reply_type, "direct_message")

    def test_unknown_placeholder(self):
        with self.assertRaisesRegex(ValidationError, r"\{order_id\}"):
            self.Template.create({"name": "Bad", "body": "Your order {order_id}"})
        wizard = self.wizard(body="Hello {first_name}")
        self.assertIn("{first_name}", wizard.preview_error)
        with self.assertRaisesRegex(UserError, r"\{first_name\}"):
            wizard.action_send()
        self.assertFalse(self.mention.engagement_ids)

    def test_reply_without_credentials_fails_with_reason(self):
        action = self.wizard(user=self.user).action_send()
        engagement = self.mention.engagement_ids
        self.assertEqual(engagement.state, "failed")
        self.assertEqual(engagement.engagement_type, "reply")
        self.assertEqual(
            engagement.body, "Hi Kim (@kimsnyder), sorry Kim Snyder! Ticket: ."
        )
        self.assertIn("credential", engagement.failure_reason)
        self.assertEqual(engagement.user_id, self.user)
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(engagement.failure_reason, action["params"]["message"])

    def test_reply_waits_for_approval(self):
        self.company.social_crm_reply_approval = True
        connector = _FakeConnector()
        with patch.object(
            type(self.env["social.crm.account"]),
            "_get_connector",
            return_value=connector,
        ):
            action = self.wizard(
                user=self.user, reply_type="direct_message"
            ).action_send()
            engagement = self.mention.engagement_ids
            self.assertEqual(engagement.state, "to_approve")
            self.assertEqual(engagement.engagement_type, "direct_message")
            self.assertEqual(action["params"]["type"], "warning")
            self.assertFalse(connector.calls)
            engagement.with_user(self.manager).action_approve()
        self.assertEqual(engagement.state, "sent")
        self.assertEqual(connector.calls[0][0], "500")
        self.assertTrue(connector.calls[0][2]["direct_message"])

    def test_reply_sent(self):
        connector = _FakeConnector()
        with patch.object(
            type(self.env["social.crm.account"]),
            "_get_connector",
            return_value=connector,
        ):
            action = self.wizard(body="Thanks {author_name}! {{smile}}").action_send()
        engagement = self.mention.engagement_ids
        self.assertEqual(engagement.state, "sent")
        self.assertEqual(connector.calls[0][1], "Thanks Kim! {smile}")
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(self.mention.state, "in_progress")

    def test_empty_reply_is_refused(self):
        wizard = self.wizard(template_id=self.Template.browse(), body=False)
        with self.assertRaises(UserError):
            wizard.action_send()

    def test_reply_button_opens_the_wizard(self):
        action = self.mention.action_open_reply_wizard()
        self.assertEqual(action["res_model"], "social.crm.reply.wizard")
        self.assertEqual(action["context"]["default_mention_id"], self.mention.id)
