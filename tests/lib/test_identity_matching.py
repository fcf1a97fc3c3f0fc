"""Author -> contact identity matching: exact keys, fuzzy bands, batches, merges."""

import pytest
from social_crm_lib.identity_matching import (
    LINKED,
    NEW,
    SUGGESTED,
    AuthorRecord,
    ContactIndex,
    ContactRecord,
    IdentityRecord,
    MatchSettings,
    company_core,
    domains_in_text,
    match_authors,
    normalize_email,
    normalize_phone,
    normalize_profile_url,
    propose_merges,
    website_domain,
)
from social_crm_lib.posts import make_author


@pytest.fixture
def contacts():
    return [
        ContactRecord(
            id=1,
            name="John Smith",
            email="John.Smith@acme.com",
            phone="(212) 555-0182",
            website="https://www.acme.com/",
            city="Osaka",
            country_code="US",
            company_name="Acme Widgets, Inc.",
            handles={"x": {"jsmith"}},
        ),
        ContactRecord(id=2, name="山田 太郎", city="大阪市", country_code="JP"),
        ContactRecord(
            id=3,
            name="José Núñez",
            email="jose@gmail.com",
            mobile="+34 612 34 56 78",
            website="https://linktr.ee/jose",
            city="Sevilla",
            country_code="ES",
        ),
        ContactRecord(id=4, name="Maria Garcia", city="Madrid", country_code="ES"),
        ContactRecord(id=5, name="Maria Garcia", city="Valencia", country_code="ES"),
        ContactRecord(id=6, name="Chloé Martin", handles={"instagram:chloe.m"}),
    ]


@pytest.fixture
def index(contacts):
    identities = [IdentityRecord(3, "x", "777")]
    return ContactIndex.build(contacts, MatchSettings(), identities)


def author(external_id, display_name="", handle="someone", platform="x", **extra):
    return AuthorRecord(
        platform=platform,
        external_id=str(external_id),
        handle=handle,
        display_name=display_name,
        **extra,
    )


def match_one(index, an_author, settings=None):
    return match_authors([an_author], index, settings)[0]


# ---------------------------------------------------------------- exact keys


def test_known_external_id_links(index):
    result = match_one(index, author(777, "Anything at all"))
    assert (result.decision, result.method, result.partner_id) == (
        LINKED,
        "external_id",
        3,
    )
    assert result.reasons == ["known x user id 777"]


def test_external_id_of_another_platform_does_not_link(index):
    result = match_one(index, author(777, "Anything at all", platform="bluesky"))
    assert result.decision == NEW


def test_email_links_whatever_the_case_and_plus_tag(index):
    result = match_one(index, author(1, "JS", email=" JOHN.smith+social@Acme.com "))
    assert (result.decision, result.method, result.partner_id) == (LINKED, "email", 1)
    assert result.reasons == ["email matches: john.smith@acme.com"]


def test_email_written_in_the_bio_links(index):
    result = match_one(index, author(1, "JS", bio="Contact: john.smith@acme.com"))
    assert (result.method, result.partner_id) == ("email", 1)


@pytest.mark.parametrize(
    "phone", ["+1 212-555-0182", "(212) 555 0182", "2125550182", "+12125550182"]
)
def test_phone_links_in_any_format(index, phone):
    result = match_one(index, author(1, "", phone=phone))
    assert (result.decision, result.method, result.partner_id) == (LINKED, "phone", 1)


def test_contact_phone_is_read_in_the_contact_country(index):
    # the contact's mobile is Spanish; the author's number is written in E.164
    result = match_one(index, author(1, "", phone="+34612345678"))
    assert (result.method, result.partner_id) == ("phone", 3)


def test_phone_region_comes_from_the_settings():
    contact = ContactRecord(id=9, name="Taro", phone="+81 90-1234-5678")
    japan = MatchSettings(default_region="JP")
    index = ContactIndex.build([contact], japan)
    assert match_one(index, author(1, phone="090-1234-5678")).partner_id == 9
    us_index = ContactIndex.build([contact])
    assert match_one(us_index, author(1, phone="090-1234-5678")).decision == NEW


def test_website_domain_links(index):
    result = match_one(index, author(1, "Widgets", website="http://shop.acme.com/x"))
    assert (result.decision, result.method, result.partner_id) == (
        LINKED,
        "website",
        1,
    )
    assert result.reasons == ["website domain matches: acme.com"]


def test_generic_website_hosts_are_ignored(index):
    result = match_one(index, author(1, "Zzz", website="https://linktr.ee/jose"))
    assert result.decision == NEW


