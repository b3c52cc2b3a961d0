"""The advice domain's services: asking, browsing and managing tips against the store (the rules are in bot.advice)."""
