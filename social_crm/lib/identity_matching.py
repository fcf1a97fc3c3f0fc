"""Match social-media authors to the CRM's contacts (plain Python, no Odoo).

The Odoo layer builds one ``ContactIndex`` per company from that company's contacts
and known identities, then calls ``match_authors`` with the authors of a batch of
posts. Each author gets a ``MatchResult``:

``linked``
    an exact key points at one contact (method ``external_id``, ``email``,
    ``phone``, ``website`` or ``handle``), or the fuzzy score reaches
    ``auto_link_threshold`` with a clear lead over the next contact (method ``auto``);
``suggested``
    the best contacts with their scores and reasons, for a human to confirm;
``new``
    nothing close enough: the caller creates one contact per ``group_key``.

Exact keys
    platform + external user id of an identity already stored; e-mail (casefolded,
    ``+tag`` removed); phone in E.164 via ``phonenumbers`` (contacts parsed with their
    own country, authors with ``MatchSettings.default_region``); the registrable
    domain of a website, except generic hosts (webmail, link-in-bio services, social
    networks); a handle that the contact lists for the same platform. A key shared by
    several contacts is ambiguous: it is suggested, never linked.

Fuzzy score (0-100)
    ``NAME_WEIGHT`` x name similarity + supporting evidence, capped at 100.
    Name similarity is ``token_sort_ratio`` on ``normalize_name`` forms (case,
    accents, emoji, honorifics, full-width/half-width, katakana/hiragana folded),
    nickname variants (Bob -> Robert) minus a small penalty, or the handle spelled
    from the name (``johnsmith`` / ``jsmith``). Evidence: same city (+8), same country
    (+2), the contact's company in the bio or display name (+8), the contact's
    website in the bio (+10), the handle listed on the contact for another platform
    (+8), the contact's e-mail domain linked in the bio (+6). With a weight of 0.9 a
    name alone scores at most 90, below the 92 auto-link threshold: a name is not
    an identity, so auto-linking needs at least one independent piece of evidence.

Why ``token_sort_ratio`` and not ``WRatio``
    Measured with ``tests/benchmarks/bench_identity_matching.py`` on the labelled
    set of ``identity_dataset.py`` (seed 7: 4,000 contacts, 2,400 authors of whom
    1,592 are contacts, 5 locales), same thresholds and evidence for every scorer:

    ====================  =========  ===========  ==========  ===================
    scorer                link       recall       suggestion  non-contacts
                          precision  (link+sugg)  precision   linked / suggested
    ====================  =========  ===========  ==========  ===================
    ``token_sort_ratio``  0.998      0.918        0.732       2 / 235
    ``ratio``             0.997      0.900        0.713       2 / 253
    ``WRatio``            0.998      0.967        0.639       2 / 394
    ====================  =========  ===========  ==========  ===================

    ``WRatio`` over-matches: it gives a partial match the score of a typo
    (``"maria"`` vs ``"garcia lopez maria"``: 90, ``"john"`` vs ``"john smith"``:
    90, ``"jon smith"`` vs ``"john smith"``: 95), so it puts 68 % more non-contacts
    (people who share a first name or a surname with a contact) in the review
    queue; its extra recall is mostly first-name-only authors that a human cannot
    confirm either. Auto-link precision stays equal only because a name alone can
    never auto-link here (see ``NAME_WEIGHT``). ``ratio`` punishes the word order
    (``"garcia maria"`` vs ``"maria garcia"``: 75). ``token_sort_ratio`` is
    ``ratio`` on token-sorted strings, so the contacts' sorted forms are computed
    once at index build and the batch only runs ``fuzz.ratio`` in C
    (``process.extract``) on each author's candidate blocks.

Thresholds (``MatchSettings``)
    ``auto_link_threshold`` 92: a perfect name scores 90, plus at most 1 for weak
    evidence (same country), so auto-linking needs a name of similarity >= 94
    with the city, or >= 85 with two pieces of strong evidence.
    ``suggest_threshold`` 75: a name of similarity >= 84 alone (one or two typos),
    or initial + surname (``"j smith"``: 82) with the same city.
    ``ambiguity_margin`` 5: two namesakes within 5 points are suggested, not linked.

Speed
    Candidates come from blocking keys (each name token of two letters or more;
    CJK names, which have no spaces, by character bigrams; handle spellings by
    exact lookup), so each author is compared with a few hundred contacts, not all.
    Tokens held by more than ``MAX_BLOCK_SIZE`` contacts are skipped unless they
    are all the author has. See ``tests/benchmarks/bench_identity_matching.py``.
"""

import heapq
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

import phonenumbers
from rapidfuzz import fuzz, process

from .name_normalization import (
    MAX_TEXT_LENGTH,
    fold_text,
    handle_variants,
    is_cjk,
    name_handle_forms,
    normalize_handle,
    normalize_name,
    sorted_tokens,
)

LINKED = "linked"
SUGGESTED = "suggested"
NEW = "new"

