"""RSS 2.0, RSS 1.0 and Atom feeds, read with conditional GET."""

import email.utils
import hashlib
import re
import xml.etree.ElementTree as ET
from datetime import UTC
from urllib.parse import urlsplit

from ..errors import ConfigurationError, PayloadError
from ..posts import make_author, make_post, parse_datetime
from .base import Connector, short_language
from .cursors import Watermark
from .http import send
from .text import html_to_text

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_FEED_BYTES = 10 * 1024 * 1024
# Entity expansion (billion laughs) and external entities need a DTD: refuse any.
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)


def _text(element, path):
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None and found.text else ""


def _utc(moment):
    return moment.astimezone(UTC) if moment else None


def _rfc822_date(value):
    if not value:
        return None
    try:
        return _utc(parse_datetime(email.utils.parsedate_to_datetime(value)))
    except (TypeError, ValueError, IndexError):
        return _utc(parse_datetime(value))


def parse_feed(content, label="RSS feed"):
    """Feed bytes -> ``(feed_title, [entry dicts])``; refuses DTDs and bad XML."""
    if _DTD.search(content):
        raise PayloadError(
            f"{label}: the document declares a DTD or entities, which are refused "
            "for safety (entity expansion attacks): the address is not a plain feed."
        )
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise PayloadError(
            f"{label}: the document is not well-formed XML ({exc}): check the "
            "feed address, or retry later if the answer was truncated."
        ) from exc
    if root.tag == f"{ATOM}feed":
        return _text(root, f"{ATOM}title"), [
            _atom_entry(entry, root) for entry in root.findall(f"{ATOM}entry")
        ]
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise PayloadError(f"{label}: the RSS document has no <channel>.")
        return _text(channel, "title"), [
            _rss_item(item, channel, "") for item in channel.findall("item")
        ]
    if root.tag == f"{RDF}RDF":
        channel = root.find(f"{RSS1}channel")
        return _text(channel, f"{RSS1}title"), [
            _rss_item(item, channel, RSS1) for item in root.findall(f"{RSS1}item")
        ]
    raise PayloadError(
        f"{label}: the document is XML but neither RSS nor Atom "
        f"(root element {root.tag!r}): check the feed address."
    )


def _atom_text(element):
    if element is None:
        return ""
    kind = element.get("type", "text")
    if kind == "xhtml":
        return " ".join("".join(element.itertext()).split())
    if kind == "html":
        return html_to_text(element.text)
    return (element.text or "").strip()


