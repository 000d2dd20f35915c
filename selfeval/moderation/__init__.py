"""Self-evaluation as a team: colleagues' own views (contributions), side by side, moderated
into the setting's agreed evaluation."""
