"""Seeded, labelled contacts and authors for the identity-matching benchmark.

Contacts are drawn from Faker pools (names, cities, companies, phones) in five
locales; authors are either derived from a contact with the perturbations people
really show on social media, or are strangers, including hard negatives who share
a first name, a surname or the whole name with a contact. Everything is
deterministic for a given seed (Faker pools are seeded per locale, combinations
come from ``random.Random(seed)``).

Used by ``bench_identity_matching.py``; not a test module.
"""

import random
import unicodedata
from dataclasses import dataclass

from faker import Faker

LOCALES = ("en_US", "es_ES", "fr_FR", "de_DE", "ja_JP")
COUNTRY_BY_LOCALE = {
    "en_US": "US",
    "es_ES": "ES",
    "fr_FR": "FR",
    "de_DE": "DE",
    "ja_JP": "JP",
}
COUNTRY_LABEL = {
    "US": "USA",
    "ES": "España",
    "FR": "France",
    "DE": "Deutschland",
    "JP": "日本",
}
TLD_BY_COUNTRY = {"US": "com", "ES": "es", "FR": "fr", "DE": "de", "JP": "co.jp"}
FREE_MAIL = ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "gmx.de")
HONORIFICS = {
    "en_US": ("Mr.", "Mrs.", "Ms.", "Dr."),
    "es_ES": ("Sr.", "Sra.", "Dr."),
    "fr_FR": ("M.", "Mme", "Dr"),
    "de_DE": ("Herr", "Frau", "Dr."),
    "ja_JP": ("様", "さん", "氏", "先生"),
}
EMOJI = ("🌸", "✨", "🎉", "☕", "🇯🇵", "🔥", "💼", "🏳️‍🌈", "👩‍💻", "📷")
# Short forms people use, by formal first name (a subset of the real world).
SHORT_FORMS = {
    "robert": "Bob",
    "william": "Bill",
    "james": "Jim",
    "michael": "Mike",
    "elizabeth": "Liz",
    "katherine": "Kate",
    "thomas": "Tom",
    "david": "Dave",
    "christopher": "Chris",
    "daniel": "Dan",
    "joseph": "Joe",
    "matthew": "Matt",
    "anthony": "Tony",
    "jennifer": "Jen",
    "richard": "Rick",
    "jose": "Pepe",
    "francisco": "Paco",
    "manuel": "Manolo",
    "ignacio": "Nacho",
    "rafael": "Rafa",
    "javier": "Javi",
    "antonio": "Toni",
    "nicolas": "Nico",
    "sebastien": "Seb",
    "andreas": "Andi",
    "tobias": "Tobi",
    "sebastian": "Basti",
}
POSITIVE_PERTURBATIONS = {
    "exact_name": 10,
    "typo": 10,
    "honorific": 8,
    "emoji": 8,
    "full_width": 6,
    "accents_dropped": 6,
    "nickname": 4,
    "initial": 5,
    "missing_surname": 5,
    "handle_only": 6,
    "reordered": 5,
    "name_with_title": 5,
    "email": 5,
    "phone": 5,
    "website": 3,
    "listed_handle": 4,
}
NEGATIVE_KINDS = {"stranger": 4, "same_first_name": 3, "same_surname": 3, "homonym": 2}


@dataclass(slots=True)
class Person:
    locale: str
    first: str
    last: str

    @property
    def name(self):
        if self.locale == "ja_JP":
            return f"{self.last} {self.first}"
        return f"{self.first} {self.last}"


@dataclass(slots=True)
class LabelledAuthor:
    """An author and the contact id it really is (``None``: not a contact)."""

    author: object  # AuthorRecord
    contact_id: int | None
    kind: str


class _Pools:
    """Faker draws per locale, sampled afterwards with ``random.Random``."""

    def __init__(self, seed, size=400):
        self.by_locale = {}
        self.fakers = {}
        self.used_handles = set()
        self.used_phones = set()
        for offset, locale in enumerate(LOCALES):
            fake = Faker(locale)
            fake.seed_instance(seed * 100 + offset)
            self.fakers[locale] = fake
            self.by_locale[locale] = {
                "first": [fake.first_name() for _ in range(size * 3)],
                "last": [fake.last_name() for _ in range(size * 3)],
                "city": list(dict.fromkeys(fake.city() for _ in range(size))),
                "company": list(dict.fromkeys(fake.company() for _ in range(size))),
                "user": [fake.user_name() for _ in range(size)],
            }

    def phone(self, locale):
        """A phone number no other contact has."""
        number = self.fakers[locale].phone_number()
        while number in self.used_phones:
            number = self.fakers[locale].phone_number()
        self.used_phones.add(number)
        return number

    def unique_handle(self, handle, rng):
        """Handles are unique per platform: suffix digits until this one is free."""
        while handle.lower() in self.used_handles:
            handle = f"{handle}{rng.randrange(10)}"
        self.used_handles.add(handle.lower())
        return handle

    def person(self, rng, locale):
        pool = self.by_locale[locale]
        last = rng.choice(pool["last"])
        if locale == "es_ES" and rng.random() < 0.6:
            last = f"{last} {rng.choice(pool['last'])}"
        return Person(locale, rng.choice(pool["first"]), last)

    def __getitem__(self, locale):
        return self.by_locale[locale]


