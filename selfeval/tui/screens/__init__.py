"""Screens of the selfeval app."""