def _atom_link(entry):
    links = entry.findall(f"{ATOM}link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return links[0].get("href") if links else None


def _atom_author(element):
    author = element.find(f"{ATOM}author") if element is not None else None
    if author is None:
        return None
    name = _text(author, f"{ATOM}name")
    return {
        "name": name,
        "id": _text(author, f"{ATOM}uri") or _text(author, f"{ATOM}email") or name,
        "url": _text(author, f"{ATOM}uri") or None,
    }


def _atom_entry(entry, feed):
    content = entry.find(f"{ATOM}content")
    if content is None:
        content = entry.find(f"{ATOM}summary")
    language = (
        (content.get(XML_LANG) if content is not None else None)
        or entry.get(XML_LANG)
        or feed.get(XML_LANG)
    )
    return {
        "id": _text(entry, f"{ATOM}id"),
        "title": _atom_text(entry.find(f"{ATOM}title")),
        "body": _atom_text(content),
        "link": _atom_link(entry),
        "date": _utc(
            parse_datetime(
                _text(entry, f"{ATOM}published") or _text(entry, f"{ATOM}updated")
            )
        ),
        "author": _atom_author(entry) or _atom_author(feed),
        "language": language,
    }


def _rss_item(item, channel, ns):
    body = _text(item, f"{ns}description") or _text(item, f"{CONTENT}encoded")
    creator = _text(item, f"{DC}creator") or _text(item, "author")
    return {
        "id": _text(item, "guid") or item.get(f"{RDF}about") or "",
        "title": html_to_text(_text(item, f"{ns}title")),
        "body": html_to_text(body),
        "link": _text(item, f"{ns}link") or None,
        "date": _rfc822_date(_text(item, "pubDate") or _text(item, f"{DC}date")),
        "author": {"name": creator, "id": creator, "url": None} if creator else None,
        "language": _text(channel, "language") or _text(channel, f"{DC}language"),
    }


def entry_id(entry):
    if entry["id"]:
        return entry["id"]
    if entry["link"]:
        return entry["link"]
    seed = f"{entry['title']}|{entry['date'].isoformat() if entry['date'] else ''}"
    return "sha256:" + hashlib.sha256(seed.encode()).hexdigest()[:40]


class RssConnector(Connector):
    """RSS 2.0 / RSS 1.0 / Atom 1.0 feeds; no credentials, read-only.

    The source value is the full feed URL (the one connector whose host comes
    from the source). Cursor: ``{"since": iso, "seen_ids": [...],
    "etag": ..., "last_modified": ...}``; a 304 answer gives an empty page.
    """

    platform = "rss"
    label = "RSS feed"
    default_base_url = ""
    credential_fields = ()
    source_kinds = ("feed",)
    not_found_hint = "the feed address"

    def test_connection(self):
        if not self.account_ref or "://" not in self.account_ref:
            return "RSS feeds need no credentials; each feed is checked when read."
        title, entries = parse_feed(self._download(self.account_ref, {}).content)
        return f"Read the feed {title or self.account_ref}: {len(entries)} entries."

    def fetch_page(self, source, cursor):
        self._check_source(source)
        cursor = dict(cursor or {})
        url = source.value.strip()
        headers = {}
        if cursor.get("etag"):
            headers["If-None-Match"] = cursor["etag"]
        if cursor.get("last_modified"):
            headers["If-Modified-Since"] = cursor["last_modified"]
        response = self._download(url, headers)
        if response.status_code == 304:
            return self._page([], cursor, True, response)
        title, entries = parse_feed(response.content, f"RSS feed {url}")

        watermark = Watermark(cursor)
        host = urlsplit(url).netloc
        posts = []
        for entry in entries:
            external_id = entry_id(entry)
            if watermark.admit(entry["date"], external_id):
                posts.append(self._make_post(entry, external_id, title, host))
        new_cursor, _ = watermark.next_cursor(None)
        for header, key in (("ETag", "etag"), ("Last-Modified", "last_modified")):
            new_cursor.pop(key, None)
            if response.headers.get(header):
                new_cursor[key] = response.headers[header]
        return self._page(posts, new_cursor, True, response)

    def _download(self, url, headers):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigurationError(
                f"RSS feed: {url!r} is not an http(s) address: fix the feed URL."
            )
        response = send(
            self.session,
            "GET",
            url,
            label=f"RSS feed {parts.netloc}",
            timeout=self.timeout,
            headers={"Accept": ACCEPT, **headers},
        )
        if response.status_code != 304 and not 200 <= response.status_code < 300:
            raise self._error(response)
        if len(response.content) > MAX_FEED_BYTES:
            raise PayloadError(
                f"RSS feed {parts.netloc}: the document is larger than "
                f"{MAX_FEED_BYTES // 1024 // 1024} MB: not read."
            )
        return response

    def _make_post(self, entry, external_id, feed_title, host):
        title, body = entry["title"], entry["body"]
        text = (
            body
            if title and body.startswith(title)
            else "\n\n".join(part for part in (title, body) if part)
        )
        author = entry["author"]
        if author and author["name"]:
            writer = make_author(
                author["id"], author["name"], author["name"], profile_url=author["url"]
            )
        else:
            writer = make_author(host, host, feed_title or host)
        return make_post(
            self.platform,
            external_id,
            text,
            writer,
            entry["date"],
            url=entry["link"],
            language=short_language(entry["language"]),
        )

    def send_reply(
        self,
        parent_external_id,
        text,
        *,
        parent_author_handle=None,
        direct_message=False,
        idempotency_key=None,
    ):
        raise ConfigurationError(
            "RSS feeds are read-only: answer on the website itself."
        )