def ascii_fold(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if char.isascii())


def _slug(text):
    return "".join(char for char in ascii_fold(text).lower() if char.isalnum())


def _company_domain(company, country, rng):
    slug = _slug(company)[:18] or f"corp{rng.randrange(10**6)}"
    return f"{slug}.{TLD_BY_COUNTRY[country]}"


def _name_handle(person, rng):
    first, last = _slug(person.first), _slug(person.last.split()[0])
    if not first or not last:  # kanji names: handles are romanized, unrelated
        return None
    style = rng.randrange(5)
    if style == 0:
        return f"{first}{last}"
    if style == 1:
        return f"{first[0]}{last}_{rng.randrange(10, 99)}"
    if style == 2:
        return f"{first}_{last}"
    if style == 3:
        return f"{first.capitalize()}{last.capitalize()}"
    return f"{first}.{last}{rng.randrange(1, 9)}"


def make_contacts(count, seed=7, pools=None):
    """``count`` contacts (``ContactRecord``) and, by contact id, the ``Person``."""
    from social_crm_lib.identity_matching import ContactRecord

    rng = random.Random(seed)
    pools = pools or _Pools(seed)
    contacts, people = [], {}
    used_emails = set()
    for contact_id in range(1, count + 1):
        locale = rng.choice(LOCALES)
        pool = pools[locale]
        person = pools.person(rng, locale)
        country = COUNTRY_BY_LOCALE[locale]
        company = rng.choice(pool["company"]) if rng.random() < 0.6 else None
        domain = _company_domain(company, country, rng) if company else None
        email = _contact_email(person, pool, domain, rng, used_emails)
        contact = ContactRecord(
            id=contact_id,
            name=person.name,
            email=email,
            phone=pools.phone(locale) if rng.random() < 0.7 else None,
            website=f"https://www.{domain}/" if domain and rng.random() < 0.3 else None,
            city=rng.choice(pool["city"]) if rng.random() < 0.85 else None,
            country_code=country,
            company_name=company,
        )
        if rng.random() < 0.1:
            handle = _name_handle(person, rng) or rng.choice(pool["user"])
            contact.handles = {"x": {pools.unique_handle(handle, rng).lower()}}
        contacts.append(contact)
        people[contact_id] = person
    return contacts, people


def _contact_email(person, pool, domain, rng, used_emails):
    if rng.random() > 0.7:
        return None
    local = f"{_slug(person.first)}.{_slug(person.last)}".strip(".")
    if not local or local.startswith(".") or rng.random() < 0.3:
        local = rng.choice(pool["user"])
    mail_domain = domain if domain and rng.random() < 0.6 else rng.choice(FREE_MAIL)
    email = f"{local}@{mail_domain}"
    while email in used_emails:
        email = f"{local}{rng.randrange(10, 9999)}@{mail_domain}"
    used_emails.add(email)
    return email


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _typo(text, rng):
    letters = [index for index, char in enumerate(text) if char.isalpha()]
    if len(letters) < 4:
        return text
    index = rng.choice(letters[1:-1])
    operation = rng.randrange(3)
    if operation == 0:  # swap with the next character
        chars = list(text)
        chars[index], chars[index + 1] = chars[index + 1], chars[index]
        return "".join(chars)
    if operation == 1:  # drop
        return text[:index] + text[index + 1 :]
    return text[:index] + text[index] + text[index:]  # double


def _full_width(text):
    return "".join(
        chr(ord(char) + 0xFEE0)
        if "!" <= char <= "~"
        else ("\u3000" if char == " " else char)
        for char in text
    )


def _display_name(kind, person, rng):
    """Display name for a positive author of perturbation ``kind``."""
    name, locale = person.name, person.locale
    if kind == "typo":
        return _typo(name, rng) if locale != "ja_JP" else name.replace(" ", "")
    if kind == "honorific":
        honorific = rng.choice(HONORIFICS[locale])
        if locale == "ja_JP":
            return f"{name.replace(' ', '')}{honorific}"
        return f"{honorific} {name}"
    if kind == "emoji":
        return f"{rng.choice(EMOJI)} {name} {rng.choice(EMOJI)}"
    if kind == "full_width":
        return _full_width(name)
    if kind == "accents_dropped":
        return ascii_fold(name) if locale != "ja_JP" else name
    if kind == "nickname":
        short = SHORT_FORMS.get(ascii_fold(person.first).lower())
        return f"{short} {person.last}" if short else name
    if kind == "initial":
        if locale == "ja_JP":
            return person.last
        return f"{person.first[0]}. {person.last}"
    if kind == "missing_surname":
        return person.first
    if kind == "handle_only":
        return rng.choice(("☕ coffee lover", "🌸🌸", "travel & food", ""))
    if kind == "reordered":
        if locale == "ja_JP":
            return f"{person.first} {person.last}"
        return f"{person.last.upper()}, {person.first}"
    return name


