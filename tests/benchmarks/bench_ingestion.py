"""Ingestion throughput and memory of ``social.crm.mention._ingest_posts``.

Run on demand (never collected by pytest), from the project folder::

    .venv/bin/python tests/benchmarks/bench_ingestion.py [--db NAME] [--posts 10000]
        [--batch 500] [--mentions 100000] [--partners 50000] [--keep-db]
        [--repeat 2] [--memory-posts 3000] [--no-sentiment] [--no-memory]
        [--no-profile] [--addons-dir PATH]

1. ``odoo-bin -i social_crm --stop-after-init`` into a fresh database (demo data
   included; ``--keep-db`` reuses an existing one), then seeds it by COPY with
   ``--partners`` contacts, 30,000 identities (30% linked to a contact) and
   ``--mentions`` mentions of mixed length and script (English, Japanese,
   Arabic, emoji...), 1-2 queries each; committed once, not timed.
2. Baseline, same process and same run: ``res.partner.create(vals_list)`` of
   2,000 contacts (name, email, phone) in batches of ``--batch``, rolled back.
3. Measured: ``--posts`` normalized posts (``make_post``/``make_author``) into
   the demo X account in batches of ``--batch``, each batch generated lazily,
   ingested, ``env.flush_all()``, then ``env.invalidate_all()`` (what a
   streaming caller does); rolled back. ~40% of the new posts come from known
   authors (half of them with a changed follower count), ~60% from new
   authors (who post ~1.3 times each, so some become known in later batches);
   ~10% are replies (half to a post of the same batch, half to a stored
   mention); 2% repeat a post of the same batch under another query, 2% repeat
   one of the previous batch with more likes, 1% re-fetch a stored mention
   with more likes. Only the ingestion call and the flush are timed
   (generating the posts is not). Queries per batch come from
   ``cr.sql_log_count``; "waiting for PostgreSQL" is the wall time spent in
   ``cr.execute``; "Python CPU only" rates use the process CPU time.
   Baseline and ingestion are each the best of ``--repeat`` runs (the same
   posts every time), each run after a ``VACUUM ANALYZE`` of the tables that
   the previous rolled-back runs filled with dead rows.
4. Memory: tracemalloc peak per batch for batch sizes 100, 500 and 2000
   (``--memory-posts`` posts each) and what stays allocated after each batch:
   it must follow the batch size, not the number of posts already ingested.
   What stays allocated includes the previous batch, which the post generator
   keeps for its cross-batch repeats; the precommit callbacks and mail.thread
   tracking entries are only released by the COMMIT (ir.cron commits after
   each call).
5. cProfile of one batch (after two warm-up batches), the functions worth
   following with their share of the batch, and its SQL statements grouped by
   shape; ``--no-profile`` skips it.
6. With ``social_crm_sentiment`` too, if it installs: a copy of the seeded
   database (``CREATE DATABASE ... TEMPLATE``), the module installed into it,
   baseline, ingestion and profile again.

``--addons-dir`` (or ``SOCIAL_CRM_ADDONS_DIR``) replaces this project's folder in
the addons path: point it at a private copy of the addons to measure a change.
The databases are dropped at the end unless ``--keep-db``. Takes about 7
minutes with the defaults on the 2-core machine.

Measured on the 2-core dev machine (AMD EPYC, 2 vCPUs shared with other jobs,
Python 3.11, PostgreSQL 15 on the same machine), 2026-11-22, commit d8edca8,
defaults (10,000 posts in batches of 500, best of 2 runs), 437 s in all:

                                   social_crm        + social_crm_sentiment
    res.partner.create (baseline)  603 contacts/s    613 contacts/s
    _ingest_posts                  398 posts/s       173 posts/s    target 2,000: FAIL
    ratio ingestion/baseline       0.66x             0.28x          target 4x: FAIL
    Python CPU only                537 posts/s       219 posts/s
    waiting for PostgreSQL         32% of the wall   26%
    queries per batch of 500       688 (1.36/post)   1,675 (3.33/post)
    pages of 40 posts              11 posts/s        10 posts/s

After the first optimizations (no per-mention "assigned" mail from routing,
author stats in one UPDATE, inline matching only for small contact books,
precomputed mention fields given at create), same machine, 2026-11-22, best
of 1 run:

                                   social_crm        + social_crm_sentiment
    res.partner.create (baseline)  535 contacts/s    642 contacts/s
    _ingest_posts                  1,114 posts/s     336 posts/s    target 2,000: FAIL
    ratio ingestion/baseline       2.08x             0.52x          target 4x: FAIL
    Python CPU only                1,612 posts/s     422 posts/s
    queries per batch of 500       58 (0.12/post)    420 (0.86/post)
    pages of 40 posts              585 posts/s       277 posts/s

Second session of 2026-11-22, same machine, best of 1 run, after these changes:
routing reads what its conditions need in three queries per batch instead
of field reads per rule and mention; round-robin assignment kept the routing
context (it lost it and mailed "you have been assigned" for every mention:
~500 of the 627 queries per batch with sentiment); several alerts for the
same people in one batch are one digest; faster Japanese lexicon lookup and
urgency-term scan:

                                   social_crm        + social_crm_sentiment
    res.partner.create (baseline)  550 contacts/s    627 contacts/s
    _ingest_posts                  990 posts/s       389 posts/s    target 2,000: FAIL
    ratio ingestion/baseline       1.80x             0.62x          target 4x: FAIL
    Python CPU only                1,525 posts/s     492 posts/s
    queries per batch of 500       62 (0.13/post)    100 (0.20/post)

Where a batch of 500 goes now (wall-clock wrappers, no profiler; social_crm +
sentiment): scoring 35% (0.78 ms per post in the engines: language 0.17 ms,
sentiment 0.5 ms, urgency terms 0.14 ms), routing 23% (actions and logs),
ORM create 23%, author engagement stats 10%. The figures of the social_crm
run vary by +-10% between runs on this shared machine (the baseline too).

Third session of 2026-11-22, same machine, defaults (best of 2 runs, fresh
database), after:

* new mentions, new authors and routing logs stored by one batched INSERT
  each (``batched_rows.insert_rows``: one ``default_get`` per batch instead
  of one per row, no ``create()`` bookkeeping for every field of every
  record, plain values sent unconverted); replies whose parent is in the same
  batch inserted after it (no UPDATE);
* author profile and engagement changes put in the cache per field and
  written with the influence in one grouped UPDATE (no ``write()`` per
  author, no second UPDATE for the stats); the author table keeps 20% of
  each page free, so that most of these updates are HOT (63% measured);
* no index of their own for the mention's account (the unique account/post
  index serves it), platform, sentiment and priority;
* with the sentiment addon, new mentions scored before their INSERT (no
  UPDATE of every new row);
* routing of new mentions: facts taken from the inserted values (no read of
  every mention's fields), no company check and no tracking on its writes
  (the routing log is the trace, and no chatter message per assigned mention
  is created at commit any more: 357 tracking entries per 3,000 posts
  before, 0 now).

The machine was slower this day: before the changes the same script gave 683
posts/s for 352 contacts/s (1.94x), 357 posts/s with sentiment (1.01x).

                                   social_crm        + social_crm_sentiment
    res.partner.create (baseline)  629 contacts/s    613 contacts/s
    _ingest_posts                  2,063 posts/s     655 posts/s    target 2,000
    ratio ingestion/baseline       3.28x             1.07x          target 4x: FAIL
    Python CPU only                3,399 posts/s     810 posts/s
                                   (4.82x the baseline's CPU rate)
    waiting for PostgreSQL         50% of the wall   24%
    queries per batch of 500       53 (0.11/post)    90 (0.18/post)
    pages of 40 posts              936 posts/s       407 posts/s
    memory, peak per batch         1.7 MB (100), 5.9 MB (500), 18.7 MB (2000)

Shorter runs (2,500 posts) of the last commits gave 1,891-2,232 posts/s
(3.0-3.4x), full runs of earlier commits 1,843-1,998. Half of
the wall time of the social_crm run is now PostgreSQL's: the INSERT of 500
mentions takes ~50 ms (EXPLAIN ANALYZE: most of it in the per-row foreign
key checks on account, company, author, contact and users), the query links
~15 ms, the authors' UPDATE ~15 ms. Partial indexes for the mostly empty
assignee, team and contact columns made no measurable difference (2.79-2.84x
against 2.87x) and were not kept; reading routing facts through the ORM cache
instead of SQL cost more Python than it saved (578k -> 726k function calls
per batch) and was not kept. With the sentiment addon, the engines (about 0.9
ms per post) and the routing that scored priorities trigger (assignments,
tags, alerts of "Urgent complaints") take three quarters of the time.

With the sentiment addon, scoring (about 1 ms per post in the engines) and the
routing alerts of the demo rule "Urgent complaints" (one Discuss/e-mail page per
urgent mention, ~10 queries each) dominate.

Fourth session of 2026-11-22, same machine, defaults on the kept database
(``--keep-db``, best of 2 runs). No change to the social_crm path; with the
sentiment addon: urgency terms found in one scan, long English texts scored
by VADER in sentence chunks, the cleaned text shared by the three scorers,
texts mostly in Latin script no longer sent to the Japanese engine because
they quote some Japanese:

                                   social_crm        + social_crm_sentiment
    res.partner.create (baseline)  576 contacts/s    500 contacts/s
    _ingest_posts                  1,919 posts/s     573 posts/s    target 2,000: FAIL
    ratio ingestion/baseline       3.33x             1.15x          target 4x: FAIL
    Python CPU only                3,240 posts/s     721 posts/s
                                   (4.99x the baseline's CPU rate)
    waiting for PostgreSQL         51% of the wall   26%

The two runs gave 1,432 and 1,919 posts/s; runs earlier that day, with other
jobs on the machine, 1,493-1,710 posts/s (3.03-3.69x). Where PostgreSQL's
half goes, from EXPLAIN ANALYZE of an INSERT of 500 mentions: 11 ms for the
rows and their indexes, 22 ms for the nine foreign-key triggers that Odoo's
many2one columns create (account, company, author, contact, parent, assignee,
team, creator, last editor), and about 20 ms more to send, parse and plan the
statement's 15,000 values. Sending them as arrays (``unnest``) or as flat
parameters instead of row tuples saved 5-7 ms of 50-60 ms per INSERT, about
2% of a batch, and was not kept. The cyclic garbage collector takes 3.5% of
a run: one full collection of Odoo's ~150,000 objects (about 80 ms) per
5,000 posts. ``gc.freeze()`` would remove it, but that is a setting of the
server process, not of an addon.

Memory (social_crm): tracemalloc peak per batch 3.8 MB (batch 100), 7.9 MB
(500), 19.8 MB (2000), i.e. it follows the batch size; what stays allocated
grows by ~1 KB per ingested post until the COMMIT (after 3,000 posts in
batches of 100: 2,852 precommit callbacks and 4,961 mail.thread tracking
entries), from the per-record writes that do not disable tracking.

One batch of 500 (cProfile, social_crm): routing's assignment e-mails take 47%
(``_apply_assignment`` writes ``user_id``, mail.thread then runs 69
``message_notify``: 10 queries each); ORM create of the mentions 27% (``new()``
per row for the precomputed company_id, ``default_get`` per row,
``_check_company``), then one UPDATE per stored related/computed field group
right after the INSERT (platform, partner_id, summary, engagement_total); 358
per-identity writes of the author stats. Pages of 40: every page with 50 new
authors or fewer rebuilds the contact index over all 50,000 contacts (3.5 s).

Private copies (``--addons-dir``) of commit 1b0e87c, Python CPU posts/s (wall):
as committed 544 (403); without the assignment e-mail 936 (714); + author
stats in one UPDATE, precomputed mention fields given in the values, no
company check on the ingest path 1,593 (1,108); + low-level ``_create`` and
author stats left to a cron 1,829 (1,332). Without inline matching, pages of
40 run at 262 posts/s instead of 11. The same changes on commit 9aaeea1 (no
routing yet) reached 3,297 (2,148 posts/s, 3.6x the baseline).
"""

