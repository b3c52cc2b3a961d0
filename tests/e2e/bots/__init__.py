"""Bot variants the e2e tests start (`python -m tests.e2e.bots.<name>`): Stride plus a test extension."""
