"""English customer-care language that general lexicons miss.

VADER and TextBlob were built on tweets, news and movie reviews: they know
"awful" but not "junk", "overpriced", "unusable" or "won't be back", the words
customers use about products and service. This module scores that language on
VADER's -4..4 valence scale and returns the squashed sum (-1..1), which the
English ensemble blends as one more feature.

* ``PHRASES`` - regular expressions on the lowercased text (apostrophes
  normalised). At one position the first phrase listed wins, so the negated and
  "would not hesitate" forms come before the plain ones. Only the phrases whose
  words occur in the text are tried.
* ``WORDS`` - single words with their valence.

A phrase or word is flipped and damped (VADER's 0.74) when a negation comes
shortly before it ("not happy with", "hell no will I go back", "not reliable"),
unless the phrase holds its own negation ("won't be back").

Written from complaint and praise language on social media and review sites.
"""

import functools
import re

from .base import squash

# fmt: off
# (words the text must hold for the phrase to be tried, pattern, valence).
# Every pattern starts at a word boundary; the words only save time: a text
# without any of them cannot match the pattern.
PHRASES = (
    # coming back, or not
    ("back return again",
     r"\b(?:would|will|'d|'ll) not hesitate to (?:\w+ ){0,3}(?:back|return|"
     r"again)\b", 2.4),
    ("back again return",
     r"\bcan'?t wait to (?:\w+ ){0,3}(?:back|again|return)\b", 2.4),
    ("back again return returning",
     r"\b(?:won'?t|will not|would ?n'?t|would not|never|do ?n'?t think i'?(?:ll|d)?)"
     r" (?:[\w']+ ){0,4}?(?:back|again|return(?:ing)?)\b", -2.4),
    ("back again",
     r"\bnot (?:be |ever )?(?:coming|going|eating|ordering|shopping|buying|staying|"
     r"returning)(?: [\w']+){0,2}? (?:back|again)\b", -2.4),
    ("back again",
     r"\b(?:will|would|'ll|'d|definitely|certainly) (?:(?!(?:not|never|no)\b|"
     r"[\w']*n't\b)"
     r"[\w']+ ){0,3}?"
     r"(?:be back|come back|go back|(?:come|go|order|buy|eat|stay|visit)"
     r"(?: here| there| from (?:them|you|here))? again)\b", 2.0),
    # buying advice
    ("buy purchase order bother waste recommend trust",
     r"\b(?:do ?n'?t|do not|never|would ?n'?t|would not|wouldn'?t) (?:ever |even )?"
     r"(?:buy|purchase|order|bother|waste|recommend|trust)\b", -2.4),
    ("away clear",
     r"\b(?:stay|steer|run) (?:away|clear) from\b", -2.4),
    ("recommend",
     r"\b(?:highly |would |definitely |strongly )recommend\b", 2.4),
    # "must have" is praise ("a must have"), not a guess ("must have been")
    ("must must-have must-see must-buy must-try",
     r"\bmust[- ](?:have|see|buy|try)\b(?! (?:been|had|hit|got|gone|done|left|made|"
     r"seen|lost|\w+ed)\b)", 2.0),
    ("wrong beat",
     r"\b(?:can'?t|cannot|could ?n'?t) (?:go wrong|beat (?:that|it|this|the))\b", 2.4),
    ("worth",
     r"\b(?:well |totally |definitely |so )?worth (?:it|every penny|the (?:money|"
     r"price|wait|trip))\b", 2.2),
    ("worth",
     r"\b(?:not|[a-z]+n't|never|hardly) (?:really |even |quite )?worth\b", -2.4),
    # ratings
    ("10 ten",
     r"\b(?:10|9|8|ten|nine|eight) (?:out )?of (?:10|ten)\b", 2.4),
    ("10 ten",
     r"\b(?:[0-3]|zero|one|two|three) (?:out )?of (?:10|ten)\b", -2.4),
    ("stars",
     r"\b(?:5|five|4|four) (?:out of (?:5|five) )?stars\b", 2.2),
    ("star stars",
     r"\b(?:0|1|zero|one|no) stars?\b", -2.4),
    ("thumb thumbs",
     r"\bthumbs? (?:way )?up\b", 2.2),
    ("thumb thumbs",
     r"\bthumbs? down\b", -2.2),
    ("10",
     r"\b10/10\b", 2.6),
    ("10",
     r"\b(?:0|1|2)/10\b", -2.4),
    # money and time
    ("waste wasted wasting",
     r"\bwast(?:e|ed|ing) (?:of )?(?:my |your |our |their )?(?:money|time|"
     r"cash)\b", -2.6),
    ("waste",
     r"\bwaste of\b", -2.6),
    ("piece",
     r"\bpiece of (?:junk|crap|garbage|trash|shit)\b", -2.8),
    ("restocking",
     r"\brestocking fee\b", -1.6),
    ("answer reply response refund call callback",
     r"\b(?:no|never got an?|still no|did ?n'?t get an?) (?:answer|reply|response|"
     r"refund|call ?back)\b", -2.0),
    ("still",
     r"\bstill (?:waiting|no (?:answer|reply|response|refund))\b", -2.0),
    # products that fail
    ("work works worked working",
     r"\b(?:does ?n[o']?t|did ?n[o']?t|do ?n[o']?t|won'?t|will not|not|never|"
     r"no longer|stopped|stop) (?:even )?work(?:s|ed|ing)?\b", -2.4),
    ("work works worked",
     r"\b(?:nothing|none of (?:it|them)|not a (?:darn |damn |"
     r"single )?thing) (?:\w+ )?work(?:s|ed)?\b", -2.4),
    ("happens happened",
     r"\bnothing happen(?:s|ed)\b", -2.0),
    ("do",
     r"\b(?:does ?n'?t|did ?n'?t|does not|did not) do (?:the job|what|its job|"
     r"anything)\b", -2.2),
    ("stopped",
     r"\bstopped (?:charging|responding|working)\b", -2.4),
    ("charge hold fit last connect pair turn arrive respond",
     r"\b(?:does ?n[o']?t|did ?n[o']?t|won'?t|will not) (?:charge|hold|fit|last|"
     r"connect|pair|"
     r"turn on|arrive|respond)\b", -2.2),
    ("never",
     r"\bnever (?:arrived|came|received|got|brought|answered|responded)\b", -2.2),
    ("returned return returning",
     r"\b(?:returned|return(?:ing)?) (?:it|this|them|the)\b", -1.8),
    ("broke",
     r"\bbroke\b", -2.0),
    ("bricked",
     r"\bbricked\b", -2.6),
    ("fix",
     r"\b(?:please )?fix (?:this|it)\b", -1.8),
    ("keep keeps",
     r"\bkeeps? (?:dropping|crashing|disconnecting|freezing|rebooting|logging "
     r"(?:me|us) out)\b", -2.2),
    ("dropping",
     r"\bdropping (?:the )?(?:wi-?fi|connection|out)\b", -2.0),
    ("had",
     r"\bhad to (?:unplug|restart|reset|reboot)\b", -1.8),
    ("arrival arrived",
     r"\b(?:dead on arrival|arrived (?:broken|damaged|cracked|dead))\b", -2.6),
    ("home phone phones",
     r"\bphones? home\b", -1.8),
    ("make makes",
     r"\bmakes? me (?:sick|vomit|puke|want to (?:cry|scream))\b", -2.4),
    ("works",
     r"\bworks (?:great|perfectly|like a charm|well|flawlessly)\b", 2.0),
    ("could couldn't",
     r"\bcould ?(?:n't|not) (?:have )?(?:been |be )?(?:more|any) (?:happy|happier|"
     r"pleased|"
     r"satisfied|impressed)(?: with)?\b", 2.6),
    ("with",
     r"\b(?:so |very )?(?:happy|pleased|glad|satisfied) with\b", 1.8),
)