import argparse
import cProfile
import csv
import io
import os
import pstats
import random
import re
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from psycopg2 import sql

sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_env

TARGET_POSTS_PER_SECOND = 2000
TARGET_RATIO = 4.0
BASELINE_PARTNERS = 2000
IDENTITIES = 30_000
MEMORY_BATCH_SIZES = (100, 500, 2000)
# Written by the runs: vacuumed before each one so that the dead rows of the
# previous (rolled-back) runs do not slow it down.
TOUCHED_TABLES = (
    "res_partner",
    "social_crm_identity",
    "social_crm_mention",
    "social_crm_mention_query_rel",
)
SENTIMENT_MODULE = "social_crm_sentiment"

FIRST_NAMES = [
    "Jane", "Hiroshi", "María", "Li", "Olivia", "Ahmed", "Sofía", "Yuki", "Lukas",
    "Chloé", "Priya", "Tomás", "さくら", "太郎", "Fatima", "Noah", "Emma", "João",
    "Zoë", "Mateo", "Aiko", "Kwame", "Ingrid", "Dmitri", "Ana", "Chen", "Léa",
    "Omar", "Hana", "Liam", "Ren", "Amara",
]  # fmt: skip
LAST_NAMES = [
    "Doe", "Tanaka", "García", "Wei", "Smith", "Hassan", "López", "Sato", "Müller",
    "Dubois", "Raman", "Silva", "佐藤", "鈴木", "Haddad", "Johnson", "Brown",
    "Pereira", "Novak", "Rossi", "Kowalski", "Mensah", "Larsen", "Ivanov",
    "Nguyen", "Kim", "Martin", "O'Brien",
]  # fmt: skip
CITIES = [
    "Paris", "Tokyo", "Madrid", "Berlin", "São Paulo", "Lagos", "Toronto",
    "大阪", "Mumbai", "Sydney", None,
]  # fmt: skip
SNIPPETS = [
    "Just got the new Lumio One speaker and the bass is incredible 🔊🔥",
    "Lumio support never answered my ticket, third week waiting… 😡",
    "ルミオのスピーカー、音がとても良いです。買ってよかった🎶",
    "サポートの対応が遅すぎる。返品したいです。",
    "¿Alguien sabe si el Lumio One funciona con Alexa? 🤔",
    "Le son est top mais l'application plante tout le temps 😕",
    "Comparing Lumio vs Sonora for my living room, thoughts? #smarthome",
    "The firmware update bricked my speaker. @lumio please fix ASAP!!!",
    "Unboxing video is up 👉 link in bio ✨📦",
    "Der Klang ist super, aber die Verbindung bricht ständig ab.",
    (
        "Five stars. Setup took two minutes and it sounds better than my old "
        "soundbar. 👍👍👍"
    ),
    "مكبر الصوت رائع لكن التطبيق بطيء جدا",
    "Is there a student discount on the Lumio One? Asking for a friend 😅",
    "新しいファームウェアでBluetoothが安定しました。ありがとう🙏",
    "Returned it. Crackling at high volume, and the replacement did the same.",
    "@lumio love the new colours, the green one is 😍 #LumioOne",
    (
        "Week two with the speaker: battery lasts about 14 hours at half volume, "
        "pairing with two phones works, the EQ in the app is a bit hidden."
    ),
    "Why does the app need my location to play music?? 🙄 #privacy",
]
LANGUAGES = ["en", "en", "en", "ja", "es", "fr", None, None]
STAMP_COLUMNS = ("create_uid", "write_uid", "create_date", "write_date")
PARTNER_COLUMNS = (
    "name", "complete_name", "email", "email_normalized", "phone", "city", "ref",
    "type", "active", "is_company", "partner_share", "lang", *STAMP_COLUMNS,
)  # fmt: skip
IDENTITY_COLUMNS = (
    "name", "handle", "platform", "external_user_id", "company_id", "partner_id",
    "profile_url", "followers_count", "verified", "influence_score", "match_state",
    *STAMP_COLUMNS,
)  # fmt: skip
MENTION_COLUMNS = (
    "account_id", "platform", "company_id", "external_id", "identity_id",
    "partner_id", "text", "posted_at", "fetched_at", "kind", "state", "priority",
    "summary", "like_count", "share_count", "reply_count", "engagement_total",
    "language", *STAMP_COLUMNS,
)  # fmt: skip


