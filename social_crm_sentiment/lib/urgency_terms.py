"""Urgency terms per language for priority scoring.

Latin-script terms are matched accent- and case-insensitively at word starts;
a trailing ``*`` allows any ending (``cancel*`` = cancelled, cancellation), and
without it the term must end at a word boundary. Japanese terms are substrings.
English terms are checked for every language (customers code-switch).
"""

import functools
import re

from .text_preprocessing import strip_accents

# fmt: off
URGENCY_TERMS = {
    "en": [
        "refund*", "broken", "lawsuit", "sue", "suing", "lawyer", "cancel*",
        "scam*", "fraud*", "not working", "doesn't work", "doesnt work",
        "stopped working", "never arrived", "never received", "charged twice",
        "urgent*", "asap", "chargeback", "complaint", "dangerous", "unsafe",
        "hacked", "data breach", "stolen", "money back", "injur*", "recall",
        "emergency", "worst",
    ],
    "ja": [
        "返金", "故障", "解約", "壊れ", "届かない", "届いていない", "詐欺", "至急",
        "緊急", "弁護士", "訴え", "訴訟", "動かない", "不具合", "返品", "キャンセル",
        "使えない", "二重請求", "危険", "最悪",
    ],
    "es": [
        "reembolso*", "devolucion*", "devuelvan", "roto", "rota", "cancelar",
        "cancelacion", "demanda*", "denuncia*", "estafa*", "fraude", "no funciona",
        "urgente", "abogado", "nunca llego", "no llega", "no ha llegado",
        "queja", "peligroso",
    ],
    "fr": [
        "rembours*", "casse", "cassee", "annul*", "resili*", "arnaque*",
        "escroquerie", "ne fonctionne pas", "fonctionne pas", "marche pas",
        "urgent*", "avocat", "plainte", "jamais recu", "toujours pas recu",
        "dangereux", "en panne",
    ],
    "de": [
        "ruckerstattung", "geld zuruck", "kaputt", "defekt", "kundig*",
        "storn*", "betrug", "abzocke", "funktioniert nicht", "geht nicht",
        "dringend", "anwalt", "klage", "beschwerde", "nie angekommen",
        "nicht angekommen", "gefahrlich",
    ],
    "pt": [
        "reembolso", "estorno", "quebrado", "quebrada", "cancelar",
        "cancelamento", "processo", "processar", "golpe", "fraude",
        "nao funciona", "urgente", "advogado", "reclamacao", "reclame aqui",
        "nunca chegou", "nao chegou", "procon", "perigoso",
    ],
}
# fmt: on


def _latin_pattern(term: str) -> str:
    if term.endswith("*"):
        return r"\b" + re.escape(term[:-1])
    return r"\b" + re.escape(term) + r"\b"


@functools.cache
def _compiled_terms(language: str) -> list[tuple[str, re.Pattern | None]]:
    terms = []
    for term_language in dict.fromkeys((language, "en")):
        for term in URGENCY_TERMS.get(term_language, []):
            if term_language == "ja":
                terms.append((term, None))
            else:
                pattern = re.compile(_latin_pattern(strip_accents(term)))
                terms.append((term.rstrip("*"), pattern))
    return terms


@functools.cache
def _any_term_regex(language: str) -> re.Pattern:
    """Matches where any Latin-script term of ``language`` (and English) does:
    most texts hold none, and one search rules them all out."""
    patterns = [
        pattern.pattern for _term, pattern in _compiled_terms(language) if pattern
    ]
    return re.compile("|".join(patterns) or r"(?!)")


def find_urgency_terms(text: str, language: str | None) -> list[str]:
    """Urgency terms found in ``text`` (the term as listed, without ``*``)."""
    if not text:
        return []
    folded = strip_accents(text.lower()).replace("’", "'")
    found = []
    languages = [language or "en"]
    if language != "ja" and re.search("[\u3040-\u30ff\u4e00-\u9fff]", text):
        languages.append("ja")
    for term_language in languages:
        if term_language != "ja" and not _any_term_regex(term_language).search(folded):
            continue
        for term, pattern in _compiled_terms(term_language):
            matched = term in text if pattern is None else pattern.search(folded)
            if matched and term not in found:
                found.append(term)
    return found
