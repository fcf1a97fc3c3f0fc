"""Urgency terms per language for priority scoring.

Latin-script terms are matched accent- and case-insensitively at word starts;
a trailing ``*`` allows any ending (``cancel*`` = cancelled, cancellation), and
without it the term must end at a word boundary. Japanese terms are substrings.
English terms are checked for every language (customers code-switch).
"""

import functools
import re

from .text_preprocessing import strip_accents

JAPANESE_RE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")

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
def _scanner(language: str) -> tuple[re.Pattern, dict, list[tuple[int, str]]]:
    """What a single pass over a text needs to find the terms of ``language``
    (and English): a zero-width pattern that stops wherever a Latin-script
    term starts, even inside another match ("ne fonctionne pas" / "fonctionne
    pas"); those terms by first letter; the Japanese substrings. Each term
    comes with its rank in the lists. One scan of a long review instead of one
    search per term."""
    by_first_letter = {}
    patterns = []
    substrings = []
    for rank, (term, pattern) in enumerate(_compiled_terms(language)):
        if pattern is None:
            substrings.append((rank, term))
            continue
        patterns.append(pattern.pattern)
        first_letter = strip_accents(term)[0]
        by_first_letter.setdefault(first_letter, []).append((rank, term, pattern))
    scanner = re.compile("(?=" + ("|".join(patterns) or "(?!)") + ")")
    return scanner, by_first_letter, substrings


def _terms_found(text: str, folded: str, language: str) -> list[str]:
    scanner, by_first_letter, substrings = _scanner(language)
    found = {rank: term for rank, term in substrings if term in text}
    for start in scanner.finditer(folded):
        position = start.start()
        for rank, term, pattern in by_first_letter[folded[position]]:
            if rank not in found and pattern.match(folded, position):
                found[rank] = term
    return [found[rank] for rank in sorted(found)]


def find_urgency_terms(text: str, language: str | None) -> list[str]:
    """Urgency terms found in ``text`` (the term as listed, without ``*``), in
    the order of the lists."""
    if not text:
        return []
    folded = strip_accents(text.lower()).replace("\u2019", "'")
    found = []
    languages = [language or "en"]
    if language != "ja" and JAPANESE_RE.search(text):
        languages.append("ja")
    for term_language in languages:
        found.extend(
            term
            for term in _terms_found(text, folded, term_language)
            if term not in found
        )
    return found
