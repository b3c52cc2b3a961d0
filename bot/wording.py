"""Sentences members see from more than one place (commands, buttons, reminder messages)."""

APOLOGY = "Sorry, something went wrong on our side. It has been logged; please try again in a moment."
DISCLAIMER = "Tips from runners and coaches, not medical advice."
