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
    "depends": ["social_crm"],
    "external_dependencies": {"python": ["langdetect", "textblob"]},
    "data": [],
}