def test_handle_listed_for_the_same_platform_links(index):
    result = match_one(index, author(1, "whoever", handle="@JSmith"))
    assert (result.decision, result.method, result.partner_id) == (LINKED, "handle", 1)


def test_handle_listed_as_flat_platform_handle_string(index):
    result = match_one(index, author(1, "c", handle="chloe.m", platform="instagram"))
    assert (result.method, result.partner_id) == ("handle", 6)


def test_handle_listed_for_another_platform_is_evidence_not_a_key(index):
    result = match_one(index, author(1, "Chloe Martin", handle="chloe.m"))
    assert (result.decision, result.method, result.partner_id) == (LINKED, "auto", 6)
    assert "handle @chloe.m listed on the contact for instagram" in result.reasons
    # without the name: the handle spells "chloe m" + the listed handle -> suggested
    assert match_one(index, author(1, "🌸", handle="chloe.m")).decision == SUGGESTED


def test_exact_key_shared_by_two_contacts_is_suggested():
    twins = [
        ContactRecord(id=1, name="Ann Lee", email="team@lee.com"),
        ContactRecord(id=2, name="Bob Lee", email="team@lee.com"),
    ]
    index = ContactIndex.build(twins)
    result = match_one(index, author(1, "Lee family", email="team@lee.com"))
    assert result.decision == SUGGESTED
    assert [candidate.contact_id for candidate in result.candidates] == [1, 2]
    assert "ambiguous: the key is shared by 2 contacts" in result.reasons


# ------------------------------------------------------------------- fuzzy


def test_name_with_supporting_evidence_auto_links(index):
    result = match_one(
        index,
        author(
            1,
            "Jon Smith 🎉",
            handle="j_smith88",
            location="Osaka, Japan",
            bio="Working at Acme Widgets",
        ),
    )
    assert (result.decision, result.method, result.partner_id) == (LINKED, "auto", 1)
    assert result.score >= 92
    assert "name similarity 95 (token_sort_ratio)" in result.reasons
    assert "same city: Osaka" in result.reasons
    assert "company 'Acme Widgets, Inc.' in bio" in result.reasons


def test_website_in_bio_is_evidence(index):
    result = match_one(index, author(1, "John Smith", bio="see https://acme.com/me"))
    assert result.decision == LINKED
    assert "website acme.com in bio" in result.reasons


def test_name_alone_is_only_suggested(index):
    result = match_one(index, author(1, "John Smith"))
    assert result.decision == SUGGESTED
    assert result.score == 90
    assert result.candidates[0].contact_id == 1
    assert result.candidates[0].reasons == ["name similarity 100 (token_sort_ratio)"]


def test_weak_name_is_new(index):
    result = match_one(index, author(1, "Johan Schmidt-Berger"))
    assert result.decision == NEW
    assert result.candidates == []


def test_unrelated_author_is_new(index):
    assert match_one(index, author(1, "Quentin Zylberstein")).decision == NEW


def test_two_contacts_with_the_same_name_are_never_auto_linked(index):
    result = match_one(index, author(1, "María García", location="Spain"))
    assert result.decision == SUGGESTED
    assert {candidate.contact_id for candidate in result.candidates} == {4, 5}


def test_evidence_breaks_a_tie_between_namesakes(index):
    result = match_one(index, author(1, "Maria Garcia", location="Valencia"))
    assert (result.decision, result.partner_id) == (LINKED, 5)


def test_japanese_honorific_and_spacing(index):
    result = match_one(index, author(1, "山田 太郎 様", location="大阪"))
    assert (result.decision, result.partner_id) == (LINKED, 2)
    assert "name similarity 100 (token_sort_ratio)" in result.reasons


def test_japanese_name_written_given_name_first(index):
    result = match_one(index, author(1, "太郎 山田"))
    assert result.candidates[0].contact_id == 2
    assert result.candidates[0].score == 90


def test_full_width_and_accents(index):
    result = match_one(index, author(1, "ＪＯＳＥ　ＮＵＮＥＺ"))
    assert result.candidates[0].contact_id == 3
    assert "name similarity 100 (token_sort_ratio)" in result.reasons


def test_nickname_is_expanded_with_a_penalty():
    index = ContactIndex.build([ContactRecord(id=1, name="Robert Brown")])
    result = match_one(index, author(1, "Bob Brown"))
    assert result.decision == SUGGESTED
    assert "name similarity 100 with a nickname expanded (-4)" in result.reasons


def test_handle_spelling_the_name_is_a_candidate(index):
    result = match_one(index, author(1, "☕ coffee lover", handle="JohnSmith"))
    assert result.decision == SUGGESTED
    assert "handle @johnsmith matches the name (first + last name)" in result.reasons


