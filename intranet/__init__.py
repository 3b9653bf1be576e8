"""The intranet of De Leidse Aanpak / LEF; `intranet.app.create_app` builds it."""
