import logging
import time

from odoo import sql_db
from odoo.tests import tagged

from .common import SentimentCommon

_logger = logging.getLogger(__name__)

# 2,000 and 4,000 mentions keep the suite fast (about 10 s); the benchmark
# tests/benchmarks/bench_scoring_overhead.py runs 10,000.
N = 2000
AUTHORS = 50
TEXTS = [
    "I love the new Acme speaker, great sound",
    "Acme support never answered, I want a refund!",
    "最高です！",
    "壊れていて最悪です",
    "Me encanta, es excelente",
    "Le produit est arrivé cassé, je veux être remboursé",
    "Das Gerät ist kaputt und der Support antwortet nicht",
    "ok",
]


@tagged("post_install", "-at_install")
class TestPerformance(SentimentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        posts = [
            cls.make_post(
                str(900_000 + n),
                f"{TEXTS[n % len(TEXTS)]} #{n}",
                author_id=str(9000 + n % AUTHORS),
            )
            for n in range(3 * N)
        ]
        Mention = cls.env["social.crm.mention"].with_context(
            social_crm_sentiment_skip_scoring=True
        )
        mentions = Mention._ingest_posts(cls.account, posts).sorted("id")
        partners = cls.env["res.partner"].create(
            [{"name": f"Customer {n}"} for n in range(AUTHORS // 2)]
        )
        for identity, partner in zip(mentions.identity_id, partners, strict=False):
            identity.partner_id = partner
        cls.small = mentions[:N]
        cls.large = mentions[N:]
        cls.env.flush_all()

    def count_scoring_queries(self, mentions):
        mentions.env.invalidate_all()
        before = sql_db.sql_counter
        started = time.perf_counter()
        mentions.action_rescore()
        self.env.flush_all()
        elapsed = time.perf_counter() - started
        return sql_db.sql_counter - before, elapsed

    def test_query_count_does_not_grow_per_record(self):
        # as a Social CRM user; a first small batch warms the engines and the
        # ORM caches (access rules, groups, company)
        self.count_scoring_queries(self.small[:10].with_user(self.user))
        small = self.small[10:].with_user(self.user)
        large = self.large.with_user(self.user)
        small_count, small_time = self.count_scoring_queries(small)
        large_count, large_time = self.count_scoring_queries(large)
        _logger.info(
            "scoring %s mentions: %s queries, %.2fs; %s mentions: %s queries, %.2fs",
            len(small),
            small_count,
            small_time,
            len(large),
            large_count,
            large_time,
        )
        self.assertEqual(
            set(self.large.mapped("sentiment_source")) & {False, "error"}, set()
        )
        # Odoo flushes UPDATEs 100 rows at a time and fetches 1,000 ids at a
        # time: the only growth allowed is about one query per 100 mentions,
        # never one per mention.
        self.assertLessEqual(small_count, len(small) // 100 + 10)
        self.assertLessEqual(large_count, len(large) // 100 + 10)
        self.assertLessEqual(
            large_count - small_count, (len(large) - len(small)) // 100 + 3
        )

    def test_scoring_at_ingestion_adds_no_per_record_query(self):
        def ingest(first_id, skip):
            posts = [
                self.make_post(
                    str(first_id + n),
                    f"{TEXTS[n % len(TEXTS)]} !{n}",
                    author_id=str(9000 + n % AUTHORS),
                )
                for n in range(500)
            ]
            Mention = self.Mention.with_context(social_crm_sentiment_skip_scoring=skip)
            self.env.invalidate_all()
            before = sql_db.sql_counter
            mentions = Mention._ingest_posts(self.account, posts)
            self.env.flush_all()
            return sql_db.sql_counter - before, mentions

        ingest(800_000, False)  # warm-up
        plain_count, plain = ingest(810_000, True)
        scored_count, scored = ingest(820_000, False)
        _logger.info(
            "ingesting 500 posts: %s queries without scoring, %s with",
            plain_count,
            scored_count,
        )
        self.assertFalse(any(plain.mapped("sentiment_source")))
        self.assertTrue(all(scored.mapped("sentiment_source")))
        # (other addons hooks, e.g. helpdesk follow-ups on negative mentions, add
        # a few queries per batch too)
        self.assertLessEqual(scored_count - plain_count, 500 // 100 + 20)
