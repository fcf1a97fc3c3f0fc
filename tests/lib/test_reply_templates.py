import pytest
from social_crm_lib.reply_templates import placeholders, render_reply

VALUES = {
    "contact_name": "Kim Snyder",
    "author_name": "Kim",
    "author_handle": "@kimsnyder",
    "ticket_number": "",
}


def test_every_placeholder_is_replaced():
    text = "Hi {author_name} ({author_handle}), thanks {contact_name}!"
    assert render_reply(text, VALUES) == "Hi Kim (@kimsnyder), thanks Kim Snyder!"


def test_same_placeholder_twice():
    assert render_reply("{author_name}/{author_name}", VALUES) == "Kim/Kim"


def test_missing_values_render_empty():
    values = dict(VALUES, author_name=None, contact_name=False)
    assert (
        render_reply("[{author_name}][{contact_name}][{ticket_number}]", values)
        == "[][][]"
    )


def test_non_string_values_are_converted():
    assert render_reply("#{ticket_number}", {"ticket_number": 12}) == "#12"


def test_unknown_placeholders_are_named():
    with pytest.raises(ValueError) as error:
        render_reply("Hi {first_name} {author_name} {order}", VALUES)
    message = str(error.value)
    assert "{first_name}" in message
    assert "{order}" in message
    assert "{author_name}" not in message.split(";")[0]
    assert "available" in message


def test_escaped_braces():
    assert (
        render_reply("{{author_name}} is {author_name}", VALUES)
        == "{author_name} is Kim"
    )
    assert render_reply("a }} b {{", VALUES) == "a } b {"


@pytest.mark.parametrize("text", ["Hi {author_name", "Hi author_name}", "a { b", "}"])
def test_unbalanced_braces_raise(text):
    with pytest.raises(ValueError, match="Unmatched"):
        render_reply(text, VALUES)


@pytest.mark.parametrize(
    "text",
    [
        "{author_name.__class__}",
        "{author_name[0]}",
        "{author_name!r}",
        "{author_name:>10}",
        "{}",
        "{ }",
    ],
)
def test_only_plain_names_are_placeholders(text):
    with pytest.raises(ValueError, match="Invalid placeholder"):
        render_reply(text, VALUES)


def test_spaces_inside_braces_are_tolerated():
    assert render_reply("{ author_name }", VALUES) == "Kim"


def test_unicode_text_is_kept():
    text = "{author_name}さん、ご連絡ありがとうございます 🙏"
    assert render_reply(text, VALUES) == "Kimさん、ご連絡ありがとうございます 🙏"


def test_empty_template():
    assert render_reply("", VALUES) == ""
    assert render_reply(None, VALUES) == ""


def test_placeholders_lists_names_once_in_order():
    assert placeholders("{b} {a} {{c}} {b}") == ["b", "a"]
