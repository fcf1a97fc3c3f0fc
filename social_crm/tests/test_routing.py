from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .routing_common import RoutingCommon


@tagged("post_install", "-at_install")
class TestRoutingConditions(RoutingCommon):
    def assertRuleMatches(self, rule_values, good, bad):
        rule = self.rule(**rule_values)
        self.assertTrue(
            rule._matches(good), f"{rule_values} should match {good.text!r}"
        )
        self.assertFalse(
            rule._matches(bad), f"{rule_values} should not match {bad.text!r}"
        )

    def test_empty_rule_matches_everything(self):
        mention = self.mention("1")
        self.assertTrue(self.rule()._matches(mention))

    def test_sentiment(self):
        self.assertRuleMatches(
            {"sentiment": "negative"},
            self.mention("1", sentiment="negative"),
            self.mention("2", sentiment="positive"),
        )

    def test_min_priority(self):
        good = self.mention("1", priority="3")
        self.assertRuleMatches(
            {"min_priority": "2"}, good, self.mention("2", priority="1")
        )
        self.assertTrue(self.rule(min_priority="3")._matches(good))

    def test_platform(self):
        mastodon = self.env["social.crm.account"].create(
            {"name": "Acme on Mastodon", "platform": "mastodon"}
        )
        other = self.ingest([self.make_post("2")], account=mastodon)
        self.assertRuleMatches({"platform": "x"}, self.mention("1"), other)

    def test_queries_and_query_type(self):
        competitor = self.env["social.crm.query"].create(
            {"name": "Rival", "query": "rival", "query_type": "competitor"}
        )
        good = self.mention("1", query_ids=[Command.link(competitor.id)])
        bad = self.mention("2", query_ids=[Command.link(self.query.id)])
        self.assertRuleMatches({"query_ids": [Command.link(competitor.id)]}, good, bad)
        self.assertRuleMatches({"query_type": "competitor"}, good, bad)

    def test_languages(self):
        good = self.mention("1", language="ja")
        self.assertRuleMatches(
            {"languages": "en, ja"}, good, self.mention("2", language="es")
        )
        self.assertTrue(
            self.rule(languages="pt")._matches(self.mention("3", language="pt-BR"))
        )
        self.assertFalse(
            self.rule(languages="ja")._matches(self.mention("4", language=False))
        )
        with self.assertRaises(ValidationError):
            self.rule(languages="english")

    def test_kind(self):
        self.assertRuleMatches(
            {"kind": "review"}, self.mention("1", kind="review"), self.mention("2")
        )

    def test_keywords_ignore_case_and_accents(self):
        rule = self.rule(keywords="refund, café crème, 壊れ")
        self.assertTrue(
            rule._matches(self.mention("1", text="I want a REFUND from acme"))
        )
        self.assertTrue(
            rule._matches(self.mention("2", text="acme: cafe creme was cold"))
        )
        self.assertTrue(
            rule._matches(self.mention("3", text="acmeのスピーカーが壊れた"))
        )
        self.assertFalse(rule._matches(self.mention("4", text="acme refunds nothing")))
        self.assertFalse(rule._matches(self.mention("5", text="acme is fine")))

    def test_min_influence(self):
        good = self.mention("1", author_id="71")
        good.identity_id.influence_score = 75
        bad = self.mention("2", author_id="72")
        bad.identity_id.influence_score = 20
        self.assertRuleMatches({"min_influence": 60}, good, bad)
        with self.assertRaises(ValidationError):
            self.rule(min_influence=101)

    def test_partner_known_and_tag(self):
        vip = self.env["res.partner.category"].create({"name": "VIP routing"})
        partner = self.env["res.partner"].create(
            {"name": "Kim Snyder", "category_id": [Command.link(vip.id)]}
        )
        known = self.mention("1", author_id="81")
        known.identity_id.partner_id = partner
        stranger = self.mention("2", author_id="82")
        stranger.identity_id.partner_id = False
        self.assertRuleMatches({"partner_condition": "known"}, known, stranger)
        self.assertRuleMatches(
            {"partner_condition": "tag", "partner_tag_ids": [Command.link(vip.id)]},
            known,
            stranger,
        )
        other_tag = self.env["res.partner.category"].create({"name": "Press routing"})
        rule = self.rule(
            partner_condition="tag", partner_tag_ids=[Command.link(other_tag.id)]
        )
        self.assertFalse(rule._matches(known))
        with self.assertRaises(ValidationError):
            self.rule(partner_condition="tag")

    def test_partner_customer(self):
        customer = self.env["res.partner"].create({"name": "Loyal Customer"})
        prospect = self.env["res.partner"].create({"name": "Prospect"})
        if "customer_rank" in customer._fields:
            customer.customer_rank = 1
        elif "crm.lead" in self.env:
            won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
            self.env["crm.lead"].create(
                {"name": "Deal", "partner_id": customer.id, "stage_id": won_stage.id}
            )
        else:
            self.assertFalse(
                self.env["social.crm.mention"]._customer_partners(customer | prospect),
                "without Invoicing or CRM, nobody is a customer",
            )
            return
        good = self.mention("1", author_id="91")
        good.identity_id.partner_id = customer
        bad = self.mention("2", author_id="92")
        bad.identity_id.partner_id = prospect
        self.assertRuleMatches({"partner_condition": "customer"}, good, bad)

    def test_business_hours(self):
        mention = self.mention("1")
        inside = self.rule(name="Day", business_hours="inside")
        outside = self.rule(name="Night", business_hours="outside")
        self.assertTrue(inside._matches(mention))
        self.assertFalse(outside._matches(mention))
        self.close_company()
        self.assertFalse(inside._matches(mention))
        self.assertTrue(outside._matches(mention))

    def test_all_conditions_must_hold(self):
        mention = self.mention("1", sentiment="negative", language="en")
        self.assertTrue(
            self.rule(sentiment="negative", languages="en")._matches(mention)
        )
        self.assertFalse(
            self.rule(sentiment="negative", languages="ja")._matches(mention)
        )

    def test_summaries(self):
        rule = self.rule(
            sentiment="negative",
            min_priority="2",
            assign_mode="least_loaded",
            assign_team_id=self.team.id,
            alert=True,
            stop_processing=True,
        )
        self.assertIn("Negative", rule.conditions_summary)
        self.assertIn("Test Care", rule.actions_summary)
        self.assertIn("alert", rule.actions_summary)
        self.assertEqual(self.rule().conditions_summary, "Every mention")

    def test_facts_of_new_mentions_match_what_is_stored(self):
        other_query = self.env["social.crm.query"].create(
            {"name": "Rival", "query": "rival", "query_type": "competitor"}
        )
        posts = [
            dict(self.make_post("61", "acme broke"), query_ids=[self.query.id]),
            dict(
                self.make_post("62", "acme と rival", author_id="43", language="ja"),
                query_ids=[self.query.id, other_query.id],
            ),
            self.make_post(
                "63", "@acme help", author_id="44", kind="reply", followers=10**6
            ),
        ]
        Mention = type(self.env["social.crm.mention"])
        original = Mention._new_routing_facts
        seen = {}

        def spy(mentions, vals_list):
            seen.update(original(mentions, vals_list))
            return seen

        with patch.object(Mention, "_new_routing_facts", spy):
            mentions = self.ingest(posts)
        self.assertEqual(len(seen), 3)
        self.assertEqual(seen, mentions._routing_facts())


