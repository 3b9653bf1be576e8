"""The projectleider's inbox, the dossier, and the regiegroep's decision."""
