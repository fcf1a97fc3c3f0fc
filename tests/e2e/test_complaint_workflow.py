"""The seed's workflow, end to end, against a running Odoo server.

A customer posts on X about a product defect. The fetch (from a local X API v2
double) stores the mention; sentiment is negative; the author is matched to the
existing customer; priority is high and the support team is alerted; a rule
opens a helpdesk ticket; an agent replies from Odoo (the double receives the
reply); the ticket escalates to the product team; the agent resolves it; the
customer's next positive post closes the loop.

Driven through JSON-RPC as an integration or the web client would, on the
database that ``tools/test`` installed (``SOCIAL_CRM_TEST_DB``).
"""

import os
import tempfile
import time

import pytest
from platform_doubles import FakePlatform, json_reply

from .odoo_server import JsonRpc, OdooServer

SEARCH = "/2/tweets/search/recent"
CUSTOMER_X_ID = "7000000001"

pytestmark = pytest.mark.skipif(
    not os.environ.get("SOCIAL_CRM_TEST_DB"),
    reason="needs the database installed by tools/test (SOCIAL_CRM_TEST_DB)",
)


def x_page(tweet_id, text):
    return {
        "data": [
            {
                "id": tweet_id,
                "text": text,
                "created_at": "2026-11-22T08:00:00.000Z",
                "author_id": CUSTOMER_X_ID,
                "lang": "en",
                "public_metrics": {
                    "retweet_count": 0,
                    "reply_count": 0,
                    "like_count": 2,
                },
            }
        ],
        "includes": {
            "users": [
                {
                    "id": CUSTOMER_X_ID,
                    "username": "maria_c",
                    "name": "Maria Customer",
                    "location": "Lyon, France",
                    "verified": False,
                    "public_metrics": {"followers_count": 150},
                }
            ]
        },
        "meta": {"newest_id": tweet_id, "oldest_id": tweet_id, "result_count": 1},
    }


@pytest.fixture(scope="module")
def odoo():
    log_path = os.path.join(tempfile.mkdtemp(prefix="social_crm_e2e_"), "odoo.log")
    with OdooServer(os.environ["SOCIAL_CRM_TEST_DB"], log_path) as server:
        yield JsonRpc(server.url, server.database, "admin", "admin")


@pytest.fixture(scope="module")
def x_api():
    with FakePlatform() as server:
        yield server


def one(rpc, model, domain, fields):
    records = rpc(model, "search_read", domain, fields=fields)
    assert len(records) == 1, records
    return records[0]