@tagged("post_install", "-at_install")
class TestRoutingActions(RoutingCommon):
    def test_assign_to_user_and_team(self):
        mention = self.mention("1")
        rule = self.rule(
            name="To agent 2",
            assign_mode="user",
            assign_user_id=self.agents[1].id,
            assign_team_id=self.team.id,
        )
        logs = mention._apply_routing_rules()
        self.assertEqual(mention.user_id, self.agents[1])
        self.assertEqual(mention.team_id, self.team)
        self.assertEqual(mention.state, "assigned")
        self.assertEqual(logs.rule_id, rule)
        self.assertIn("assigned to Agent 2", logs.actions)

    def test_assigned_mentions_are_not_taken_away(self):
        mention = self.mention("1", user_id=self.agents[0].id)
        self.rule(assign_mode="user", assign_user_id=self.agents[1].id)
        logs = mention._apply_routing_rules()
        self.assertEqual(mention.user_id, self.agents[0])
        self.assertIn("already assigned to Agent 1", logs.actions)

    def test_round_robin_across_calls(self):
        self.rule(name="Share", assign_mode="round_robin", assign_team_id=self.team.id)
        assigned = [
            self.ingest([self.make_post(str(100 + index))]).user_id
            for index in range(4)
        ]
        self.assertEqual(assigned, [*self.agents, self.agents[0]])
        self.assertEqual(self.team.last_assigned_user_id, self.agents[0])
        batch = self.ingest([self.make_post("200"), self.make_post("201")])
        self.assertEqual(batch.user_id, self.agents[1] | self.agents[2])
        log = self.Log.search([("mention_id", "=", batch[0].id)])
        self.assertIn("round-robin", log.actions)
        self.assertIn("Test Care", log.actions)

    def test_round_robin_skips_departed_last_member(self):
        self.team.last_assigned_user_id = self.agents[1]
        self.team.member_ids = [Command.unlink(self.agents[1].id)]
        self.rule(assign_mode="round_robin", assign_team_id=self.team.id)
        self.assertEqual(self.ingest([self.make_post("1")]).user_id, self.agents[0])

    def test_least_loaded(self):
        busy = self.mention("1") | self.mention("2")
        busy.user_id = self.agents[0]
        self.mention("3").user_id = self.agents[1]
        finished = self.mention("4", user_id=self.agents[2].id)
        (finished | self.mention("5", user_id=self.agents[2].id)).state = "done"
        self.rule(assign_mode="least_loaded", assign_team_id=self.team.id)
        new = self.ingest(
            [self.make_post("10"), self.make_post("11"), self.make_post("12")]
        )
        # Loads 2/1/0: agent 3 first, then agents 2 and 3 tie at 1 -> agent 2.
        self.assertEqual(
            [m.user_id for m in new.sorted("external_id")],
            [self.agents[2], self.agents[1], self.agents[2]],
        )

    def test_team_without_members_only_sets_the_team(self):
        empty = self.env["social.crm.team"].create({"name": "Empty"})
        self.rule(assign_mode="round_robin", assign_team_id=empty.id)
        mention = self.ingest([self.make_post("1")])
        self.assertEqual(mention.team_id, empty)
        self.assertFalse(mention.user_id)
        self.assertIn("no member", mention.routing_log_ids.actions)

    def test_set_priority_and_tags(self):
        mention = self.mention("1", priority="0")
        defect = self.env["social.crm.tag"].create({"name": "Defect (test)"})
        self.rule(set_priority="2", tag_ids=[Command.link(defect.id)])
        logs = mention._apply_routing_rules()
        self.assertEqual(mention.priority, "2")
        self.assertEqual(mention.tag_ids, defect)
        self.assertIn("priority set to High", logs.actions)
        self.assertIn("tagged Defect (test)", logs.actions)
        again = mention._apply_routing_rules()
        self.assertEqual(again.actions, "matched, nothing to change")

    def test_rules_run_in_sequence_and_stop(self):
        mention = self.mention("1", sentiment="negative", priority="1")
        other = self.mention("2", sentiment="positive", priority="1")
        tag = self.env["social.crm.tag"].create({"name": "Seen last"})
        last = self.rule(name="Last", sequence=30, tag_ids=[Command.link(tag.id)])
        needs_urgent = self.rule(name="Urgent only", sequence=20, min_priority="3")
        first = self.rule(
            name="First",
            sequence=10,
            sentiment="negative",
            set_priority="3",
            stop_processing=True,
        )
        logs = (mention | other)._apply_routing_rules()
        self.assertEqual(
            logs.filtered(lambda log: log.mention_id == mention).rule_id, first
        )
        self.assertFalse(mention.tag_ids, "stopped before the last rule")
        self.assertEqual(
            logs.filtered(lambda log: log.mention_id == other).rule_id, last
        )
        self.assertEqual(other.tag_ids, tag)
        # Without the stop, the priority set by the first rule feeds the second.
        first.stop_processing = False
        mention.priority = "1"
        logs = mention._apply_routing_rules()
        self.assertEqual(logs.rule_id, first | needs_urgent | last)
        self.assertEqual(mention.routing_rule_ids, first | needs_urgent | last)
        self.assertEqual(
            self.env["social.crm.mention"].search(
                [("routing_rule_ids", "in", needs_urgent.ids)]
            ),
            mention,
        )

    def test_archived_rules_do_not_run(self):
        mention = self.mention("1")
        self.rule(active=False, set_priority="3")
        self.assertFalse(mention._apply_routing_rules())
        self.assertEqual(mention.priority, "0")


