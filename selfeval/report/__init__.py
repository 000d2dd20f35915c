"""What selfeval writes for people and other tools: results, plans, comparison summaries.

`result` renders a scored evaluation as text or JSON, `markdown` holds the Markdown escaping
and the plan text, `plan` writes a plan with its chart, `summary` renders a comparison as CSV,
JSON and Markdown, and `comparison` writes a whole comparison folder.
"""
