"""Demo data: the accounts and organisations of `flask --app wsgi seed-demo`."""

DEMO_PASSWORD = "leidseaanpak"  # demo only; printed by `make run`
