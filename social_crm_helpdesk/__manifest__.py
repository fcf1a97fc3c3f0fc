# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Social CRM Helpdesk",
    "summary": "Turn social complaints into helpdesk tickets and track them "
    "to resolution",
    "version": "18.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/social-crm/social-crm",
    "author": "Social CRM contributors",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": False,
    "depends": ["social_crm", "helpdesk_mgmt"],
    "data": [
        "data/helpdesk_ticket_channel_data.xml",
        "views/social_crm_mention_views.xml",
        "views/helpdesk_ticket_views.xml",
    ],
}
