"""Per-platform handle validation, canonical form and profile URLs."""

import pytest
from social_crm_lib.handles import (
    PLATFORMS,
    InvalidHandleError,
    is_valid_handle,
    normalize_handle,
    profile_url,
)


@pytest.mark.parametrize(
    ("platform", "handle", "expected"),
    [
        ("x", "jsmith", "jsmith"),
        ("x", "@JSmith", "jsmith"),
        ("x", "  @j_smith_2024 ", "j_smith_2024"),
        ("x", "a", "a"),
        ("x", "A" * 15, "a" * 15),
        ("mastodon", "@User@Mastodon.Social", "user@mastodon.social"),
        ("mastodon", "jsmith@fosstodon.org", "jsmith@fosstodon.org"),
        ("mastodon", "j_s@sub.domain.example", "j_s@sub.domain.example"),
        ("mastodon", "a" * 30 + "@x.social", "a" * 30 + "@x.social"),
        ("bluesky", "@Name.bsky.social", "name.bsky.social"),
        ("bluesky", "jay.example.com", "jay.example.com"),
        ("bluesky", "acme.xyz", "acme.xyz"),
        (
            "bluesky",
            "did:plc:ewvi7nxzyoun6zhxrhs64oiz",
            "did:plc:ewvi7nxzyoun6zhxrhs64oiz",
        ),
        (
            "bluesky",
            "DID:PLC:EWVI7NXZYOUN6ZHXRHS64OIZ",
            "did:plc:ewvi7nxzyoun6zhxrhs64oiz",
        ),
        ("bluesky", "did:web:Example.com", "did:web:example.com"),
        ("reddit", "u/Some_Name", "some_name"),
        ("reddit", "/u/some-name", "some-name"),
        ("reddit", "U/abc", "abc"),
        ("reddit", "spez", "spez"),
        ("youtube", "@Acme.Official", "acme.official"),
        ("youtube", "acme-tv_1", "acme-tv_1"),
        ("youtube", "@東京テレビ", "東京テレビ"),
        ("youtube", "UC_x5XG1OV2P6uZZ5FSM9Ttw", "UC_x5XG1OV2P6uZZ5FSM9Ttw"),
        ("facebook", "Acme.Shop", "acme.shop"),
        ("facebook", "acmeinc", "acmeinc"),
        ("facebook", "100064741385678", "100064741385678"),
        ("instagram", "@jane.doe", "jane.doe"),
        ("instagram", "Jane_Doe", "jane_doe"),
        ("instagram", "j", "j"),
        ("rss", "  Jane Doe ", "Jane Doe"),
        ("rss", "", ""),
        ("rss", None, ""),
    ],
)
def test_normalize_valid_handles(platform, handle, expected):
    assert normalize_handle(platform, handle) == expected
    assert is_valid_handle(platform, handle)


def test_zero_width_characters_are_removed():
    assert normalize_handle("x", "js\u200bmith") == "jsmith"


@pytest.mark.parametrize(
    ("platform", "handle", "reason"),
    [
        ("x", "", "empty"),
        ("x", "@", None),
        ("x", "toolongusername_123", None),
        ("x", "j.smith", None),
        ("x", "jsmith@mastodon.social", None),
        ("mastodon", "jsmith", "instance is missing"),
        ("mastodon", "@jsmith", "instance is missing"),
        ("mastodon", "j.smith@mastodon.social", "user name"),
        ("mastodon", "a" * 31 + "@x.social", "user name"),
        ("mastodon", "jsmith@localhost", "instance"),
        ("mastodon", "jsmith@bad_host.social", "instance"),
        ("mastodon", "jsmith@", "instance"),
        ("mastodon", "jsmith@-bad.social", "instance"),
        ("bluesky", "nodot", None),
        ("bluesky", "name..bsky.social", None),
        ("bluesky", "bad_name.bsky.social", None),
        ("bluesky", "name.bsky.123", None),
        ("bluesky", "a" * 64 + ".bsky.social", None),
        ("bluesky", ("a" * 63 + ".") * 4 + "social", None),
        ("bluesky", "did:plc:tooshort", "24 characters"),
        ("bluesky", "did:web:nodot", None),
        ("bluesky", "did:key:z6Mk", None),
        ("reddit", "ab", None),
        ("reddit", "a" * 21, None),
        ("reddit", "u/bad.name", None),
        ("youtube", "ab", None),
        ("youtube", "@" + "a" * 31, None),
        ("youtube", "@bad handle", None),
        ("youtube", "@UC_x5XG1OV2P6uZZ5FSM9Ttw!", None),
        ("facebook", "abcd", None),
        ("facebook", "acme_shop", None),
        ("instagram", ".jane", "starts or ends with a dot"),
        ("instagram", "jane.", "starts or ends with a dot"),
        ("instagram", "jane..doe", "two dots in a row"),
        ("instagram", "a" * 31, None),
        ("instagram", "jane-doe", None),
    ],
)
def test_invalid_handles_explain_the_expected_form(platform, handle, reason):
    with pytest.raises(InvalidHandleError) as caught:
        normalize_handle(platform, handle)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.platform == platform
    message = str(error)
    assert "Expected" in message
    assert "for example" in message
    assert error.example in message
    if reason:
        assert reason in message
    assert not is_valid_handle(platform, handle)


