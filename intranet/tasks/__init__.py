"""'Mijn taken': what waits for a person across their roles, soonest deadline first."""
