"""The admins' web dashboard: aiohttp.web on the bot's event loop, Discord OAuth2 login, server-rendered pages.

`app.Dashboard` serves it; `cogs.dashboard` starts it when DASHBOARD_PORT is set and gives it a `Backend`
(backend.py): what the web needs of the running bot (its servers, channels, roles, the database and the
reminder service). Pages change things only through the same services the slash commands use.
"""
