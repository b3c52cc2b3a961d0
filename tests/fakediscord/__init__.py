"""The test side of the stand-in for Discord (the `standin` package): pytest fixtures (fixtures.py),
`start_bot` on the suite's engine (bots.py) and a tiny demo bot for the harness's own tests (demo_bot.py).
See README.md in this folder."""
