"""Club use cases: validate a member's input, store it in one transaction, return what the reply needs."""