@pytest.mark.parametrize(
    ("platform", "fragment"),
    [
        ("x", "Invalid X handle"),
        ("mastodon", "@jsmith@mastodon.social"),
        ("bluesky", "@jsmith.bsky.social"),
        ("reddit", "u/jsmith"),
        ("youtube", "channel id"),
        ("facebook", "acme.shop"),
        ("instagram", "@jane.doe"),
    ],
)
def test_error_messages_name_the_platform_form(platform, fragment):
    with pytest.raises(InvalidHandleError, match=fragment):
        normalize_handle(platform, "!")


def test_full_message_example():
    with pytest.raises(InvalidHandleError) as caught:
        normalize_handle("x", "toolongusername_123")
    assert str(caught.value) == (
        'Invalid X handle "toolongusername_123". '
        "Expected 1 to 15 letters, digits or _, for example @jsmith."
    )


def test_mastodon_default_instance_completes_a_bare_user():
    assert normalize_handle("mastodon", "@JSmith", "mastodon.social") == (
        "jsmith@mastodon.social"
    )
    assert normalize_handle("mastodon", "jsmith", "https://Fosstodon.org/") == (
        "jsmith@fosstodon.org"
    )
    assert normalize_handle("mastodon", "jsmith@other.social", "mastodon.social") == (
        "jsmith@other.social"
    )
    with pytest.raises(InvalidHandleError, match="instance"):
        normalize_handle("mastodon", "jsmith", "not a host")


def test_internationalized_instance_is_stored_in_ascii():
    assert normalize_handle("mastodon", "jsmith@mäuse.social") == (
        "jsmith@xn--muse-loa.social"
    )


def test_unknown_platform():
    with pytest.raises(ValueError, match="Unknown platform"):
        normalize_handle("myspace", "tom")


def test_platform_list():
    assert set(PLATFORMS) == {
        "x",
        "mastodon",
        "bluesky",
        "reddit",
        "youtube",
        "facebook",
        "instagram",
        "rss",
    }


@pytest.mark.parametrize(
    ("platform", "handle", "base_url", "expected"),
    [
        ("x", "@JSmith", None, "https://x.com/jsmith"),
        ("mastodon", "@jsmith@fosstodon.org", None, "https://fosstodon.org/@jsmith"),
        (
            "mastodon",
            "jsmith",
            "https://mastodon.social/",
            "https://mastodon.social/@jsmith",
        ),
        (
            "bluesky",
            "jay.bsky.social",
            None,
            "https://bsky.app/profile/jay.bsky.social",
        ),
        (
            "bluesky",
            "did:plc:ewvi7nxzyoun6zhxrhs64oiz",
            None,
            "https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz",
        ),
        ("reddit", "u/Spez", None, "https://www.reddit.com/user/spez"),
        ("youtube", "@AcmeTV", None, "https://www.youtube.com/@acmetv"),
        (
            "youtube",
            "UC_x5XG1OV2P6uZZ5FSM9Ttw",
            None,
            "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw",
        ),
        ("facebook", "acme.shop", None, "https://www.facebook.com/acme.shop"),
        ("instagram", "jane.doe", None, "https://www.instagram.com/jane.doe/"),
        ("x", "jsmith", "http://localhost:8080/", "http://localhost:8080/jsmith"),
        ("rss", "Jane Doe", None, None),
        ("x", "", None, None),
        ("x", None, None, None),
        ("x", "not valid!", None, None),
        ("mastodon", "jsmith", None, None),
    ],
)
def test_profile_url(platform, handle, base_url, expected):
    assert profile_url(platform, handle, base_url=base_url) == expected
