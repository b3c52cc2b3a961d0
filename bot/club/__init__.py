"""Club life: challenges, group runs, the race calendar, the weekly digest and the feed.

Pure rules live in the modules here (no storage, no Discord); the use cases that touch storage are in
`bot.club.services`.
"""
