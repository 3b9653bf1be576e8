"""Abonnementsgelden: rates, agreements and the begroting per schooljaar, and the invoices."""
