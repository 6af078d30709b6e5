"""The calendar's domain: events, their dates and states, vocabularies, queries, reminders
and the digest, as plain values and rules that know nothing of databases or screens."""
