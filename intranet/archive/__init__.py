"""The archive of applications that are over: decided (toegelaten, afgewezen) or withdrawn."""
