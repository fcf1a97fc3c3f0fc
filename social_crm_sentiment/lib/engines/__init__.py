"""Sentiment engines, one small module per family, behind ``SentimentEngine``."""
