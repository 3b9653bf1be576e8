"""News and good-practice stories: written by the projectleider, public once published."""