def test_complaint_to_resolution(odoo, x_api):
    # -- set-up a manager would do once ------------------------------------
    admin = one(odoo, "res.users", [("login", "=", "admin")], ["id"])["id"]
    customer = odoo(
        "res.partner",
        "create",
        {"name": "Maria Customer", "city": "Lyon", "email": "maria@example.com"},
    )
    account = odoo(
        "social.crm.account",
        "create",
        {
            "name": "E2E Acme on X",
            "platform": "x",
            "api_base_url": x_api.url,
            "api_key": "e2e-bearer",
            "access_token": "e2e-user-token",
            "state": "connected",
        },
    )
    query = odoo(
        "social.crm.query",
        "create",
        {
            "name": "E2E Acme Rocket",
            "query": "acmerocket",
            "query_type": "product",
            "account_ids": [(6, 0, [account])],
        },
    )
    care = odoo(
        "social.crm.team",
        "create",
        {"name": "E2E Care", "member_ids": [(6, 0, [admin])]},
    )
    support = odoo(
        "helpdesk.ticket.team",
        "create",
        {"name": "E2E Support", "user_ids": [(6, 0, [admin])]},
    )
    product = odoo(
        "helpdesk.ticket.team",
        "create",
        {"name": "E2E Product", "user_ids": [(6, 0, [admin])]},
    )
    for priority in ("2", "3"):
        odoo(
            "social.crm.helpdesk.sla",
            "create",
            {
                "team_id": support,
                "priority": priority,
                "response_hours": 0.0004,
                "resolution_hours": 0.0005,  # 1.8 seconds: overdue during the test
                "escalation_team_id": product,
            },
        )
    odoo(
        "social.crm.routing.rule",
        "create",
        {
            "name": "E2E complaints to support",
            "sequence": 0,
            "sentiment": "negative",
            "min_priority": "2",
            "query_ids": [(6, 0, [query])],
            "assign_mode": "least_loaded",
            "assign_team_id": care,
            "alert": True,
            "create_ticket": True,
            "ticket_team_id": support,
            "stop_processing": True,
        },
    )

    # -- 1. the customer complains; the fetch stores the mention ----------
    complaint = (
        "My new #acmerocket phone arrived broken: the screen is dead after one "
        "day. Really disappointed, I want a refund."
    )
    x_api.route("GET", SEARCH, json_reply(x_page("1860000000000000001", complaint)))
    result = odoo("social.crm.account", "action_fetch_now", [account])
    assert result["params"]["type"] == "success", result
    assert x_api.last(SEARCH).header("Authorization") == "Bearer e2e-bearer"

    mention = one(
        odoo,
        "social.crm.mention",
        [("account_id", "=", account)],
        [
            "sentiment",
            "partner_id",
            "priority",
            "priority_reasons",
            "user_id",
            "team_id",
            "alert_sent_at",
            "ticket_id",
            "state",
            "query_ids",
            "external_id",
        ],
    )
    # -- 2. negative, matched to the existing customer, high priority -----
    assert mention["sentiment"] == "negative"
    assert mention["partner_id"][0] == customer
    assert mention["priority"] in ("2", "3"), mention["priority_reasons"]
    assert mention["query_ids"] == [query]
    # -- 3. the support team is alerted and a rule opened a ticket ---------
    assert mention["user_id"][0] == admin
    assert mention["team_id"][0] == care
    assert mention["alert_sent_at"]
    activities = odoo(
        "mail.activity",
        "search_count",
        [
            ("res_model", "=", "social.crm.mention"),
            ("res_id", "=", mention["id"]),
            ("user_id", "=", admin),
        ],
    )
    assert activities == 1
    ticket_id = mention["ticket_id"][0]
    ticket = one(
        odoo,
        "helpdesk.ticket",
        [("id", "=", ticket_id)],
        [
            "team_id",
            "partner_id",
            "channel_id",
            "description",
            "sla_resolution_deadline",
        ],
    )
    assert ticket["team_id"][0] == support
    assert ticket["partner_id"][0] == customer
    assert ticket["channel_id"][1] == "Social"
    assert "screen is dead" in ticket["description"]
    assert ticket["sla_resolution_deadline"]
    logs = odoo(
        "social.crm.routing.log",
        "search_read",
        [("mention_id", "=", mention["id"])],
        fields=["actions"],
    )
    assert any("ticket" in log["actions"] for log in logs), logs

    # -- 4. an agent replies from Odoo; the double receives it ------------
    x_api.route(
        "POST",
        "/2/tweets",
        json_reply(
            {"data": {"id": "1860000000000000099", "text": "reply"}}, status=201
        ),
    )
    wizard = odoo(
        "social.crm.reply.wizard",
        "create",
        {
            "mention_id": mention["id"],
            "reply_type": "reply",
            "body": "We're sorry {author_name}! A replacement is on its way.",
        },
    )
    odoo("social.crm.reply.wizard", "action_send", [wizard])
    sent = x_api.last("/2/tweets", method="POST")
    assert sent.json["reply"]["in_reply_to_tweet_id"] == mention["external_id"]
    assert sent.json["text"].startswith("We're sorry Maria Customer!")
    assert sent.header("Authorization") == "Bearer e2e-user-token"
    engagement = one(
        odoo,
        "social.crm.engagement",
        [("mention_id", "=", mention["id"])],
        ["state", "external_id"],
    )
    assert engagement == {
        **engagement,
        "state": "sent",
        "external_id": "1860000000000000099",
    }
    answered = one(
        odoo,
        "social.crm.mention",
        [("id", "=", mention["id"])],
        ["first_response_at", "response_time_hours", "state"],
    )
    assert answered["first_response_at"] and answered["state"] == "in_progress"

    # -- 5. the ticket misses its resolution target and escalates ----------
    time.sleep(2.5)
    cron = one(
        odoo, "ir.cron", [("name", "=", "Social CRM: escalate overdue tickets")], ["id"]
    )
    odoo("ir.cron", "method_direct_trigger", [cron["id"]])
    escalated = one(
        odoo,
        "helpdesk.ticket",
        [("id", "=", ticket_id)],
        ["team_id", "sla_overdue", "sla_escalated"],
    )
    assert escalated["team_id"][0] == product
    assert escalated["sla_overdue"] and escalated["sla_escalated"]

    # -- 6. the agent resolves the ticket: the mention is done -------------
    done_stage = odoo(
        "helpdesk.ticket.stage",
        "search",
        [("closed", "=", True)],
        limit=1,
        order="sequence",
    )[0]
    odoo("helpdesk.ticket", "write", [ticket_id], {"stage_id": done_stage})
    assert (
        one(odoo, "social.crm.mention", [("id", "=", mention["id"])], ["state"])[
            "state"
        ]
        == "done"
    )

    # -- 7. the customer's next positive post closes the loop --------------
    x_api.reset()
    praise = "The replacement #acmerocket works perfectly. Great support, thank you! 😍"
    x_api.route("GET", SEARCH, json_reply(x_page("1860000000000000200", praise)))
    odoo("social.crm.account", "action_fetch_now", [account])
    assert x_api.last(SEARCH).param("since_id") == "1860000000000000001"
    follow_up = one(
        odoo,
        "social.crm.mention",
        [("account_id", "=", account), ("external_id", "=", "1860000000000000200")],
        ["sentiment", "partner_id", "ticket_id", "state"],
    )
    assert follow_up["sentiment"] == "positive"
    assert follow_up["partner_id"][0] == customer
    assert follow_up["ticket_id"][0] == ticket_id
    assert follow_up["state"] == "done"
    tickets = odoo("helpdesk.ticket", "search_count", [("partner_id", "=", customer)])
    assert tickets == 1, "no second ticket"
