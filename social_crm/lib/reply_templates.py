"""Reply templates: ``{placeholder}`` substitution, nothing more.

``str.format`` is not used on purpose: it would accept ``{name.attr}``,
``{name[0]}`` and format specs, which a template written by a user must not
reach. Here a placeholder is a plain name between braces; ``{{`` and ``}}``
write literal braces.

>>> render_reply("Hi {author_name}! {{sorry}}", {"author_name": "Kim"})
'Hi Kim! {sorry}'
"""

import re

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _tokens(template_text):
    """Yield ``(kind, value)``: ``("text", str)`` or ``("field", name)``.

    Raise ValueError on a stray brace or a placeholder that is not a plain name.
    """
    position = 0
    for match in _TOKEN.finditer(template_text):
        if match.start() > position:
            yield "text", template_text[position : match.start()]
        token = match.group(0)
        if token in ("{{", "}}"):
            yield "text", token[0]
        elif token in ("{", "}"):
            raise ValueError(
                f"Unmatched '{token}' at position {match.start()}: "
                "write '{{' or '}}' for a literal brace."
            )
        else:
            name = match.group(1).strip()
            if not _NAME.match(name):
                raise ValueError(
                    f"Invalid placeholder {token!r}: use a plain name such as "
                    "{author_name}."
                )
            yield "field", name
        position = match.end()
    if position < len(template_text):
        yield "text", template_text[position:]


def placeholders(template_text):
    """Names used in ``template_text``, in order of first use."""
    names = []
    for kind, value in _tokens(template_text or ""):
        if kind == "field" and value not in names:
            names.append(value)
    return names


def render_reply(template_text, values):
    """Render ``template_text`` with ``values`` (a mapping name -> value).

    Every placeholder must be a key of ``values``: unknown names raise a
    ValueError that lists them all. A known name whose value is empty
    (``None``, ``False``, ``""``) renders as an empty string.
    """
    tokens = list(_tokens(template_text or ""))
    unknown = sorted(
        {value for kind, value in tokens if kind == "field" and value not in values}
    )
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in sorted(values))
        raise ValueError(
            "Unknown placeholder(s) "
            + ", ".join(f"{{{name}}}" for name in unknown)
            + (f"; available: {known}" if known else "")
        )
    parts = []
    for kind, value in tokens:
        if kind == "text":
            parts.append(value)
        else:
            field_value = values[value]
            if field_value is None or field_value is False:
                field_value = ""
            parts.append(str(field_value))
    return "".join(parts)
