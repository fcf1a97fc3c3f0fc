def post_init_hook(env):
    """Score the mentions that existed before the addon: a first batch now so
    the team sees sentiment right away, the rest through the scoring cron."""
    Mention = env["social.crm.mention"]
    Mention._cron_score_pending()
    if Mention.search_count(Mention._score_pending_domain(), limit=1):
        env.ref("social_crm_sentiment.ir_cron_score_pending_mentions")._trigger()