def _bio(person_company, website, rng):
    parts = [rng.choice(("Views my own.", "Dad. Runner.", "Coffee first", "旅と写真"))]
    if person_company and rng.random() < 0.3:
        parts.append(f"Working at {person_company}")
    if website and rng.random() < 0.35:
        parts.append(website.replace("https://www.", ""))
    return " ".join(parts)


def _location(city, country, rng):
    roll = rng.random()
    if city and roll < 0.5:
        return f"{city}, {COUNTRY_LABEL[country]}"
    if roll < 0.65:
        return COUNTRY_LABEL[country]
    return rng.choice((None, "🌍", "everywhere"))


def _positive_author(contact, person, pools, rng, external_id):
    from social_crm_lib.identity_matching import AuthorRecord, normalize_phone

    kind = _weighted(rng, POSITIVE_PERTURBATIONS)
    if kind == "email" and not contact.email:
        kind = "exact_name"
    if kind == "phone" and not contact.phone:
        kind = "typo"
    if kind == "website" and not contact.website:
        kind = "emoji"
    if kind == "listed_handle" and not contact.handles:
        kind = "honorific"
    pool = pools[person.locale]
    handle = _name_handle(person, rng) if rng.random() < 0.6 else None
    if kind == "handle_only":
        handle = _name_handle(person, rng)
    handle = pools.unique_handle(handle or rng.choice(pool["user"]), rng)
    if kind == "listed_handle":
        handle = next(iter(contact.handles["x"]))
    author = AuthorRecord(
        platform="x",
        external_id=str(external_id),
        handle=handle,
        display_name=_display_name(kind, person, rng),
        bio=_bio(contact.company_name, contact.website, rng),
        location=_location(contact.city, contact.country_code, rng),
    )
    if kind == "name_with_title":
        title = contact.company_name or rng.choice(("CEO", "Photographer", "Dev"))
        author.display_name = f"{person.name} | {title}"
    if kind == "email":
        local, _at, domain = contact.email.partition("@")
        author.email = f"{local.upper()}+social@{domain}"
    if kind == "phone":
        e164 = normalize_phone(contact.phone, contact.country_code)
        author.phone = e164 if e164 else contact.phone
    if kind == "website":
        author.website = contact.website.replace("https://www.", "http://") + "about"
    return LabelledAuthor(author, contact.id, kind)


def _negative_author(contacts, people, pools, rng, external_id):
    from social_crm_lib.identity_matching import AuthorRecord

    kind = _weighted(rng, NEGATIVE_KINDS)
    source = people[rng.choice(contacts).id]
    locale = source.locale
    stranger = pools.person(rng, locale)
    if kind == "same_first_name":
        stranger.first = source.first
    elif kind == "same_surname":
        stranger.last = source.last
    elif kind == "homonym":
        stranger = Person(locale, source.first, source.last)
    pool = pools[locale]
    company = rng.choice(pool["company"]) if rng.random() < 0.3 else None
    author = AuthorRecord(
        platform="x",
        external_id=str(external_id),
        handle=pools.unique_handle(
            _name_handle(stranger, rng) or rng.choice(pool["user"]), rng
        ),
        display_name=stranger.name,
        bio=_bio(company, None, rng),
        location=_location(rng.choice(pool["city"]), COUNTRY_BY_LOCALE[locale], rng),
    )
    return LabelledAuthor(author, None, kind)


def make_authors(contacts, people, count, seed=7, negative_share=0.35, pools=None):
    """``count`` labelled authors: positives derived from contacts, and negatives."""
    rng = random.Random(seed + 1)
    pools = pools or _Pools(seed)
    labelled = []
    for external_id in range(1, count + 1):
        if rng.random() < negative_share:
            labelled.append(
                _negative_author(contacts, people, pools, rng, 10**6 + external_id)
            )
        else:
            contact = rng.choice(contacts)
            labelled.append(
                _positive_author(
                    contact, people[contact.id], pools, rng, 10**6 + external_id
                )
            )
    return labelled


def make_dataset(n_contacts=4_000, n_authors=2_400, seed=7, negative_share=0.35):
    """``(contacts, labelled_authors)`` for the quality benchmark."""
    pools = _Pools(seed)
    contacts, people = make_contacts(n_contacts, seed, pools)
    authors = make_authors(
        contacts, people, n_authors, seed, negative_share, pools=pools
    )
    return contacts, authors
