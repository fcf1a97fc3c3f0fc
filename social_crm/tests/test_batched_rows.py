from odoo.exceptions import AccessError, ValidationError

from ..models import batched_rows
from .common import SocialCrmCommon


class TestBatchedRows(SocialCrmCommon):
    def _identity_row(self, external_id, **values):
        return dict(
            {
                "name": f"Author {external_id}",
                "handle": f"author{external_id}",
                "platform": "x",
                "external_user_id": external_id,
                "company_id": self.company.id,
            },
            **values,
        )

    def test_insert_rows_fills_defaults_and_log_columns(self):
        identities = batched_rows.insert_rows(
            self.env["social.crm.identity"],
            [self._identity_row("b1"), self._identity_row("b2", followers_count=1000)],
        )
        self.assertEqual(len(identities), 2)
        self.assertEqual(identities.mapped("match_state"), ["unmatched", "unmatched"])
        self.assertEqual(identities.create_uid, self.env.user)
        self.assertTrue(all(identities.mapped("create_date")))
        # not given: computed like create() would after the INSERT
        self.assertEqual(identities.mapped("influence_score"), [0, 40])

    def test_insert_rows_keeps_given_computed_values(self):
        identity = batched_rows.insert_rows(
            self.env["social.crm.identity"],
            [self._identity_row("b3", followers_count=1000, influence_score=40)],
        )
        self.env.flush_all()
        self.assertEqual(identity.influence_score, 40)

    def test_insert_rows_takes_context_defaults(self):
        identity = batched_rows.insert_rows(
            self.env["social.crm.identity"].with_context(default_location="Lyon"),
            [self._identity_row("b4")],
        )
        self.assertEqual(identity.location, "Lyon")

    def test_insert_rows_refuses_fields_without_column(self):
        with self.assertRaisesRegex(ValueError, "mention_count is not a stored column"):
            batched_rows.insert_rows(
                self.env["social.crm.identity"],
                [self._identity_row("b5", mention_count=3)],
            )

    def test_insert_rows_runs_python_constraints(self):
        with self.assertRaises(ValidationError):
            batched_rows.insert_rows(
                self.env["social.crm.identity"],
                [self._identity_row("b6", handle="not a handle!")],
            )

    def test_insert_rows_checks_create_access(self):
        portal = self.env["res.users"].create(
            {"name": "Nobody", "login": "nobody_batched", "groups_id": []}
        )
        with self.assertRaises(AccessError):
            batched_rows.insert_rows(
                self.env["social.crm.identity"].with_user(portal),
                [self._identity_row("b7")],
            )

    def test_insert_rows_refreshes_cached_inverse_relations(self):
        mention = self.ingest([self.make_post("150")])
        identity = mention.identity_id
        self.assertEqual(identity.mention_ids, mention)  # now in cache
        later = self.ingest([self.make_post("151")])
        self.assertEqual(identity.mention_ids, mention | later)

    def test_insert_links_skips_existing_pairs(self):
        mention = self.ingest([self.make_post("152")])
        Mention = self.env["social.crm.mention"]
        batched_rows.insert_links(Mention, "query_ids", [(mention.id, self.query.id)])
        batched_rows.insert_links(Mention, "query_ids", [(mention.id, self.query.id)])
        self.assertEqual(mention.query_ids, self.query)
        self.assertEqual(self.query.mention_ids, mention)

    def test_write_rows_writes_each_record_and_recomputes(self):
        identities = batched_rows.insert_rows(
            self.env["social.crm.identity"],
            [self._identity_row("b8"), self._identity_row("b9")],
        )
        batched_rows.write_rows(
            identities, [{"followers_count": 1000}, {"followers_count": 1000000}]
        )
        self.env.flush_all()
        identities.invalidate_recordset()
        self.assertEqual(identities.mapped("followers_count"), [1000, 1000000])
        self.assertEqual(identities.mapped("influence_score"), [40, 80])

    def test_write_rows_runs_python_constraints(self):
        identity = batched_rows.insert_rows(
            self.env["social.crm.identity"], [self._identity_row("b10")]
        )
        with self.assertRaises(ValidationError):
            batched_rows.write_rows(identity, [{"handle": "not a handle!"}])
