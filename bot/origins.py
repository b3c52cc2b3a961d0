"""Where an admin's change was made, as the audit log records it: a slash command or the web dashboard."""

DISCORD, WEB = "discord", "web"
