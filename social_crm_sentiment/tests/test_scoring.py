from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SentimentCommon


@tagged("post_install", "-at_install")
class TestScoring(SentimentCommon):
    def assertSentiment(self, mention, label, source_prefix):
        self.assertEqual(mention.sentiment, label, mention.text)
        self.assertTrue(
            mention.sentiment_source.startswith(source_prefix), mention.sentiment_source
        )
        if label == "positive":
            self.assertGreater(mention.sentiment_score, 0.05)
        elif label == "negative":
            self.assertLess(mention.sentiment_score, -0.05)
        self.assertGreater(mention.sentiment_intensity, 0)
        self.assertLessEqual(mention.sentiment_intensity, 1)

    def test_english_ensemble_positive_and_negative(self):
        positive = self.score("I love my new Acme speaker, the sound is amazing!")
        negative = self.score("The Acme app is broken again, this is terrible service")
        self.assertEqual(positive.language, "en")
        self.assertGreater(positive.language_confidence, 0.9)
        self.assertSentiment(positive, "positive", "auto:ensemble")
        self.assertSentiment(negative, "negative", "auto:ensemble")

    def test_english_engine_follows_company_setting(self):
        for engine in ("vader", "textblob"):
            self.company.social_crm_sentiment_en_engine = engine
            mention = self.score("What a great and helpful support team, thank you")
            self.assertSentiment(mention, "positive", f"auto:{engine}")

    def test_japanese_positive_and_negative(self):
        positive = self.score("最高です！")
        negative = self.score("壊れていて最悪です")
        self.assertEqual(positive.language, "ja")
        self.assertEqual(negative.language, "ja")
        self.assertSentiment(positive, "positive", "auto:oseti")
        self.assertSentiment(negative, "negative", "auto:oseti")
        self.assertGreater(positive.sentiment_score, 0.5)
        self.assertLess(negative.sentiment_score, -0.5)

    def test_spanish_positive_and_negative(self):
        positive = self.score("Me encanta mi nuevo altavoz, es excelente")
        negative = self.score("Es horrible, el producto no funciona y nadie responde")
        self.assertEqual(positive.language, "es")
        self.assertEqual(negative.language, "es")
        self.assertSentiment(positive, "positive", "auto:lexicon")
        self.assertSentiment(negative, "negative", "auto:lexicon")

    def test_language_detected_only_among_enabled_languages(self):
        text = "Ce produit est vraiment excellent, merci beaucoup"
        self.assertEqual(self.score(text).language, "fr")
        self.company.social_crm_sentiment_languages = "en,es"
        self.assertIn(self.score(text).language, ("en", "es"))

    def test_platform_label_kept_unless_clearly_wrong(self):
        short = self.score("ok", language="es")
        self.assertEqual(short.language, "es", "a short text keeps the platform label")
        wrong = self.score(
            "The delivery was late again and nobody answers the phone at all",
            language="ja",
        )
        self.assertEqual(wrong.language, "en", "a long English text overrules 'ja'")
        undetermined = self.score(
            "Thanks a lot, the new version works great", language="und"
        )
        self.assertEqual(undetermined.language, "en")

    def test_scoring_is_deterministic(self):
        texts = [
            "Acme support fixed my issue in minutes, great job",
            "壊れていて最悪です",
            "No me gusta nada, quiero un reembolso",
            "meh",
        ]
        first = self.ingest([self.post(text) for text in texts])
        second = self.ingest([self.post(text) for text in texts])
        fields = [
            "language",
            "language_confidence",
            "sentiment",
            "sentiment_score",
            "sentiment_intensity",
            "sentiment_source",
            "priority_score",
            "priority_reasons",
        ]
        for one, two in zip(first.sorted("id"), second.sorted("id"), strict=True):
            for name in fields:
                self.assertEqual(one[name], two[name], name)
        before = first.read(fields)
        first.action_rescore()
        self.assertEqual(first.read(fields), before)

    def test_unsupported_language_is_neutral(self):
        self.company.social_crm_sentiment_languages = "en,ja,es,fr,de,pt,it"
        mention = self.score(
            "Questo prodotto è fantastico, lo adoro davvero tantissimo", language="it"
        )
        self.assertEqual(mention.language, "it")
        self.assertEqual(mention.sentiment, "neutral")
        self.assertEqual(mention.sentiment_score, 0.0)
        self.assertEqual(mention.sentiment_intensity, 0.0)
        self.assertEqual(mention.sentiment_source, "unsupported")
        self.assertTrue(
            self.Mention.search(
                [("id", "=", mention.id), ("sentiment_source", "=", "unsupported")]
            )
        )

    def test_text_without_letters(self):
        emoji = self.score("😡😡😡")
        self.assertEqual(emoji.sentiment, "negative")
        self.assertEqual(emoji.sentiment_source, "auto:emoji")

    def test_text_edited_on_the_platform_is_scored_again(self):
        mention = self.score("I love the new Acme speaker, the sound is amazing")
        self.assertEqual(mention.sentiment, "positive")
        post = self.post(
            "Edit: it died after a week, I want a refund!",
            posted_at=mention.posted_at,
        )
        post["external_id"] = mention.external_id
        self.assertEqual(self.ingest([post]), mention)
        self.assertEqual(mention.sentiment, "negative")
        self.assertIn("refund", mention.priority_reasons)

    def test_new_mentions_are_stored_with_their_scores(self):
        queries = []
        execute = type(self.env.cr).execute

        def spy(cr, query, *args, **kwargs):
            queries.append(str(getattr(query, "code", query)))
            return execute(cr, query, *args, **kwargs)

        with patch.object(type(self.env.cr), "execute", spy):
            mentions = self.ingest([self.post("Terrible, I want a refund")])
            self.env.flush_all()
        self.assertEqual(mentions.sentiment, "negative")
        self.assertEqual(mentions.sentiment_source[:5], "auto:")
        inserts = [
            q for q in queries if q.startswith('INSERT INTO "social_crm_mention"')
        ]
        self.assertEqual(len(inserts), 1)
        self.assertIn('"sentiment_source"', inserts[0])
        self.assertFalse(
            [q for q in queries if q.startswith('UPDATE "social_crm_mention"')]
        )

    def test_skip_scoring_context_leaves_mentions_pending(self):
        mention = self.Mention.with_context(
            social_crm_sentiment_skip_scoring=True
        )._ingest_posts(self.account, [self.post("I love it")])
        self.assertFalse(mention.sentiment_source)
        self.assertIn(
            mention, self.Mention.search(self.Mention._score_pending_domain())
        )

    def test_enabled_languages_are_validated(self):
        for wrong in ("", "english", "en,1x", " , "):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self.company.social_crm_sentiment_languages = wrong
        self.company.social_crm_sentiment_languages = "EN, ja ,pt-BR"
        self.assertEqual(
            self.company._social_crm_language_detector().allowed_languages,
            frozenset({"en", "ja", "pt"}),
        )

    def test_priority_thresholds_are_validated(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.company.write(
                {
                    "social_crm_priority_threshold_1": 60,
                    "social_crm_priority_threshold_2": 50,
                }
            )
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.company.social_crm_priority_threshold_3 = 120