@tagged("post_install", "-at_install")
class TestRoutingRuns(RoutingCommon):
    def test_applied_on_ingestion_to_new_mentions_only(self):
        self.mention("1", text="acme broke")
        rule = self.rule(name="Broken", keywords="broke", set_priority="2")
        created = self.ingest([self.make_post("2", text="acme broke again")])
        self.assertEqual(created.priority, "2")
        self.assertEqual(created.routing_log_ids.rule_id, rule)
        self.assertEqual(created.routing_log_ids.rule_name, "Broken")
        edited = self.ingest([self.make_post("1", text="acme broke, edited")])
        self.assertTrue(edited)
        self.assertFalse(
            edited.routing_log_ids, "updates of known posts are not routed again"
        )

    def test_on_demand_as_user(self):
        mention = self.mention("1")
        self.rule(name="Posts", kind="post", set_priority="1")
        action = mention.with_user(self.user).action_apply_routing_rules()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(mention.priority, "1")
        self.assertEqual(len(mention.routing_log_ids), 1)
        self.assertEqual(mention.routing_log_ids.create_uid, self.user)
        review = self.mention("2", kind="review")
        nothing = review.with_user(self.user).action_apply_routing_rules()
        self.assertEqual(nothing["params"]["type"], "info")
        self.assertFalse(review.routing_log_ids)

    def test_users_cannot_create_rules(self):
        with self.assertRaises(AccessError):
            self.Rule.with_user(self.user).create({"name": "Mine"})
        rule = self.rule(name="Readable")
        self.assertEqual(
            rule.with_user(self.user).read(["name"])[0]["name"], "Readable"
        )
        with self.assertRaises(AccessError):
            rule.with_user(self.user).write({"name": "Changed"})
        self.assertTrue(self.Rule.with_user(self.manager).create({"name": "Manager's"}))

    def test_other_company_rules_never_apply(self):
        company_b = self.env["res.company"].create({"name": "Routing B"})
        rule_b = self.rule(name="B rule", company_id=company_b.id, set_priority="3")
        mention = self.ingest([self.make_post("1")])
        self.assertFalse(mention.routing_log_ids)
        self.assertNotEqual(mention.priority, "3")
        self.assertFalse(rule_b._matches(mention))
        user_b = new_test_user(
            self.env,
            login="routing_user_b",
            groups="base.group_user,social_crm.group_social_crm_user",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        self.assertFalse(
            self.Rule.with_user(user_b).search([("id", "=", self.rule().id)])
        )
        self.assertFalse(self.Log.with_user(user_b).search([]))
