"""History and revert, stale-save refusal, presence, preview links and corrections, with their views, feeds and URLs."""
