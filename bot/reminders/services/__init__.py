"""The reminders' services: members' and servers' reminders and the weekly summary, against the store."""