def test_initial_handle_scores_lower_than_the_full_name(index):
    full = match_one(index, author(1, "☕", handle="johnsmith")).score
    initial = match_one(index, author(2, "☕", handle="jsmith_88", platform="bsky"))
    assert initial.score < full


def test_thresholds_come_from_the_settings(index):
    strict = MatchSettings(auto_link_threshold=100, suggest_threshold=95)
    result = match_one(index, author(1, "John Smith", location="Osaka"), strict)
    assert result.decision == SUGGESTED
    assert match_one(index, author(1, "John Smith"), strict).decision == NEW


def test_max_suggestions():
    namesakes = [ContactRecord(id=i, name="Kim Lee") for i in range(1, 8)]
    index = ContactIndex.build(namesakes)
    result = match_one(index, author(1, "Kim Lee"), MatchSettings(max_suggestions=2))
    assert result.decision == SUGGESTED
    assert [candidate.contact_id for candidate in result.candidates] == [1, 2]


def test_invalid_settings_are_refused():
    with pytest.raises(ValueError):
        MatchSettings(auto_link_threshold=70, suggest_threshold=80)
    with pytest.raises(ValueError):
        MatchSettings(max_suggestions=0)


# ------------------------------------------------------- never-auto-link platform


def test_never_auto_link_platform_is_at_most_suggested(index):
    strong = author(1, "John Smith", platform="reddit", location="Osaka")
    result = match_one(index, strong)
    assert result.decision == SUGGESTED
    assert result.candidates[0].contact_id == 1
    assert "reddit: never auto-linked (platform terms)" in result.reasons


def test_never_auto_link_platform_exact_keys_are_suggested(index):
    result = match_one(index, author(1, "", platform="reddit", email="jose@gmail.com"))
    assert (result.decision, result.partner_id) == (SUGGESTED, None)
    assert result.candidates[0].contact_id == 3


def test_never_auto_link_platform_still_links_its_own_external_id(contacts):
    index = ContactIndex.build(
        contacts, identities=[IdentityRecord(4, "reddit", "t2_x")]
    )
    result = match_one(index, author("t2_x", "whoever", platform="reddit"))
    assert (result.decision, result.partner_id) == (LINKED, 4)


def test_never_auto_link_platforms_are_configurable(index):
    settings = MatchSettings(never_auto_link_platforms=frozenset())
    strong = author(1, "John Smith", platform="reddit", location="Osaka")
    assert match_one(index, strong, settings).decision == LINKED


# ----------------------------------------------------------------- batches


def test_same_unknown_author_twice_shares_a_group_key(index):
    first = author(10, "Quentin Zylberstein", handle="qz")
    again = author(10, "Quentin Zylberstein", handle="qz")
    other = author(11, "Quentin Zylberstein", handle="quentin_z")
    results = match_authors([first, again, other], index)
    assert results[0].group_key == results[1].group_key == "author:x:10"
    assert results[2].group_key == "author:x:11"


def test_same_person_on_two_platforms_is_grouped_by_name_and_handle(index):
    on_x = author(10, "Quentin Zylberstein", handle="qzyl")
    on_bluesky = author(99, "Quentin Zylberstein", handle="qzyl", platform="bluesky")
    results = match_authors([on_x, on_bluesky], index)
    assert results[0].group_key == results[1].group_key


def test_unknown_authors_sharing_an_email_are_grouped(index):
    results = match_authors(
        [
            author(10, "Q", email="q@zyl.org"),
            author(20, "Quentin", platform="mastodon", email="Q@zyl.org"),
        ],
        index,
    )
    assert results[0].group_key == results[1].group_key == "author:x:10"


def test_linked_authors_group_by_contact(index):
    results = match_authors([author(777), author(1, email="jose@gmail.com")], index)
    assert [result.group_key for result in results] == ["contact:3", "contact:3"]


def test_from_author_dict_of_a_connector(index):
    raw = make_author("42", "@jsmith", "John Smith", location="Osaka")
    record = AuthorRecord.from_author_dict("x", raw)
    assert (record.key, record.handle, record.location) == ("x:42", "jsmith", "Osaka")
    assert match_one(index, record).partner_id == 1


# ----------------------------------------------------------------- merges


def test_propose_merges_by_external_id_email_and_profile_link():
    identities = [
        IdentityRecord(7, "x", "42"),
        IdentityRecord(3, "x", "42"),
        (10, "instagram", "a1", "Jane@Example.org", None),
        (11, "facebook", "b2", "jane@example.org", None),
        (20, "youtube", "c1", None, "https://www.youtube.com/@jane/"),
        (21, "youtube", "c2", None, "http://youtube.com/@Jane"),
        (30, "x", "99", "solo@example.org", None),
    ]
    assert propose_merges(identities) == [
        (3, 7, "same x user id 42"),
        (10, 11, "same email jane@example.org"),
        (20, 21, "same profile link youtube.com/@jane"),
    ]


