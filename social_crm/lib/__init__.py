"""Plain-Python building blocks of Social CRM (no Odoo import allowed here)."""
