"""Charts for improvement plans and comparisons; matplotlib's object API only, never pyplot."""