def test_propose_merges_pairs_each_duplicate_with_the_lowest_id():
    identities = [IdentityRecord(contact, "x", "1") for contact in (9, 4, 6, 4)]
    assert propose_merges(identities) == [
        (4, 6, "same x user id 1"),
        (4, 9, "same x user id 1"),
    ]


def test_propose_merges_without_duplicates():
    assert propose_merges([]) == []
    assert propose_merges([IdentityRecord(1, "x", "1", None, None)]) == []


# ------------------------------------------------------------- robustness


def test_empty_index():
    index = ContactIndex.build([])
    results = match_authors([author(1, "John Smith", email="a@b.com")], index)
    assert (results[0].decision, results[0].group_key) == (NEW, "author:x:1")
    assert match_authors([], index) == []


@pytest.mark.parametrize(
    "display_name",
    [
        "🎉🔥✨",
        "محمد عبد الله",
        "דוד כהן",
        "\u200b\u200d\u2060",
        "\u202eJohn Smith\u202c",
        "",
        None,
        "x" * 10_000,
    ],
)
def test_odd_text_never_crashes(index, display_name):
    odd = author(
        1,
        display_name,
        handle="\u200b@🎉",
        bio="🎉 " * 5_000,
        location="\u202e🌍",
        website="http://[broken",
        email="not-an-email",
        phone="call me maybe",
    )
    result = match_one(index, odd)
    assert result.decision in (LINKED, SUGGESTED, NEW)


def test_long_bio_with_evidence_far_away_is_fine(index):
    bio = "lorem ipsum " * 900 + "Working at Acme Widgets"
    result = match_one(index, author(1, "John Smith", bio=bio))
    assert result.decision in (LINKED, SUGGESTED)


def test_odd_contacts_are_indexed():
    odd_contacts = [
        ContactRecord(id=1, name=""),
        ContactRecord(id=2, name="🎉", email="@", phone="12", website="::"),
        ContactRecord(id=3, name="محمد عبد الله", handles=["no-colon"]),
    ]
    index = ContactIndex.build(odd_contacts)
    assert len(index) == 3
    assert match_one(index, author(1, "محمد عبد الله")).candidates[0].contact_id == 3


def test_index_can_grow_during_a_batch(index):
    index.add_contact(ContactRecord(id=50, name="Quentin Zylberstein", city="Lyon"))
    result = match_one(index, author(1, "Quentin Zylberstein", location="Lyon"))
    assert (result.decision, result.partner_id) == (LINKED, 50)


# ------------------------------------------------------------------ key forms


def test_normalize_email():
    assert normalize_email(" John+x@Example.COM ") == "john@example.com"
    assert normalize_email("mailto:a@b.org") == "a@b.org"
    assert normalize_email("nope") is None
    assert normalize_email("a@localhost") is None


def test_normalize_phone():
    assert normalize_phone("(212) 555-0182", "US") == "+12125550182"
    assert normalize_phone("090-1234-5678", "JP") == "+819012345678"
    assert normalize_phone("call me", "US") is None
    assert normalize_phone(None) is None


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.acme.com/about", "acme.com"),
        ("acme.com", "acme.com"),
        ("https://shop.acme.co.uk", "acme.co.uk"),
        ("https://tanaka.co.jp", "tanaka.co.jp"),
        ("https://jane.github.io/blog", "jane.github.io"),
        ("https://gmail.com", None),
        ("https://linktr.ee/jane", None),
        ("https://www.facebook.com/jane", None),
        ("https://x.com/jane", None),
        ("https://instagram.com/jane", None),
        ("http://[broken", None),
        ("not a url", None),
        ("", None),
    ],
)
def test_website_domain(url, domain):
    assert website_domain(url) == domain


def test_domains_in_text():
    bio = "Shop: https://www.acme.com/x — mail me jane@tanaka.co.jp, linktr.ee/jane"
    assert domains_in_text(bio) == {"acme.com", "tanaka.co.jp"}


def test_normalize_profile_url():
    assert normalize_profile_url("https://www.X.com/Jane/?s=1") == "x.com/jane"
    assert normalize_profile_url("nope") is None


def test_company_core():
    assert company_core("Acme Widgets, Inc.") == "acme widgets"
    assert company_core("株式会社加藤農林") == "加藤農林"
    assert company_core("S.L.") == ""
