"""The running domain's services: each command's work against the store (the rules are in bot.running)."""
