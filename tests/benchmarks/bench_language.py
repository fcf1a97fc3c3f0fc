"""Language identification benchmark on short texts (< 60 chars), run on demand.

    .venv/bin/python tests/benchmarks/bench_language.py [--per-language N]

Data: see ``datasets`` (Debian fortunes for en/es/de/pt, Amazon.fr review
sentences for fr, manpages-ja sentences for ja), fetched into a cache dir
outside the repository. Every engine is run through ``LanguageDetector`` (same
clean-up and script rules), unrestricted and restricted to the six languages.
Speed is texts/s on one core, measured after a warm-up.

Measured on the 2-core dev machine (Python 3.11, 5,782 texts). Speeds vary up
to 2x between runs on this shared machine (auto restricted: 4,800-12,900/s).

    texts per language: en 782, es/de/pt/fr/ja 1,000 each
    engine      restricted accuracy    en    ja    es    fr    de    pt   texts/s
    -----------------------------------------------------------------------------
    auto        no            0.968 0.983 1.000 0.974 0.978 0.984 0.893    25,643
    auto        yes           0.990 1.000 1.000 0.986 0.996 0.993 0.970    12,894
    fasttext    no            0.968 0.983 1.000 0.974 0.978 0.984 0.893    25,112
    fasttext    yes           0.975 0.991 1.000 0.980 0.985 0.986 0.910    10,389
    langdetect  no            0.942 0.931 1.000 0.900 0.951 0.966 0.901       336
    langdetect  yes           0.966 0.973 1.000 0.939 0.977 0.985 0.926       434
    py3langid   no            0.960 0.982 1.000 0.915 0.979 0.988 0.902     3,421
    py3langid   yes           0.990 1.000 1.000 0.986 0.996 0.993 0.970    11,483
    lingua      no            0.965 0.977 1.000 0.960 0.971 0.976 0.909       797
    lingua      yes           0.981 0.990 1.000 0.985 0.988 0.991 0.936     6,763
"""

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import conftest  # noqa: F401  (makes social_crm_sentiment_lib importable)
import datasets
from social_crm_sentiment_lib.language import LanguageDetector

LANGUAGES = ["en", "ja", "es", "fr", "de", "pt"]


def evaluate(detector: LanguageDetector, samples: list[tuple[str, str]]):
    texts = [text for text, _language in samples]
    detector.detect_many(texts[:50])  # warm-up: load the model
    started = time.perf_counter()
    predictions = detector.detect_many(texts)
    elapsed = time.perf_counter() - started
    correct = Counter()
    totals = Counter()
    for (_text, language), (predicted, _confidence) in zip(
        samples, predictions, strict=True
    ):
        totals[language] += 1
        correct[language] += predicted == language
    accuracy = sum(correct.values()) / len(samples)
    per_language = {lang: correct[lang] / totals[lang] for lang in LANGUAGES}
    return accuracy, per_language, len(samples) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-language", type=int, default=1000)
    parser.add_argument("--max-chars", type=int, default=60)
    arguments = parser.parse_args()
    samples = datasets.language_identification_set(
        max_chars=arguments.max_chars, per_language=arguments.per_language
    )
    counts = Counter(language for _text, language in samples)
    print(f"{len(samples)} texts < {arguments.max_chars} chars: {dict(counts)}")
    header = (
        f"{'engine':<11} {'restricted':<10} {'accuracy':>8} "
        + " ".join(f"{lang:>5}" for lang in LANGUAGES)
        + f" {'texts/s':>9}"
    )
    print(header)
    print("-" * len(header))
    for engine in ["auto", *LanguageDetector.available_engines()]:
        for allowed in (None, LANGUAGES):
            detector = LanguageDetector(engine, allowed_languages=allowed)
            accuracy, per_language, speed = evaluate(detector, samples)
            print(
                f"{engine:<11} {'yes' if allowed else 'no':<10} {accuracy:>8.3f} "
                + " ".join(f"{per_language[lang]:>5.3f}" for lang in LANGUAGES)
                + f" {speed:>9,.0f}"
            )


if __name__ == "__main__":
    main()
