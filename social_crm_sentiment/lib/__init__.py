"""Plain-Python language, sentiment and priority engines of Social CRM Sentiment.

Nothing here imports Odoo: the addon's models call these classes and functions.
Heavy resources (language models, lexicons, tokenizer dictionaries) are loaded
lazily, once per process.
"""

from .adaptation import Adaptation
from .language import LanguageDetector
from .priority import score_priority, stars_for_priority
from .sentiment import SentimentAnalyzer, SentimentResult

__all__ = [
    "Adaptation",
    "LanguageDetector",
    "SentimentAnalyzer",
    "SentimentResult",
    "score_priority",
    "stars_for_priority",
]
