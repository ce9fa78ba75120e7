"""Calendar weeks as the journal counts them: Monday to Sunday, in the person's own days."""

from datetime import date, timedelta

WEEK = timedelta(days=7)


def week_start(day: date) -> date:
    """The Monday of the week that holds this day."""
    return day - timedelta(days=day.weekday())


def last_day_of_week(start: date) -> date:
    """The Sunday that ends the week starting on this Monday."""
    return start + timedelta(days=6)
