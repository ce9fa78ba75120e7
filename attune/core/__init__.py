"""Attune's Django-free core: parsing, scoring, analysis and coaching as plain functions."""
