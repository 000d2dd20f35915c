"""The start-up layer: what the first screens and the comparisons need, as plain data.

Drawing the first screen, or comparing thousands of cached files, must not wait for the
framework's models (pydantic) to load and validate. So what those need is derived once from
the framework and kept, as JSON, beside its compiled copy (`selfeval.framework.catalog.
cached_derived`):

- `Digest` (`selfeval.digest.framework`): the framework as the start screen and the
  comparisons see it (titles, stages, their QIs, the scale);
- `Wording` (`selfeval.digest.wording`): the statements and QIs in the words one setting
  sees, which the statement screen draws from;
- `Glance` (`selfeval.digest.glance`): a first look at a saved evaluation, enough to draw the
  statement it stopped at.

Each is a frozen dataclass rebuilt only from values of its fields' types, never code; the
limits a glance checks are the models' own constants (`selfeval.framework.limits`,
`selfeval.evaluation.limits`).
"""
