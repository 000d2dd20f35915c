"""Files as selfeval meets them: TOML read defensively, problems located, writes made atomic.

Nothing here knows what a framework or an evaluation is; the domain packages build on it.
"""