# ----------------------------------------------------------------------
# Synthetic data
# ----------------------------------------------------------------------
def make_text(rng):
    """60% one snippet, 30% 2-4, 10% a long review (1-3 KB)."""
    roll = rng.random()
    count = (
        1 if roll < 0.6 else rng.randint(2, 4) if roll < 0.9 else rng.randint(12, 30)
    )
    return " ".join(rng.choice(SNIPPETS) for _ in range(count))


def identity_name(index):
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{first} {last}"


def followers_for(index):
    """Skewed: most authors have a few hundred followers, some a million."""
    return int(10 ** (1 + 5 * ((index * 0.6180339887) % 1) ** 3))


def _copy(cr, table, columns, rows):
    """COPY ``rows`` (tuples, ``None`` = NULL) into ``table``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["\\N" if value is None else value for value in row])
    buffer.seek(0)
    statement = sql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT csv, NULL '\\N')").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    cr.copy_expert(statement.as_string(cr._cnx), buffer)


def _seeded(env):
    env.cr.execute(
        "SELECT (SELECT count(*) FROM res_partner WHERE ref LIKE 'bench-%'),"
        " (SELECT count(*) FROM social_crm_mention WHERE external_id LIKE 'seed-%')"
    )
    return env.cr.fetchone()


def seed(env, n_partners, n_mentions, seed_value):
    """Contacts, identities and mentions by COPY; committed once."""
    cr = env.cr
    rng = random.Random(seed_value)
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    company = env.ref("base.main_company").id
    accounts = {
        platform: env["social.crm.account"].search(
            [("platform", "=", platform)], limit=1
        )
        for platform in ("x", "mastodon")
    }
    query_ids = env["social.crm.query"].search([]).ids
    stamp = (1, 1, now, now)  # create_uid, write_uid, create_date, write_date

    cr.execute("SELECT coalesce(max(id), 0) FROM res_partner")
    first_partner = cr.fetchone()[0]
    _copy(
        cr,
        "res_partner",
        PARTNER_COLUMNS,
        (
            (
                identity_name(i * 7 + 3),
                identity_name(i * 7 + 3),
                f"contact{i}@mail{i % 13}.example.com",
                f"contact{i}@mail{i % 13}.example.com",
                f"+33 6 {i // 10000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d} 11",
                CITIES[i % len(CITIES)],
                f"bench-{i}",
                "contact",
                True,
                False,
                True,
                "en_US",
                *stamp,
            )
            for i in range(n_partners)
        ),
    )
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id > %s",
        [first_partner],
    )
    cr.execute("SELECT id FROM res_partner WHERE id > %s ORDER BY id", [first_partner])
    partner_ids = [row[0] for row in cr.fetchall()]

    def platform_of(index):
        return "mastodon" if index % 5 == 0 else "x"

    def handle_of(index):
        return f"user_{index}@mastodon.social" if index % 5 == 0 else f"user_{index}"

    def partner_of(index):
        if index % 10 < 3 and partner_ids:
            return partner_ids[(index * 7) % len(partner_ids)]
        return None

    _copy(
        cr,
        "social_crm_identity",
        IDENTITY_COLUMNS,
        (
            (
                identity_name(i),
                handle_of(i),
                platform_of(i),
                f"u{i}",
                company,
                partner_of(i),
                f"https://x.com/user_{i}"
                if i % 5
                else f"https://mastodon.social/@user_{i}",
                followers_for(i),
                i % 97 == 0,
                min(100, len(str(followers_for(i))) * 15),
                "linked" if partner_of(i) else "unmatched",
                *stamp,
            )
            for i in range(IDENTITIES)
        ),
    )
    cr.execute(
        "SELECT external_user_id, id, partner_id FROM social_crm_identity "
        "WHERE external_user_id LIKE 'u%%' AND company_id = %s",
        [company],
    )
    identity_rows = {key: (id_, partner) for key, id_, partner in cr.fetchall()}

    states = ["new"] * 4 + ["assigned", "in_progress"] + ["done"] * 3 + ["ignored"]

    def mention_rows():
        for m in range(n_mentions):
            author = int(IDENTITIES * rng.random() ** 2)  # some authors post a lot
            identity_id, partner_id = identity_rows[f"u{author}"]
            account = accounts[platform_of(author)]
            text = make_text(rng)
            likes, shares, replies = (
                int(rng.random() ** 4 * 500),
                int(rng.random() ** 4 * 50),
                int(rng.random() ** 3 * 20),
            )
            posted = now - timedelta(minutes=3 * m + rng.randint(0, 2))
            yield (
                account.id,
                account.platform,
                company,
                f"seed-{m}",
                identity_id,
                partner_id,
                text,
                posted,
                posted + timedelta(minutes=5),
                "reply" if m % 10 == 0 else "post",
                rng.choice(states),
                rng.choice("0001123"),
                f"{identity_name(author)}: {' '.join(text.split())[:60]}",
                likes,
                shares,
                replies,
                likes + shares + replies,
                rng.choice(LANGUAGES),
                *stamp,
            )

    _copy(
        cr,
        "social_crm_mention",
        MENTION_COLUMNS,
        mention_rows(),
    )
    cr.execute(
        "INSERT INTO social_crm_mention_query_rel (mention_id, query_id) "
        "SELECT m.id, q.id FROM social_crm_mention m "
        "JOIN unnest(%s::int[]) WITH ORDINALITY AS q(id, n) "
        "ON q.n = 1 + m.id %% %s OR q.n = 1 + (m.id * 7) %% %s "
        "WHERE m.external_id LIKE 'seed-%%' ON CONFLICT DO NOTHING",
        [query_ids, len(query_ids), len(query_ids)],
    )
    cr.commit()
    env.invalidate_all()


class PostStream:
    """Batches of normalized posts for one account, generated lazily."""

    def __init__(self, env, account, seed_value):
        # Imported once the registry has loaded the addons path.
        from odoo.addons.social_crm.lib.posts import make_author, make_post

        self.make_post = make_post
        self.make_author = make_author
        self.account = account
        self.seed_value = seed_value
        self.rng = random.Random(seed_value)
        cr = env.cr
        cr.execute(
            "SELECT external_user_id, name, handle, followers_count "
            "FROM social_crm_identity WHERE company_id = %s AND platform = %s "
            "AND external_user_id LIKE 'u%%'",
            [account.company_id.id, account.platform],
        )
        self.known_authors = cr.fetchall()
        cr.execute(
            "SELECT m.external_id, i.external_user_id, i.name, i.handle, "
            "i.followers_count, m.text, m.like_count "
            "FROM social_crm_mention m JOIN social_crm_identity i "
            "ON i.id = m.identity_id WHERE m.account_id = %s "
            "AND m.external_id LIKE 'seed-%%' AND m.id %% 20 = 0",
            [account.id],
        )
        self.stored_mentions = cr.fetchall()
        self.query_ids = env["social.crm.query"].search([]).ids[:2] or [False]
        self.counts = Counter()
        self.next_post = 0
        self.now = datetime.now(UTC)

    def restart(self):
        """Generate the same posts again."""
        self.rng = random.Random(self.seed_value)
        self.counts.clear()

    def _author(self):
        rng = self.rng
        if rng.random() < 0.4 and self.known_authors:
            key, name, handle, followers = rng.choice(self.known_authors)
            if rng.random() < 0.5:
                followers += rng.randint(1, 50)
                self.counts["known author, followers changed"] += 1
            else:
                self.counts["known author, unchanged"] += 1
            return self.make_author(key, handle, name, followers=followers)
        # New authors post ~1.3 times over the run.
        index = rng.randrange(max(1, int(self._total * 0.6 / 1.3)))
        self.counts["new author"] += 1
        return self.make_author(
            f"new-{index}",
            f"fan_{index}",
            identity_name(index + 11),
            followers=followers_for(index + 5),
            bio=rng.choice((None, "Music lover 🎧", "音楽が好き", "Dad. Runner.")),
        )

    def _queries(self):
        if len(self.query_ids) > 1 and self.rng.random() < 0.3:
            return list(self.query_ids)
        return [self.rng.choice(self.query_ids)]

    def _new_post(self, batch):
        rng = self.rng
        index = self.next_post
        self.next_post += 1
        extra = {
            "url": f"https://x.com/i/status/bench-{index}",
            "language": rng.choice(LANGUAGES),
            "likes": int(rng.random() ** 4 * 300),
            "shares": int(rng.random() ** 4 * 30),
            "replies": int(rng.random() ** 3 * 10),
        }
        if rng.random() < 0.1:
            extra["kind"] = "reply"
            in_batch = [post for post in batch if post["kind"] == "post"]
            if in_batch and rng.random() < 0.5:
                extra["parent_external_id"] = rng.choice(in_batch)["external_id"]
                self.counts["reply to a post of the same batch"] += 1
            elif self.stored_mentions:
                extra["parent_external_id"] = rng.choice(self.stored_mentions)[0]
                self.counts["reply to a stored mention"] += 1
        post = self.make_post(
            self.account.platform,
            f"bench-{index}",
            make_text(rng),
            self._author(),
            self.now - timedelta(seconds=index),
            **extra,
        )
        post["query_ids"] = self._queries()
        return post

    def batches(self, total, batch_size):
        """Yield lists of ``batch_size`` posts; only one batch (and the previous
        one, for cross-batch repeats) is alive at a time."""
        self._total = total
        self.next_post = 0
        previous = []
        emitted = 0
        rng = self.rng
        while emitted < total:
            size = min(batch_size, total - emitted)
            batch = []
            while len(batch) < size:
                roll = rng.random()
                if roll < 0.02 and batch:
                    post = dict(rng.choice(batch), query_ids=self._queries())
                    self.counts["repeat within the batch"] += 1
                elif roll < 0.04 and previous:
                    source = rng.choice(previous)
                    post = dict(source, likes=source["likes"] + rng.randint(1, 9))
                    self.counts["repeat of the previous batch"] += 1
                elif roll < 0.05 and self.stored_mentions:
                    post = self._refetch(rng.choice(self.stored_mentions))
                    self.counts["re-fetch of a stored mention"] += 1
                else:
                    post = self._new_post(batch)
                    self.counts["new post"] += 1
                batch.append(post)
            emitted += size
            yield batch
            previous = batch

    def _refetch(self, row):
        external_id, author_key, name, handle, followers, text, likes = row
        return dict(
            self.make_post(
                self.account.platform,
                external_id,
                text,
                self.make_author(author_key, handle, name, followers=followers),
                self.now,
                likes=likes + self.rng.randint(1, 20),
            ),
            query_ids=self._queries(),
        )


# ----------------------------------------------------------------------
# Measurements
# ----------------------------------------------------------------------
def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def partner_batches(count, batch_size, offset=0):
    for start in range(0, count, batch_size):
        yield [
            {
                "name": identity_name(offset + i),
                "email": f"baseline{offset + i}@example.org",
                "phone": f"+1 555 01{(offset + i) % 100:02d}",
            }
            for i in range(start, min(count, start + batch_size))
        ]


def measure_partner_create(env, batch_size, repeat):
    """Contacts/s of batched ``res.partner.create``: best of ``repeat`` rolled-back
    runs after a warm-up."""
    Partner = env["res.partner"]
    for vals_list in partner_batches(min(100, batch_size), batch_size, 10**6):
        Partner.create(vals_list)
    env.flush_all()
    env.cr.rollback()
    runs = []
    for _run in range(repeat):
        odoo_env.vacuum(env.cr.dbname, TOUCHED_TABLES)
        wall = cpu = 0.0
        queries = []
        with timed_sql(env.cr) as sql_time:
            for vals_list in partner_batches(BASELINE_PARTNERS, batch_size):
                count = env.cr.sql_log_count
                started, started_cpu = time.perf_counter(), time.process_time()
                Partner.create(vals_list)
                env.flush_all()
                wall += time.perf_counter() - started
                cpu += time.process_time() - started_cpu
                queries.append(env.cr.sql_log_count - count)
                env.invalidate_all()
        env.cr.rollback()
        runs.append(
            {
                "rate": BASELINE_PARTNERS / wall,
                "cpu_rate": BASELINE_PARTNERS / cpu,
                "sql_share": sql_time[0] / wall,
                "queries": statistics.median(queries),
            }
        )
    return best_of(runs)


def best_of(runs):
    """The fastest run, with the spread of the wall rates of all runs."""
    best = dict(max(runs, key=lambda run: run["rate"]))
    best["rates"] = sorted(run["rate"] for run in runs)
    return best


@contextmanager
def timed_sql(cr):
    """Wall time spent in ``cr.execute`` (waiting for PostgreSQL), as ``[s]``."""
    total = [0.0]
    original = cr.execute

    def execute(query, params=None, log_exceptions=True):
        started = time.perf_counter()
        try:
            return original(query, params, log_exceptions)
        finally:
            total[0] += time.perf_counter() - started

    cr.execute = execute
    try:
        yield total
    finally:
        del cr.execute


def ingest_account(env):
    account = env.ref("social_crm.social_crm_account_x_demo", raise_if_not_found=False)
    if not account:
        account = env["social.crm.account"].search([("platform", "=", "x")], limit=1)
    if not account:
        account = env["social.crm.account"].create({"name": "Bench X", "platform": "x"})
    return account


def measure_ingestion(env, stream, total, batch_size, repeat):
    """Posts/s of ``_ingest_posts`` + flush: best of ``repeat`` rolled-back runs
    (the same posts each time) after a warm-up."""
    Mention = env["social.crm.mention"]
    for batch in stream.batches(min(200, batch_size), batch_size):  # warm-up
        Mention._ingest_posts(stream.account, batch)
    env.flush_all()
    env.cr.rollback()
    runs = []
    for _run in range(repeat):
        odoo_env.vacuum(env.cr.dbname, TOUCHED_TABLES)
        stream.restart()
        rss_before = max_rss_mb()
        with timed_sql(env.cr) as sql_time:
            run = _ingestion_run(env, stream, total, batch_size)
        run["sql_share"] = sql_time[0] / run["wall"]
        run["rss_delta"] = max_rss_mb() - rss_before
        runs.append(run)
        env.cr.rollback()
    return best_of(runs)


def _ingestion_run(env, stream, total, batch_size):
    Mention = env["social.crm.mention"]
    account = stream.account
    wall = cpu = generation = 0.0
    queries, batch_walls, results = [], [], 0
    started_generation = time.perf_counter()
    for batch in stream.batches(total, batch_size):
        generation += time.perf_counter() - started_generation
        count = env.cr.sql_log_count
        started, started_cpu = time.perf_counter(), time.process_time()
        results += len(Mention._ingest_posts(account, batch))
        env.flush_all()
        elapsed = time.perf_counter() - started
        wall += elapsed
        cpu += time.process_time() - started_cpu
        batch_walls.append(elapsed)
        queries.append(env.cr.sql_log_count - count)
        env.invalidate_all()
        started_generation = time.perf_counter()
    env.cr.execute(
        "SELECT count(*) FROM social_crm_mention WHERE account_id = %s "
        "AND external_id LIKE 'bench-%%'",
        [account.id],
    )
    created = env.cr.fetchone()[0]
    return {
        "posts": total,
        "rate": total / wall,
        "cpu_rate": total / cpu,
        "wall": wall,
        "cpu": cpu,
        "generation": generation,
        "batches": len(queries),
        "batch_wall_first": batch_walls[0],
        "batch_wall_last": batch_walls[-1],
        "queries_median": statistics.median(queries),
        "queries_max": max(queries),
        "queries_per_post": sum(queries) / total,
        "returned": results,
        "created": created,
        "mix": dict(stream.counts),
    }


def measure_small_pages(env, stream, total, page_size):
    """Posts/s when a connector hands over small pages (one run, rolled back):
    shows the fixed costs paid once per call."""
    odoo_env.vacuum(env.cr.dbname, TOUCHED_TABLES)
    stream.restart()
    with timed_sql(env.cr) as sql_time:
        run = _ingestion_run(env, stream, total, page_size)
    env.cr.rollback()
    run["sql_share"] = sql_time[0] / run["wall"]
    run["page"] = page_size
    return run


def measure_memory(env, stream, total, batch_sizes):
    """tracemalloc peak per batch and memory left after each batch."""
    Mention = env["social.crm.mention"]
    rows = []
    for batch_size in batch_sizes:
        rss_before = max_rss_mb()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        peaks, retained = [], []
        started = time.perf_counter()
        for batch in stream.batches(total, batch_size):
            tracemalloc.reset_peak()
            Mention._ingest_posts(stream.account, batch)
            env.flush_all()
            peaks.append(tracemalloc.get_traced_memory()[1] - base)
            env.invalidate_all()
            retained.append(tracemalloc.get_traced_memory()[0] - base)
            del batch
        elapsed = time.perf_counter() - started
        tracemalloc.stop()
        callbacks, tracked = pending_until_commit(env.cr)
        env.cr.rollback()
        env.invalidate_all()
        rows.append(
            {
                "batch": batch_size,
                "batches": len(peaks),
                "peak": max(peaks) / 2**20,
                "peak_first": peaks[0] / 2**20,
                "peak_last": peaks[-1] / 2**20,
                "per_post_kb": max(peaks) / min(batch_size, total) / 1024,
                "retained_first": retained[0] / 2**20,
                "retained_last": retained[-1] / 2**20,
                "rss_delta": max_rss_mb() - rss_before,
                "callbacks": callbacks,
                "tracked": tracked,
                "rate": total / elapsed,
            }
        )
    return rows


def pending_until_commit(cr):
    """Precommit callbacks queued and records in mail.thread's tracking data:
    both are only released by COMMIT (or ROLLBACK)."""
    tracked = sum(
        len(values)
        for key, values in cr.precommit.data.items()
        if key.startswith("mail.tracking.")
    )
    return len(cr.precommit._funcs), tracked


_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+\b")
_LISTS = re.compile(r"(?:(?:%s|\?)\s*,\s*)+(?:%s|\?)")


def _shape(query):
    text = getattr(query, "code", query)  # odoo.tools.SQL or a plain string
    text = _LITERALS.sub("?", " ".join(text.split()))
    text = _LISTS.sub("…", text)
    return text


@contextmanager
def captured_sql(cr):
    """Count and time every statement run through ``cr.execute``."""
    stats = defaultdict(lambda: [0, 0.0])
    original = cr.execute

    def execute(query, params=None, log_exceptions=True):
        started = time.perf_counter()
        try:
            return original(query, params, log_exceptions)
        finally:
            entry = stats[_shape(query)]
            entry[0] += 1
            entry[1] += time.perf_counter() - started

    cr.execute = execute
    try:
        yield stats
    finally:
        del cr.execute


def profile_batch(env, stream, batch_size, top):
    """cProfile and SQL shapes of the third batch (two warm-up batches)."""
    Mention = env["social.crm.mention"]
    batches = stream.batches(3 * batch_size, batch_size)
    for _ in range(2):
        Mention._ingest_posts(stream.account, next(batches))
        env.flush_all()
        env.invalidate_all()
    batch = next(batches)
    profiler = cProfile.Profile()
    with captured_sql(env.cr) as sql_stats:
        profiler.enable()
        Mention._ingest_posts(stream.account, batch)
        env.flush_all()
        profiler.disable()
    env.cr.rollback()
    env.invalidate_all()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(15)
    report = out.getvalue()
    shapes = sorted(sql_stats.items(), key=lambda item: -item[1][1])
    return report, hot_spots(stats), shapes, len(batch)


# (label, file, function) of the profile rows worth following; cumulative times.
HOT_SPOTS = (
    ("_ingest_posts", "social_crm_mention.py", "_ingest_posts"),
    ("  _upsert_authors", "social_crm_identity.py", "_upsert_authors"),
    ("  _values_from_post", "social_crm_mention.py", "_values_from_post"),
    ("  _changed_values", "social_crm_mention.py", "_changed_values"),
    ("  _insert_new_mentions", "social_crm_mention.py", "_insert_new_mentions"),
    ("  _after_ingest", "social_crm_mention.py", "_after_ingest"),
    ("flush_all (after the call)", "api.py", "flush_all"),
    ("ORM create (all models)", "models.py", "create"),
    ("  _add_precomputed_values (new())", "models.py", "_add_precomputed_values"),
    ("  default_get (once per record)", "models.py", "default_get"),
    ("  _check_company", "models.py", "_check_company"),
    ("  _create (INSERT)", "models.py", "_create"),
    ("mail.thread write (per record)", "mail_thread.py", "write"),
    ("  _track_prepare", "mail_thread.py", "_track_prepare"),
    ("  _message_auto_subscribe", "mail_thread.py", "_message_auto_subscribe"),
    ("recompute stored fields", "models.py", "_recompute_field"),
    (
        "psycopg2 execute (SQL)",
        "~",
        "<method 'execute' of 'psycopg2.extensions.cursor' objects>",
    ),
)


def hot_spots(stats):
    """[(label, calls, cumulative s, share)] and who calls mail.thread write."""
    total = stats.total_tt
    by_name = {
        (file, func): value for (file, _line, func), value in stats.stats.items()
    }
    rows = []
    for label, file, func in HOT_SPOTS:
        value = by_name.get((file, func))
        if value:
            _cc, calls, _tt, cumulative, _callers = value
            rows.append((label, calls, cumulative, cumulative / total))
    write = by_name.get(("mail_thread.py", "write"))
    callers = []
    if write:
        callers = sorted(
            ((caller[2], value[1], value[3]) for caller, value in write[4].items()),
            key=lambda item: -item[2],
        )
    return rows, callers


# ----------------------------------------------------------------------
# Driver
# ----------------------------------------------------------------------
def prepare_database(args):
    """Fresh database with social_crm and the seed (or the kept one)."""
    started = time.perf_counter()
    if odoo_env.database_exists(args.db) and not args.keep_db:
        odoo_env.drop_database(args.db)
    if not odoo_env.database_exists(args.db):
        print(f"Installing social_crm into {args.db} (odoo-bin -i, demo data) ...")
        odoo_env.install(args.db, ["social_crm"], args.log_dir / "install.log")
    installed = time.perf_counter()
    with odoo_env.environment(args.db) as env:
        partners, mentions = _seeded(env)
        if partners or mentions:
            print(f"Reusing the seed: {partners:,} contacts, {mentions:,} mentions.")
        else:
            print(
                f"Seeding {args.partners:,} contacts, {IDENTITIES:,} identities, "
                f"{args.mentions:,} mentions ..."
            )
            seed(env, args.partners, args.mentions, args.seed)
        env.cr.execute(
            "SELECT (SELECT count(*) FROM res_partner),"
            " (SELECT count(*) FROM social_crm_identity),"
            " (SELECT count(*) FROM social_crm_mention)"
        )
        counts = env.cr.fetchone()
    print(
        f"Database ready: {counts[0]:,} contacts, {counts[1]:,} identities, "
        f"{counts[2]:,} mentions (install {installed - started:.0f} s, seed "
        f"{time.perf_counter() - installed:.0f} s)."
    )


def run_phase(args, database, label, memory, profile):
    print(f"\n== {label}: measuring in {database} ...")
    result = {"label": label}
    with odoo_env.environment(database) as env:
        env.cr.execute("SELECT count(*) FROM social_crm_mention")
        result["stored"] = env.cr.fetchone()[0]
        result["baseline"] = measure_partner_create(env, args.batch, args.repeat)
        account = ingest_account(env)
        stream = PostStream(env, account, args.seed)
        result["ingestion"] = measure_ingestion(
            env, stream, args.posts, args.batch, args.repeat
        )
        if args.page_posts:
            result["pages"] = measure_small_pages(
                env, stream, args.page_posts, args.page_size
            )
        if memory:
            result["memory"] = measure_memory(
                env, stream, args.memory_posts, MEMORY_BATCH_SIZES
            )
        if profile:
            result["profile"] = profile_batch(env, stream, args.batch, args.top)
    return result


def install_sentiment(args):
    """A copy of the seeded database with the sentiment addon: ``(name, None)``,
    or ``(None, why)`` when the addon does not install."""
    target = f"{args.db}_sentiment"
    if (
        args.keep_db
        and odoo_env.database_exists(target)
        and SENTIMENT_MODULE in odoo_env.installed_modules(target)
    ):
        return target, None
    odoo_env.drop_database(target)
    odoo_env.copy_database(args.db, target)
    try:
        odoo_env.install(
            target, [SENTIMENT_MODULE], args.log_dir / "install_sentiment.log"
        )
    except RuntimeError as error:
        odoo_env.drop_database(target)
        return None, str(error)
    return target, None


def _spread(run):
    return "/".join(f"{rate:,.0f}" for rate in run["rates"])


def print_phase(result):
    base, ing = result["baseline"], result["ingestion"]
    ratio = ing["rate"] / base["rate"]
    cpu_ratio = ing["cpu_rate"] / base["cpu_rate"]
    verdict = {
        "rate": "PASS" if ing["rate"] >= TARGET_POSTS_PER_SECOND else "FAIL",
        "ratio": "PASS" if ratio >= TARGET_RATIO else "FAIL",
    }
    print(f"\n{result['label']} ({result['stored']:,} mentions stored before the run)")
    ing_note = (
        f"runs {_spread(ing)}; target {TARGET_POSTS_PER_SECOND:,}: {verdict['rate']}"
    )
    ing_cpu_note = (
        f"{ing['sql_share']:.0%} of the wall time waiting for PostgreSQL; "
        f"{ing['posts']:,} posts in {ing['wall']:.1f} s (CPU {ing['cpu']:.1f} s)"
    )
    ratio_note = (
        f"target {TARGET_RATIO:.0f}x: {verdict['ratio']} "
        f"(Python CPU only: {cpu_ratio:.2f}x)"
    )
    rows = [
        ("baseline res.partner.create", f"{base['rate']:,.0f} contacts/s",
         f"runs {_spread(base)}; {base['queries']:.0f} queries/batch"),
        ("  Python CPU only", f"{base['cpu_rate']:,.0f} contacts/s",
         f"{base['sql_share']:.0%} of the wall time waiting for PostgreSQL"),
        ("ingestion _ingest_posts", f"{ing['rate']:,.0f} posts/s", ing_note),
        ("  Python CPU only", f"{ing['cpu_rate']:,.0f} posts/s", ing_cpu_note),
        ("ratio ingestion/baseline", f"{ratio:.2f}x", ratio_note),
        ("queries per batch",
         f"{ing['queries_median']:.0f} (max {ing['queries_max']})",
         f"{ing['queries_per_post']:.2f} per post"),
        ("batch wall time", f"{ing['batch_wall_first']:.2f} s first",
         f"{ing['batch_wall_last']:.2f} s last, {ing['batches']} batches"),
        ("mentions created/returned", f"{ing['created']:,}",
         f"{ing['returned']:,} returned (created or changed)"),
        ("max RSS growth (run)", f"{ing['rss_delta']:.0f} MB",
         f"post generation {ing['generation']:.1f} s, not timed"),
    ]  # fmt: skip
    pages = result.get("pages")
    if pages:
        per_page = pages["wall"] / pages["batches"]
        pages_note = (
            f"{pages['posts']:,} posts, {per_page:.2f} s and "
            f"{pages['queries_median']:.0f} queries per page"
        )
        rows.append(
            (
                f"pages of {pages['page']} posts",
                f"{pages['rate']:,.0f} posts/s",
                pages_note,
            )
        )
    for name, value, note in rows:
        print(f"  {name:<28} {value:>22}   {note}")
    mix = ", ".join(f"{count:,} {kind}" for kind, count in sorted(ing["mix"].items()))
    print(f"  posts of the run: {mix}")
    for row in result.get("memory", []):
        print(
            f"  memory, batch {row['batch']:>5} ({row['rate']:,.0f} posts/s traced): "
            f"peak {row['peak']:6.1f} MB "
            f"({row['per_post_kb']:.0f} KB/post; first {row['peak_first']:.1f}, "
            f"last {row['peak_last']:.1f} of {row['batches']} batches), left after "
            f"a batch {row['retained_first']:.1f} -> {row['retained_last']:.1f} MB, "
            f"max RSS +{row['rss_delta']:.0f} MB; held until commit: "
            f"{row['callbacks']:,} precommit callbacks, {row['tracked']:,} "
            f"tracking entries"
        )


def print_profile(profile, label):
    report, (rows, write_callers), shapes, size = profile
    print(f"\n== cProfile of one batch of {size} posts (third batch, {label})")
    print(report.rstrip())
    print("\n== Where the batch goes (cumulative, profiled; rows overlap)")
    for name, calls, cumulative, share in rows:
        print(f"  {name:<38} {calls:6d} calls {cumulative:7.3f} s {share:6.1%}")
    for caller, calls, cumulative in write_callers:
        print(
            f"  mail.thread write called by {caller:<26} {calls:5d} x "
            f"{cumulative:.3f} s"
        )
    total = sum(count for _shape_text, (count, _seconds) in shapes)
    print(f"\n== SQL of that batch: {total} statements, by total time")
    for shape, (count, seconds) in shapes[:20]:
        print(f"  {count:5d} x {seconds * 1000:8.1f} ms  {shape[:150]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", default="social_crm_bench")
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--partners", type=int, default=50_000)
    parser.add_argument(
        "--memory-posts",
        type=int,
        default=3000,
        help="posts per batch size in the memory run",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--page-size", type=int, default=40, help="small pages (a Mastodon page)"
    )
    parser.add_argument(
        "--page-posts", type=int, default=400, help="posts in small pages; 0: skip"
    )
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of baseline and ingestion (best)"
    )
    parser.add_argument("--top", type=int, default=25, help="cProfile rows")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--no-sentiment", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument(
        "--addons-dir",
        type=Path,
        help="folder with the addons to measure (a private copy)",
    )
    args = parser.parse_args()
    if args.addons_dir:
        odoo_env.ADDONS_DIR = args.addons_dir.resolve()
    args.log_dir = Path(tempfile.mkdtemp(prefix="bench_ingestion_"))
    started = time.perf_counter()
    print(
        f"bench_ingestion: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}, "
        f"addons from {odoo_env.ADDONS_DIR}, odoo-bin logs in {args.log_dir}"
    )
    databases = [args.db]
    results = []
    try:
        try:
            prepare_database(args)
        except RuntimeError as error:
            sys.exit(f"Could not prepare {args.db}: {error}")
        memory, profile = not args.no_memory, not args.no_profile
        results.append(run_phase(args, args.db, "social_crm", memory, profile))
        report(results[-1])
        if not args.no_sentiment:
            target, error = install_sentiment(args)
            if target:
                databases.append(target)
                label = f"social_crm + {SENTIMENT_MODULE}"
                results.append(run_phase(args, target, label, False, profile))
                report(results[-1])
            else:
                print(f"\n{SENTIMENT_MODULE} did not install: {error}")
    finally:
        if not args.keep_db:
            for database in databases:
                odoo_env.drop_database(database)
    print(f"\n== Summary (batch {args.batch}, {args.posts:,} posts)")
    for result in results:
        base, ing = result["baseline"], result["ingestion"]
        ratio = ing["rate"] / base["rate"]
        print(
            f"  {result['label']:<38} {ing['rate']:6,.0f} posts/s "
            f"{'PASS' if ing['rate'] >= TARGET_POSTS_PER_SECOND else 'FAIL'}, "
            f"{ratio:.2f}x {base['rate']:,.0f} contacts/s "
            f"{'PASS' if ratio >= TARGET_RATIO else 'FAIL'}"
        )
    print(
        f"Total time {time.perf_counter() - started:.0f} s; "
        f"load average now {os.getloadavg()[0]:.2f}."
    )


def report(result):
    print_phase(result)
    if "profile" in result:
        print_profile(result["profile"], result["label"])


if __name__ == "__main__":
    main()