NAME_WEIGHT = 0.9
NAME_FLOOR = 55  # names below this similarity are not even scored
FULL_HANDLE_SCORE = 95  # handle == first+last name ("johnsmith")
INITIAL_HANDLE_SCORE = 82  # handle == initial + surname ("jsmith")
HANDLE_AGREEMENT_POINTS = 1
NICKNAME_PENALTY = 4
HANDLE_QUERY_PENALTY = 5
CITY_POINTS = 8
COUNTRY_POINTS = 1
COMPANY_POINTS = 8
WEBSITE_IN_BIO_POINTS = 10
EMAIL_DOMAIN_IN_BIO_POINTS = 6
OTHER_PLATFORM_HANDLE_POINTS = 8
EXACT_KEY_SCORE = 100
MAX_BLOCK_SIZE = 5_000
NAME_CANDIDATES_PER_QUERY = 25
SCORED_CANDIDATES = 15

# Hosts shared by many unrelated people: their domain says nothing about identity.
GENERIC_HOSTS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.jp",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "t-online.de",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "wanadoo.fr",
        "sfr.fr",
        "proton.me",
        "protonmail.com",
        "docomo.ne.jp",
        "ezweb.ne.jp",
        "softbank.ne.jp",
        "example.com",
        "example.org",
        "example.net",
        "linktr.ee",
        "lit.link",
        "beacons.ai",
        "bio.link",
        "about.me",
        "carrd.co",
        "facebook.com",
        "fb.com",
        "fb.me",
        "x.com",
        "twitter.com",
        "t.co",
        "instagram.com",
        "threads.net",
        "tiktok.com",
        "youtube.com",
        "youtu.be",
        "linkedin.com",
        "lnkd.in",
        "reddit.com",
        "redd.it",
        "pinterest.com",
        "tumblr.com",
        "medium.com",
        "github.com",
        "gitlab.com",
        "substack.com",
        "patreon.com",
        "ko-fi.com",
        "note.com",
        "ameblo.jp",
        "line.me",
        "bsky.app",
        "bsky.social",
        "mastodon.social",
        "bit.ly",
        "goo.gl",
        "tinyurl.com",
        "google.com",
        "sites.google.com",
        "wa.me",
        "whatsapp.com",
        "telegram.me",
        "t.me",
        "discord.gg",
        "twitch.tv",
        "spotify.com",
        "apple.com",
        "amazon.com",
        "wordpress.com",
        "blogspot.com",
        "wixsite.com",
        "github.io",
        "netlify.app",
        "vercel.app",
        "notion.site",
        "hatenablog.com",
    }
)
# On these the site of one person is a sub-domain: "jane.github.io" is the key.
PERSONAL_SUBDOMAIN_HOSTS = frozenset(
    {
        "github.io",
        "wordpress.com",
        "blogspot.com",
        "tumblr.com",
        "substack.com",
        "wixsite.com",
        "netlify.app",
        "vercel.app",
        "notion.site",
        "hatenablog.com",
    }
)
_TWO_LABEL_SUFFIXES = frozenset(
    {
        "co.uk",
        "org.uk",
        "ac.uk",
        "gov.uk",
        "me.uk",
        "co.jp",
        "ne.jp",
        "or.jp",
        "ac.jp",
        "go.jp",
        "com.au",
        "net.au",
        "org.au",
        "com.br",
        "com.mx",
        "com.ar",
        "co.nz",
        "co.in",
        "com.es",
        "org.es",
        "com.tr",
        "co.za",
        "com.cn",
        "com.tw",
        "com.hk",
        "com.sg",
        "co.kr",
        "gouv.fr",
        "asso.fr",
    }
)
_URL_OR_DOMAIN = re.compile(
    r"(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?:/[^\s]*)?",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_HOST = re.compile(r"^[a-z0-9.-]+$")
_NON_DIGITS = re.compile(r"\D+")
_PHONE_EXTENSION = re.compile(r"(?i)\s*(?:x|ext\.?|#)\s*\d")

_LEGAL_FORMS = frozenset(
    {
        "inc",
        "llc",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "ag",
        "kg",
        "ohg",
        "ug",
        "mbh",
        "se",
        "sa",
        "sl",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "plc",
        "kk",
        "coop",
        "scoop",
        "slu",
        "sau",
        "y",
        "e",
        "et",
        "und",
        "and",
        "asociados",
        "hijos",
        "hnos",
        "sons",
        "cie",
        "group",
        "grupo",
        "the",
    }
)
_JAPANESE_LEGAL_FORMS = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社")
_JAPANESE_CITY_SUFFIXES = ("市", "区", "町", "村")

COUNTRY_NAMES = {
    "jp": ("japan", "日本", "nippon"),
    "us": ("usa", "united states", "america"),
    "es": ("spain", "espana"),
    "fr": ("france",),
    "de": ("germany", "deutschland"),
    "gb": ("uk", "united kingdom", "england", "scotland", "wales"),
    "it": ("italy", "italia"),
    "mx": ("mexico",),
    "br": ("brazil", "brasil"),
    "ca": ("canada",),
    "au": ("australia",),
    "at": ("austria", "osterreich"),
    "ch": ("switzerland", "schweiz", "suisse"),
    "be": ("belgium", "belgique", "belgie"),
    "nl": ("netherlands", "nederland"),
    "pt": ("portugal",),
    "ar": ("argentina",),
    "co": ("colombia",),
    "cl": ("chile",),
    "kr": ("korea", "한국"),
    "cn": ("china", "中国"),
    "in": ("india",),
}

# Common short forms of first names (English, Spanish, French, German).
NICKNAMES = {
    "bob": ("robert",),
    "bobby": ("robert",),
    "rob": ("robert",),
    "robbie": ("robert",),
    "bill": ("william",),
    "billy": ("william",),
    "will": ("william",),
    "jim": ("james",),
    "jimmy": ("james",),
    "jamie": ("james",),
    "mike": ("michael",),
    "liz": ("elizabeth",),
    "beth": ("elizabeth",),
    "betty": ("elizabeth",),
    "kate": ("katherine",),
    "katie": ("katherine", "kathleen"),
    "kathy": ("katherine", "kathleen"),
    "tom": ("thomas",),
    "tommy": ("thomas",),
    "dave": ("david",),
    "chris": ("christopher", "christophe", "christian", "christine"),
    "dan": ("daniel",),
    "danny": ("daniel",),
    "joe": ("joseph",),
    "sam": ("samuel", "samantha"),
    "alex": ("alexander", "alexandre", "alejandro"),
    "matt": ("matthew",),
    "nick": ("nicholas",),
    "tony": ("anthony",),
    "steve": ("steven", "stephen"),
    "ben": ("benjamin",),
    "jen": ("jennifer",),
    "jenny": ("jennifer",),
    "andy": ("andrew", "andreas"),
    "greg": ("gregory",),
    "jeff": ("jeffrey",),
    "jon": ("jonathan",),
    "josh": ("joshua",),
    "ken": ("kenneth",),
    "rick": ("richard",),
    "rich": ("richard",),
    "ron": ("ronald",),
    "sue": ("susan",),
    "tim": ("timothy",),
    "abby": ("abigail",),
    "cathy": ("catherine",),
    "charlie": ("charles",),
    "chuck": ("charles",),
    "ed": ("edward",),
    "eddie": ("edward",),
    "fred": ("frederick", "frederic"),
    "jack": ("john",),
    "johnny": ("john",),
    "jess": ("jessica",),
    "meg": ("margaret",),
    "maggie": ("margaret",),
    "nate": ("nathan", "nathaniel"),
    "pete": ("peter",),
    "phil": ("phillip",),
    "ray": ("raymond",),
    "zach": ("zachary",),
    "becky": ("rebecca",),
    "mandy": ("amanda",),
    "debbie": ("deborah",),
    "cindy": ("cynthia",),
    "kim": ("kimberly",),
    "pepe": ("jose",),
    "paco": ("francisco",),
    "pancho": ("francisco",),
    "curro": ("francisco",),
    "fran": ("francisco",),
    "lola": ("dolores",),
    "pili": ("pilar",),
    "manolo": ("manuel",),
    "manu": ("manuel", "emmanuel"),
    "nacho": ("ignacio",),
    "quique": ("enrique",),
    "rafa": ("rafael",),
    "concha": ("concepcion",),
    "charo": ("rosario",),
    "merche": ("mercedes",),
    "javi": ("javier",),
    "dani": ("daniel", "daniela"),
    "toni": ("antonio",),
    "lupe": ("guadalupe",),
    "chelo": ("consuelo",),
    "isa": ("isabel",),
    "susi": ("susana",),
    "nando": ("fernando",),
    "guille": ("guillermo",),
    "santi": ("santiago",),
    "nico": ("nicolas",),
    "seb": ("sebastien", "sebastian"),
    "steph": ("stephane", "stephanie"),
    "max": ("maxime", "maximilian"),
    "flo": ("florian", "florence"),
    "dom": ("dominique",),
    "hans": ("johannes",),
    "sepp": ("josef",),
    "uli": ("ulrich",),
    "steffi": ("stefanie",),
    "basti": ("sebastian",),
    "kathi": ("katharina",),
    "andi": ("andreas",),
    "tobi": ("tobias",),
    "fritz": ("friedrich",),
    "heinz": ("heinrich",),
    "gabi": ("gabriele",),
}
_DISPLAY_NAME_SEPARATORS = re.compile(r"\s[|/•·\-–—@(]|[|｜/•·@(（【\[]")


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class ContactRecord:
    """What the matcher needs of a ``res.partner`` (``id`` is the partner id).

    ``handles`` is ``{"x": {"jsmith"}, ...}`` or a flat set of ``"x:jsmith"``.
    """

    id: int
    name: str
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    website: str | None = None
    city: str | None = None
    country_code: str | None = None
    company_name: str | None = None
    handles: dict | set | frozenset | None = None
    comment: str | None = None


@dataclass(slots=True)
class AuthorRecord:
    """An author as connectors see it (``posts.make_author``) plus its platform."""

    platform: str
    external_id: str
    handle: str | None = None
    display_name: str | None = None
    bio: str | None = None
    location: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    followers: int = 0
    profile_url: str | None = None

    @property
    def key(self):
        return f"{self.platform}:{self.external_id}"

    @classmethod
    def from_author_dict(cls, platform, author, email=None, phone=None):
        """Build from the normalized author dict of ``posts.make_author``."""
        return cls(
            platform=platform,
            external_id=str(author.get("external_id") or ""),
            handle=author.get("handle"),
            display_name=author.get("display_name"),
            bio=author.get("bio"),
            location=author.get("location"),
            website=author.get("website"),
            email=email,
            phone=phone,
            followers=author.get("followers") or 0,
            profile_url=author.get("profile_url"),
        )


@dataclass(slots=True, frozen=True)
class IdentityRecord:
    """An identity already stored: a contact's account on a platform."""

    contact_id: int
    platform: str
    external_id: str
    email: str | None = None
    profile_url: str | None = None


@dataclass(slots=True, frozen=True)
class MatchSettings:
    """Per-company settings; thresholds are on the 0-100 score."""

    auto_link_threshold: float = 92
    suggest_threshold: float = 75
    never_auto_link_platforms: frozenset = frozenset({"reddit"})
    default_region: str = "US"
    max_suggestions: int = 3
    # an auto-link also needs this lead over the next contact, else it is suggested
    ambiguity_margin: float = 5

    def __post_init__(self):
        if not 0 <= self.suggest_threshold <= self.auto_link_threshold <= 100:
            raise ValueError(
                "thresholds must satisfy 0 <= suggest <= auto-link <= 100, got "
                f"{self.suggest_threshold} and {self.auto_link_threshold}"
            )
        if self.max_suggestions < 1:
            raise ValueError("max_suggestions must be at least 1")


class Candidate(NamedTuple):
    contact_id: int
    score: float
    reasons: list


@dataclass(slots=True)
class MatchResult:
    author_key: str
    decision: str
    method: str | None = None
    partner_id: int | None = None
    candidates: list = field(default_factory=list)
    score: float = 0
    reasons: list = field(default_factory=list)
    # authors sharing a group_key are one person: create one contact for them
    group_key: str | None = None


# ------------------------------------------------------------------------ key forms


def normalize_email(value):
    """``" John.Smith+news@Example.COM "`` -> ``"john.smith@example.com"``."""
    if not value:
        return None
    text = str(value).strip().casefold()
    text = text.removeprefix("mailto:")
    local, at, domain = text.partition("@")
    if not at or not local or "." not in domain or " " in text or len(text) > 254:
        return None
    local = local.split("+", 1)[0] or local
    return f"{local}@{domain}"


def normalize_phone(value, region="US"):
    """Any written form of a phone number -> E.164, or None when it is not one."""
    if not value:
        return None
    text = str(value).strip()[:64]
    try:
        number = phonenumbers.parse(text, (region or "US").upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _phone_digits_key(value):
    """Last 8 digits before any extension: a cheap blocking key, confirmed in E.164."""
    number_part = _PHONE_EXTENSION.split(str(value), maxsplit=1)[0]
    digits = _NON_DIGITS.sub("", number_part)
    return digits[-8:] if len(digits) >= 7 else None


def _hostname(url):
    text = str(url or "").strip().casefold()[:2048]
    if not text:
        return None
    if "://" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host or not _HOST.match(host):
        return None
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    return host


def website_domain(url):
    """Registrable domain of a site (``https://shop.acme.co.uk/x`` -> ``acme.co.uk``).

    ``None`` for generic hosts (``gmail.com``, ``linktr.ee``, ``x.com`` ...); a
    personal site on a shared host keeps its sub-domain (``jane.github.io``).
    """
    host = _hostname(url)
    if not host:
        return None
    labels = host.split(".")
    for shared in PERSONAL_SUBDOMAIN_HOSTS:
        if host.endswith("." + shared):
            owner = host[: -len(shared) - 1].rsplit(".", 1)[-1]
            return f"{owner}.{shared}"
    keep = 3 if ".".join(labels[-2:]) in _TWO_LABEL_SUFFIXES else 2
    domain = ".".join(labels[-keep:])
    if domain in GENERIC_HOSTS or host in GENERIC_HOSTS or len(labels) < keep:
        return None
    return domain


def email_domain(email):
    """Domain of a normalized e-mail unless it is a generic mailbox provider."""
    if not email:
        return None
    return website_domain(email.rpartition("@")[2])


def normalize_profile_url(url):
    """Scheme-less, lower-case host, no query or trailing slash; None if not a URL."""
    host = _hostname(url)
    if not host:
        return None
    text = str(url).strip()
    if "://" not in text:
        text = "//" + text
    try:
        path = urlsplit(text).path.rstrip("/")
    except ValueError:
        return None
    return f"{host}{path.casefold()}"


def domains_in_text(text):
    """Registrable domains of the links and e-mail addresses written in a bio."""
    if not text:
        return set()
    domains = set()
    for match in _URL_OR_DOMAIN.finditer(str(text)[:MAX_TEXT_LENGTH]):
        domain = website_domain(match.group(0))
        if domain:
            domains.add(domain)
    return domains


def emails_in_text(text):
    if not text:
        return set()
    found = (
        normalize_email(match) for match in _EMAIL.findall(str(text)[:MAX_TEXT_LENGTH])
    )
    return {email for email in found if email}


def contact_handles(contact):
    """``(platform, handle)`` pairs of a contact, handles casefolded without ``@``."""
    handles = contact.handles
    if not handles:
        return
    if isinstance(handles, dict):
        pairs = (
            (platform, handle)
            for platform, values in handles.items()
            for handle in ((values,) if isinstance(values, str) else values or ())
        )
    else:
        pairs = (str(item).partition(":")[::2] for item in handles)
    for platform, handle in pairs:
        cleaned = _clean_handle(handle)
        if platform and cleaned:
            yield str(platform).casefold(), cleaned


def _clean_handle(handle):
    return str(handle or "").strip().lstrip("@").casefold()


def company_core(company_name):
    """Company name without legal forms.

    ``"Acme Widgets, Inc."`` -> ``acme widgets``."""
    folded = fold_text(str(company_name or "").replace(".", ""), limit=200)
    for legal_form in _JAPANESE_LEGAL_FORMS:
        folded = folded.replace(legal_form, "")
    words = [word for word in folded.split() if word not in _LEGAL_FORMS]
    core = " ".join(words)
    return core if len(core) >= (2 if is_cjk(core) else 3) else ""


def _city_core(city):
    folded = fold_text(city, limit=200)
    if is_cjk(folded) and len(folded) > 2 and folded.endswith(_JAPANESE_CITY_SUFFIXES):
        folded = folded[:-1]
    return folded if len(folded) >= 2 else ""


def _contains_phrase(haystack, phrase):
    """Whole-word containment for spaced scripts, plain substring for CJK."""
    if not phrase or not haystack:
        return False
    if is_cjk(phrase):
        return phrase in haystack
    return f" {phrase} " in f" {haystack} "


# --------------------------------------------------------------------------- index


@dataclass(slots=True)
class _ContactFeatures:
    """Evidence-side forms of a contact, computed on first use only."""

    city: str
    city_label: str
    company_label: str
    country_names: tuple
    company: str
    website: str | None
    email_domain: str | None
    handles: tuple


class ContactIndex:
    """Exact-key maps and name blocks over the contacts of ONE company.

    Build one index per company (``ContactIndex.build(company_contacts, settings)``)
    so that contacts of another company can never be returned; keep it for the batch
    and ``add_contact`` the contacts created meanwhile.
    """

    def __init__(self, settings=None):
        self.settings = settings or MatchSettings()
        self._contacts = []
        self._position_by_id = {}
        self._sorted_names = []
        self._features = {}
        self._identity_owner = {}
        self._by_email = defaultdict(list)
        self._by_phone_digits = defaultdict(list)
        self._by_domain = defaultdict(list)
        self._by_handle = defaultdict(list)
        # blocking key -> ([positions], [token-sorted names]), parallel lists
        self._blocks = {}
        self._by_handle_form = defaultdict(list)

    @classmethod
    def build(cls, contacts, settings=None, identities=()):
        index = cls(settings)
        for contact in contacts:
            index.add_contact(contact)
        for identity in identities:
            index.add_identity(identity)
        return index

    def __len__(self):
        return len(self._contacts)

    @property
    def tokens(self):
        """Name tokens known to the index (to split handles such as ``jsmith``)."""
        return self._blocks.keys()

    def add_contact(self, contact):
        position = len(self._contacts)
        self._contacts.append(contact)
        self._position_by_id[contact.id] = position
        name = normalize_name(contact.name)
        sorted_name = sorted_tokens(name)
        self._sorted_names.append(sorted_name)
        for key in blocking_keys(name):
            block = self._blocks.get(key)
            if block is None:
                block = self._blocks[key] = ([], [])
            block[0].append(position)
            block[1].append(sorted_name)
        full_forms, initial_forms = name_handle_forms(name)
        for form in full_forms:
            self._by_handle_form[form].append(position)
        for form in initial_forms:
            # initial forms are stored as ~position (negative) to save a tuple
            self._by_handle_form[form].append(~position)
        email = normalize_email(contact.email)
        if email:
            self._by_email[email].append(position)
        for phone in {contact.phone, contact.mobile}:
            digits_key = _phone_digits_key(phone) if phone else None
            if digits_key:
                self._by_phone_digits[digits_key].append(position)
        domain = website_domain(contact.website)
        if domain:
            self._by_domain[domain].append(position)
        for platform_handle in set(contact_handles(contact)):
            self._by_handle[platform_handle].append(position)

    def add_identity(self, identity):
        key = (str(identity.platform).casefold(), str(identity.external_id))
        self._identity_owner[key] = identity.contact_id

    def contact(self, position):
        return self._contacts[position]

    def identity_owner(self, platform, external_id):
        return self._identity_owner.get((str(platform).casefold(), str(external_id)))

    def positions_by_email(self, email):
        return self._by_email.get(email, ())

    def positions_by_phone(self, e164):
        """Contacts whose phone or mobile is ``e164`` once parsed in their country."""
        matches = []
        for position in self._by_phone_digits.get(_phone_digits_key(e164), ()):
            contact = self._contacts[position]
            region = contact.country_code or self.settings.default_region
            numbers = {
                normalize_phone(contact.phone, region),
                normalize_phone(contact.mobile, region),
            }
            if e164 in numbers:
                matches.append(position)
        return matches

    def positions_by_domain(self, domain):
        return self._by_domain.get(domain, ())

    def positions_by_handle(self, platform, handle):
        return self._by_handle.get((platform, handle), ())

    def positions_by_handle_form(self, compact_handle):
        """``(position, score)`` of contacts whose name spells ``compact_handle``."""
        for stored in self._by_handle_form.get(compact_handle, ()):
            if stored >= 0:
                yield stored, FULL_HANDLE_SCORE
            else:
                yield ~stored, INITIAL_HANDLE_SCORE

    def blocks(self, keys):
        """``(positions, sorted names)`` of the blocks of ``keys``.

        Blocks larger than ``MAX_BLOCK_SIZE`` are skipped unless nothing else is left.
        """
        found = [self._blocks[key] for key in keys if key in self._blocks]
        usable = [block for block in found if len(block[0]) <= MAX_BLOCK_SIZE]
        if found and not usable:
            usable = [min(found, key=lambda block: len(block[0]))]
        return usable

    def sorted_name(self, position):
        return self._sorted_names[position]

    def features(self, position):
        features = self._features.get(position)
        if features is None:
            contact = self._contacts[position]
            country = (contact.country_code or "").casefold()
            features = _ContactFeatures(
                city=_city_core(contact.city),
                city_label=str(contact.city or "").strip(),
                company_label=str(contact.company_name or "").strip(),
                country_names=COUNTRY_NAMES.get(country, ()),
                company=company_core(contact.company_name),
                website=website_domain(contact.website),
                email_domain=email_domain(normalize_email(contact.email)),
                handles=tuple(contact_handles(contact)),
            )
            self._features[position] = features
        return features


def blocking_keys(normalized_name):
    """Tokens of two letters or more; CJK runs give their character bigrams."""
    tokens = normalized_name.split()
    if normalized_name.isascii():
        return {token for token in tokens if len(token) >= 2}
    keys = set()
    for token in tokens:
        if is_cjk(token):
            keys.update(token[i : i + 2] for i in range(max(len(token) - 1, 1)))
        elif len(token) >= 2:
            keys.add(token)
    return keys


# ------------------------------------------------------------------------ matching


@dataclass(slots=True)
class _AuthorProfile:
    """Normalized forms of one author, computed once per author."""

    author: AuthorRecord
    platform: str
    handle: str
    name_queries: list  # (sorted name, penalty, label)
    handle_forms: set
    emails: set
    phones: set
    website: str | None
    bio_domains: set
    location: str
    context_text: str  # bio + display-name tail, for company names


def _author_profile(author, index, settings):
    platform = str(author.platform or "").casefold()
    display_name = str(author.display_name or "")[:MAX_TEXT_LENGTH]
    emails = {normalize_email(author.email)} | emails_in_text(author.bio)
    phone = normalize_phone(author.phone, settings.default_region)
    bio_folded = fold_text(author.bio)
    return _AuthorProfile(
        author=author,
        platform=platform,
        handle=_clean_handle(author.handle),
        name_queries=_name_queries(display_name, author.handle, index),
        handle_forms=handle_variants(author.handle),
        emails={email for email in emails if email},
        phones={phone} if phone else set(),
        website=website_domain(author.website),
        bio_domains=domains_in_text(author.bio),
        location=fold_text(author.location, limit=500),
        context_text=f"{bio_folded} {fold_text(display_name)}".strip(),
    )


def _name_queries(display_name, handle, index):
    queries = {}

    def add(name, penalty, label):
        sorted_name = sorted_tokens(name)
        if sorted_name and penalty < queries.get(sorted_name, (999,))[0]:
            queries[sorted_name] = (penalty, label)

    raw_names = [display_name]
    head = _DISPLAY_NAME_SEPARATORS.split(display_name, maxsplit=1)[0]
    if head.strip() and head != display_name:
        raw_names.append(head)
    names = [normalize_name(raw_name) for raw_name in raw_names]
    names.extend(_reordered_cjk_names(raw_names))
    for name in names:
        add(name, 0, "name")
        for variant in _nickname_variants(name):
            add(variant, NICKNAME_PENALTY, "nickname")
    handle_name = normalize_handle(handle, index.tokens)
    if len(handle_name.split()) >= 2 and min(map(len, handle_name.split())) >= 2:
        add(handle_name, HANDLE_QUERY_PENALTY, "handle")
    return [(name, penalty, label) for name, (penalty, label) in queries.items()]


def _reordered_cjk_names(raw_names):
    """``太郎 山田`` -> ``山田太郎``: CJK names lose their spaces, hence their order."""
    reordered = []
    for raw_name in raw_names:
        words = normalize_name(raw_name, join_cjk=False).split()
        if 2 <= len(words) <= 3 and all(map(is_cjk, words)):
            reordered.append("".join(reversed(words)))
    return reordered


def _nickname_variants(name):
    tokens = name.split()
    variants = []
    for position, token in enumerate(tokens):
        for formal in NICKNAMES.get(token, ()):
            variants.append(
                " ".join(tokens[:position] + [formal] + tokens[position + 1 :])
            )
    return variants[:4]


def match_authors(authors, index, settings=None):
    """Match a batch of ``AuthorRecord`` against one company's ``ContactIndex``."""
    settings = settings or index.settings
    profiles = [_author_profile(author, index, settings) for author in authors]
    results = [_match_profile(profile, index, settings) for profile in profiles]
    _assign_group_keys(profiles, results)
    return results


def _match_profile(profile, index, settings):
    author = profile.author
    owner = index.identity_owner(profile.platform, author.external_id)
    if owner is not None:
        reason = f"known {profile.platform} user id {author.external_id}"
        return MatchResult(
            author_key=author.key,
            decision=LINKED,
            method="external_id",
            partner_id=owner,
            score=EXACT_KEY_SCORE,
            reasons=[reason],
            candidates=[Candidate(owner, EXACT_KEY_SCORE, [reason])],
        )
    exact_hits = _exact_key_hits(profile, index)
    if exact_hits:
        return _decide_exact(profile, exact_hits, index, settings)
    return _decide_fuzzy(profile, _fuzzy_candidates(profile, index), settings)


def _exact_key_hits(profile, index):
    """``{position: [(method, reason), ...]}`` for every exact key of the author."""
    hits = defaultdict(list)
    for email in sorted(profile.emails):
        for position in index.positions_by_email(email):
            hits[position].append(("email", f"email matches: {email}"))
    for phone in sorted(profile.phones):
        for position in index.positions_by_phone(phone):
            hits[position].append(("phone", f"phone matches: {phone}"))
    if profile.website:
        for position in index.positions_by_domain(profile.website):
            reason = f"website domain matches: {profile.website}"
            hits[position].append(("website", reason))
    if profile.handle:
        for position in index.positions_by_handle(profile.platform, profile.handle):
            reason = (
                f"handle @{profile.handle} listed on the contact for {profile.platform}"
            )
            hits[position].append(("handle", reason))
    return hits


def _decide_exact(profile, exact_hits, index, settings):
    author_key = profile.author.key
    candidates = []
    for position, keys in exact_hits.items():
        reasons = [reason for _method, reason in keys]
        candidates.append((len(keys), position, reasons, keys[0][0]))
    candidates.sort(key=lambda item: (-item[0], index.contact(item[1]).id))
    ranked = [
        Candidate(index.contact(position).id, EXACT_KEY_SCORE, reasons)
        for _count, position, reasons, _method in candidates
    ]
    top_reasons = list(ranked[0].reasons)
    if len(ranked) > 1:
        top_reasons.append(f"ambiguous: the key is shared by {len(ranked)} contacts")
    elif profile.platform in settings.never_auto_link_platforms:
        top_reasons.append(f"{profile.platform}: never auto-linked (platform terms)")
    else:
        return MatchResult(
            author_key=author_key,
            decision=LINKED,
            method=candidates[0][3],
            partner_id=ranked[0].contact_id,
            candidates=ranked,
            score=EXACT_KEY_SCORE,
            reasons=top_reasons,
        )
    return MatchResult(
        author_key=author_key,
        decision=SUGGESTED,
        method=None,
        candidates=ranked[: settings.max_suggestions],
        score=EXACT_KEY_SCORE,
        reasons=top_reasons,
    )


@dataclass(slots=True)
class _NameMatch:
    similarity: float
    reasons: list
    handle_checked: bool = False


def _name_similarities(profile, index):
    """``{position: _NameMatch}`` for the contacts whose name resembles the author."""
    best = {}
    for sorted_query, penalty, label in profile.name_queries:
        for positions, names in index.blocks(blocking_keys(sorted_query)):
            matches = process.extract(
                sorted_query,
                names,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=NAME_FLOOR,
                limit=NAME_CANDIDATES_PER_QUERY,
            )
            for _name, raw_score, name_index in matches:
                similarity = raw_score - penalty
                position = positions[name_index]
                current = best.get(position)
                if current is None or similarity > current.similarity:
                    reason = _name_reason(raw_score, label, penalty)
                    best[position] = _NameMatch(
                        similarity, [reason], handle_checked=label == "handle"
                    )
    for compact in sorted(profile.handle_forms):
        for position, form_score in index.positions_by_handle_form(compact):
            _add_handle_evidence(best, position, compact, form_score)
    return best


def _add_handle_evidence(best, position, compact, form_score):
    """The handle spells the contact's name: a score alone, or a small agreement."""
    current = best.get(position)
    if (
        current is None
        or form_score > current.similarity
        or (current.handle_checked and form_score >= current.similarity)
    ):
        best[position] = _NameMatch(
            form_score, [_handle_reason(compact, form_score)], handle_checked=True
        )
    elif current.similarity >= 80 and not current.handle_checked:
        current.similarity = min(100, current.similarity + HANDLE_AGREEMENT_POINTS)
        current.reasons.append(f"handle @{compact} consistent with name")
        current.handle_checked = True


def _name_reason(raw_score, label, penalty):
    score = round(raw_score)
    if label == "name":
        return f"name similarity {score} (token_sort_ratio)"
    if label == "nickname":
        return f"name similarity {score} with a nickname expanded (-{penalty})"
    return f"handle spells a name with similarity {score} (-{penalty})"


def _handle_reason(compact, form_score):
    kind = "first + last name" if form_score == FULL_HANDLE_SCORE else "initial + name"
    return f"handle @{compact} matches the name ({kind})"


def _evidence(profile, features):
    """Points and reasons of the facts that support a candidate besides the name."""
    points, reasons = 0, []
    if features.city and _contains_phrase(profile.location, features.city):
        points += CITY_POINTS
        reasons.append(f"same city: {features.city_label}")
    elif any(
        _contains_phrase(profile.location, name) for name in features.country_names
    ):
        points += COUNTRY_POINTS
        reasons.append(f"same country: {features.country_names[0]}")
    if features.company and _contains_phrase(profile.context_text, features.company):
        points += COMPANY_POINTS
        reasons.append(f"company '{features.company_label}' in bio")
    if features.website and features.website in profile.bio_domains:
        points += WEBSITE_IN_BIO_POINTS
        reasons.append(f"website {features.website} in bio")
    elif features.email_domain and features.email_domain in profile.bio_domains:
        points += EMAIL_DOMAIN_IN_BIO_POINTS
        reasons.append(f"email domain {features.email_domain} linked in bio")
    if profile.handle:
        for platform, handle in features.handles:
            if handle == profile.handle and platform != profile.platform:
                points += OTHER_PLATFORM_HANDLE_POINTS
                reasons.append(f"handle @{handle} listed on the contact for {platform}")
                break
    return points, reasons


def _fuzzy_candidates(profile, index):
    similarities = _name_similarities(profile, index)
    shortlist = heapq.nsmallest(
        SCORED_CANDIDATES,
        similarities.items(),
        key=lambda item: (-item[1].similarity, item[0]),
    )
    candidates = []
    for position, name_match in shortlist:
        points, evidence_reasons = _evidence(profile, index.features(position))
        score = round(min(100.0, NAME_WEIGHT * name_match.similarity + points), 1)
        reasons = name_match.reasons + evidence_reasons
        candidates.append(Candidate(index.contact(position).id, score, reasons))
    candidates.sort(key=lambda candidate: (-candidate.score, candidate.contact_id))
    return candidates


def _decide_fuzzy(profile, candidates, settings):
    author_key = profile.author.key
    if not candidates or candidates[0].score < settings.suggest_threshold:
        best = candidates[0].score if candidates else 0
        return MatchResult(author_key=author_key, decision=NEW, score=best)
    top = candidates[0]
    reasons = list(top.reasons)
    runner_up = candidates[1].score if len(candidates) > 1 else 0
    clear_lead = top.score - runner_up >= settings.ambiguity_margin
    if top.score >= settings.auto_link_threshold:
        if profile.platform in settings.never_auto_link_platforms:
            reasons.append(f"{profile.platform}: never auto-linked (platform terms)")
        elif not clear_lead:
            reasons.append(f"ambiguous: next contact scores {runner_up:g}")
        else:
            return MatchResult(
                author_key=author_key,
                decision=LINKED,
                method="auto",
                partner_id=top.contact_id,
                candidates=candidates[:1],
                score=top.score,
                reasons=reasons,
            )
    suggestions = [
        candidate
        for candidate in candidates
        if candidate.score >= settings.suggest_threshold
    ][: settings.max_suggestions]
    return MatchResult(
        author_key=author_key,
        decision=SUGGESTED,
        candidates=suggestions,
        score=top.score,
        reasons=reasons,
    )


# ------------------------------------------------------------------- batch grouping


def _grouping_keys(profile):
    author = profile.author
    keys = [("id", profile.platform, str(author.external_id))]
    if profile.handle:
        keys.append(("handle", profile.platform, profile.handle))
    keys.extend(("email", email) for email in profile.emails)
    keys.extend(("phone", phone) for phone in profile.phones)
    name = profile.name_queries[0][0] if profile.name_queries else ""
    for compact in profile.handle_forms:
        if name:
            keys.append(("name+handle", name, compact))
    return keys


def _assign_group_keys(profiles, results):
    """Same unknown person twice in the batch -> same ``group_key``.

    Authors are grouped by (platform, external id), (platform, handle), e-mail,
    phone, and (normalized name + handle) across platforms. Linked authors get
    ``contact:<id>``; the others the key of the first author of their group.
    """
    parent = list(range(len(profiles)))

    def find(item):
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    first_by_key = {}
    for position, (profile, result) in enumerate(zip(profiles, results, strict=True)):
        if result.decision == LINKED:
            result.group_key = f"contact:{result.partner_id}"
            continue
        for key in _grouping_keys(profile):
            other = first_by_key.setdefault(key, position)
            root_a, root_b = find(position), find(other)
            if root_a != root_b:
                parent[max(root_a, root_b)] = min(root_a, root_b)
    for position, result in enumerate(results):
        if result.decision != LINKED:
            result.group_key = f"author:{results[find(position)].author_key}"


# -------------------------------------------------------------------- merge proposals


def _identity_fields(identity):
    if isinstance(identity, IdentityRecord):
        return (
            identity.contact_id,
            identity.platform,
            identity.external_id,
            identity.email,
            identity.profile_url,
        )
    contact_id, platform, external_id, *rest = identity
    rest = [*rest, None, None]
    return contact_id, platform, external_id, rest[0], rest[1]


def propose_merges(identities):
    """Pairs of contacts that hold identities of the same person.

    ``identities``: ``IdentityRecord`` or ``(contact_id, platform, external_id,
    email, profile_url)`` tuples. Returns sorted ``(contact_id_a, contact_id_b,
    reason)`` with ``a < b``; contacts sharing a key are paired with the lowest id
    among them (a star, not every pair), one reason per pair.
    """
    contacts_by_key = defaultdict(set)
    for identity in identities:
        contact_id, platform, external_id, email, profile_url = _identity_fields(
            identity
        )
        platform = str(platform or "").casefold()
        if external_id not in (None, ""):
            key = ("id", f"same {platform} user id {external_id}")
            contacts_by_key[key].add(contact_id)
        email = normalize_email(email)
        if email:
            contacts_by_key[("email", f"same email {email}")].add(contact_id)
        profile = normalize_profile_url(profile_url)
        if profile:
            contacts_by_key[("profile", f"same profile link {profile}")].add(contact_id)
    reasons_by_pair = {}
    for (_kind, reason), contact_ids in sorted(contacts_by_key.items()):
        if len(contact_ids) < 2:
            continue
        ordered = sorted(contact_ids)
        for other in ordered[1:]:
            reasons_by_pair.setdefault((ordered[0], other), reason)
    return [(a, b, reason) for (a, b), reason in sorted(reasons_by_pair.items())]