WORDS = {
    # products and service
    "junk": -2.4, "garbage": -2.4, "trash": -2.2, "rubbish": -2.2, "ripoff": -2.6,
    "rip-off": -2.6, "scammed": -2.6, "overpriced": -1.8, "overcharged": -2.0,
    "flimsy": -1.8, "unreliable": -2.0, "unusable": -2.4, "buggy": -1.8,
    "laggy": -1.6, "glitchy": -1.6, "crashes": -1.6, "crashed": -1.6,
    "crashing": -1.6, "freezes": -1.4, "defect": -1.6, "refund": -1.0,
    "unhelpful": -1.8, "unresponsive": -1.8, "subpar": -1.6, "mediocre": -1.4,
    "overrated": -1.6, "unsatisfactory": -2.0, "lacked": -1.2, "lacks": -1.2,
    "lacking": -1.2, "nonexistent": -1.2, "headache": -1.4, "nightmare": -2.2,
    "unbearable": -2.2, "unwatchable": -2.6, "vomit": -2.0, "puke": -2.0,
    # food and places
    "inedible": -2.4, "soggy": -1.4, "greasy": -1.0, "undercooked": -1.6,
    "overcooked": -1.4, "stale": -1.2, "tasteless": -1.6, "bland": -1.2,
    "blandest": -1.6,
    # misspellings frequent on social media
    "disapointing": -2.2, "dissapointing": -2.2, "disapointed": -2.0,
    "dissapointed": -2.0, "terible": -2.1, "horible": -2.5,
    # praise
    "tasty": 1.8, "flavorful": 1.8, "yum": 1.8, "delish": 2.2, "sturdy": 1.4,
    "reliable": 1.4, "durable": 1.4, "intuitive": 1.4, "seamless": 1.6,
    "seamlessly": 1.6, "affordable": 1.2, "gem": 2.0, "rocks": 1.6,
    "top-notch": 2.4, "recommended": 1.8, "underrated": 1.0,
    "lifesaver": 2.4, "life-saver": 2.4,
}
# fmt: on

NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor without isn't aren't wasn't "
    "weren't doubt don't doesn't didn't won't wouldn't can't cannot couldn't "
    "shouldn't hardly isnt arent wasnt werent dont doesnt didnt wont wouldnt "
    "cant couldnt shouldnt".split()
)
NEGATED_SCALE = -0.74
WORD_NEGATION_WINDOW = 3
PHRASE_NEGATION_WINDOW = 4
_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9'-]*")
_PHRASES_BY_WORD: dict[str, list[int]] = {}
for _index, (_words, _pattern, _valence) in enumerate(PHRASES):
    assert _pattern.startswith(r"\b"), _pattern
    for _word in _words.split():
        _PHRASES_BY_WORD.setdefault(_word, []).append(_index)


@functools.lru_cache(maxsize=2048)
def _phrases_regex(indices: tuple[int, ...]) -> re.Pattern:
    """One alternation of the given phrases, in their listed order, with the
    word boundary tested once before it (much faster than in each branch)."""
    branches = "|".join(f"(?P<p{index}>{PHRASES[index][1][2:]})" for index in indices)
    return re.compile(rf"\b(?:{branches})")


def _candidate_phrases(tokens: list[str]) -> tuple[int, ...]:
    found = set()
    for token in tokens:
        indices = _PHRASES_BY_WORD.get(token)
        if indices:
            found.update(indices)
    return tuple(sorted(found))


def _negated(preceding_tokens: list[str]) -> bool:
    return not NEGATIONS.isdisjoint(preceding_tokens)


def customer_care_valence(text: str) -> float:
    """Summed valence (-4..4 per hit) of the phrases and words in ``text``."""
    lowered = text.lower().replace("’", "'")
    tokens = _TOKEN_RE.findall(lowered)
    total = 0.0
    candidates = _candidate_phrases(tokens)
    matches = _phrases_regex(candidates).finditer(lowered) if candidates else ()
    for match in matches:
        valence = PHRASES[int(match.lastgroup[1:])][2]
        before = _TOKEN_RE.findall(lowered[max(0, match.start() - 60) : match.start()])
        if _negated(before[-PHRASE_NEGATION_WINDOW:]) and not _negated(
            _TOKEN_RE.findall(match.group())
        ):
            valence *= NEGATED_SCALE
        total += valence
    for index, token in enumerate(tokens):
        valence = WORDS.get(token)
        if valence is None:
            continue
        if _negated(tokens[max(0, index - WORD_NEGATION_WINDOW) : index]):
            valence *= NEGATED_SCALE
        total += valence
    return total


def customer_care_score(text: str) -> float:
    """``customer_care_valence`` squashed into -1..1 (0 without any hit)."""
    total = customer_care_valence(text)
    return squash(total) if total else 0.0
