"""Widgets of the selfeval app."""
