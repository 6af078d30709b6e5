"""Calendars in other programs' formats: iCalendar (RFC 5545) out and in, CSV in."""
