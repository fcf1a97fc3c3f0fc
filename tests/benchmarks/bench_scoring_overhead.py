"""What social_crm_sentiment's scoring adds to ingestion, run on demand.

    .venv/bin/python tests/benchmarks/bench_scoring_overhead.py [--posts 10000]
        [--batch 100] [--rounds 2] [--database bench_scoring] [--keep]

Ingests ``--posts`` posts through ``social.crm.mention._ingest_posts`` in
batches of ``--batch`` (a connector page), once with the context key
``social_crm_sentiment_skip_scoring`` (plain core ingestion) and once with the
scoring hook (language, sentiment, priority in the same batch), alternating
``--rounds`` times, and prints the time, the SQL queries and the overhead ratio
``scored / plain - 1``. Target: scoring adds at most 25% to ingestion time.
Everything is rolled back; the database is created (social_crm_sentiment with
demo data) unless it exists, and dropped at the end unless ``--keep``.

Texts are a mix of English, Japanese, Spanish, French, German and Portuguese
customer posts, from 500 authors. Results are in ``social_crm_sentiment``'s
readme/USAGE.md.
"""

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_env

MODULE = "social_crm_sentiment"
SKIP = "social_crm_sentiment_skip_scoring"
AUTHORS = 500
TEXTS = [
    "I love the new Acme speaker, the sound is amazing",
    "Acme support never answered, I want a refund!",
    "Is the Acme hub compatible with my old router?",
    "The app keeps crashing since the last update, so annoying",
    "最高です！音質がすごくいい",
    "壊れていて最悪です。返金してください",
    "Me encanta el altavoz, es excelente",
    "El pedido nunca llegó y nadie responde, quiero un reembolso",
    "Le produit est arrivé cassé, je veux être remboursé",
    "Super produit, je recommande vivement",
    "Das Gerät ist kaputt und der Support antwortet nicht",
    "Produto chegou quebrado, quero cancelar a compra",
]


def make_posts(first, count):
    from odoo.addons.social_crm.lib.posts import make_author, make_post

    start = datetime.now(UTC) - timedelta(hours=count / 60)
    return [
        make_post(
            "x",
            f"bench-{first + n}",
            f"{TEXTS[n % len(TEXTS)]} #{first + n}",
            make_author(str(n % AUTHORS), f"author{n % AUTHORS}", followers=n % 5000),
            start + timedelta(minutes=n),
        )
        for n in range(count)
    ]


def ingest(env, account, posts, batch, skip):
    from odoo import sql_db

    Mention = env["social.crm.mention"].with_context(**{SKIP: skip})
    env.invalidate_all()
    queries = sql_db.sql_counter
    started = time.perf_counter()
    for index in range(0, len(posts), batch):
        Mention._ingest_posts(account, posts[index : index + batch])
        env.flush_all()
    return time.perf_counter() - started, sql_db.sql_counter - queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--database", default="bench_scoring")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    created = False
    if not odoo_env.database_exists(args.database) or MODULE not in (
        odoo_env.installed_modules(args.database)
    ):
        odoo_env.install(args.database, [MODULE])
        created = True
    try:
        with odoo_env.environment(args.database) as env:
            account = env["social.crm.account"].create(
                {"name": "Bench", "platform": "x", "handle": "bench"}
            )
            env["social.crm.query"].search([]).active = False
            # warm-up: load language models, lexicons, tokenizer, ORM caches
            for skip in (True, False):
                ingest(env, account, make_posts(10_000_000 + skip, 200), 100, skip)
            results = {True: [], False: []}
            first = 0
            for _round in range(args.rounds):
                for skip in (True, False):
                    posts = make_posts(first, args.posts)
                    first += args.posts
                    results[skip].append(ingest(env, account, posts, args.batch, skip))
            plain = statistics.median(seconds for seconds, _q in results[True])
            scored = statistics.median(seconds for seconds, _q in results[False])
            plain_queries = results[True][-1][1]
            scored_queries = results[False][-1][1]
        print(
            f"{args.posts} posts in batches of {args.batch}, median of "
            f"{args.rounds} rounds"
        )
        print(
            f"  without scoring: {plain:7.2f} s  {args.posts / plain:8.0f} posts/s  "
            f"{plain_queries} queries"
        )
        print(
            f"  with scoring:    {scored:7.2f} s  {args.posts / scored:8.0f} posts/s  "
            f"{scored_queries} queries"
        )
        print(
            f"  overhead: {100 * (scored / plain - 1):+.1f}% time, "
            f"{scored_queries - plain_queries:+d} queries "
            f"({(scored - plain) / args.posts * 1000:.2f} ms per post)"
        )
    finally:
        if created and not args.keep:
            odoo_env.drop_database(args.database)


if __name__ == "__main__":
    main()
