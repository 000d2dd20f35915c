"""Many settings side by side: reading thousands of files fast into comparable records.

`collect` reads evaluations and inspection-grade files into `records.Collection`; `bulk`,
`cache` and `parallel` only make that fast; `inspections` is the format of imported grades and
`inspections_xlsx` the importer of the published spreadsheet. Nothing here draws or writes
reports: `selfeval.charts` and `selfeval.report.result` do.
"""

MIN_GROUP = 5
"""The smallest number of settings whose share is given as a percentage; fewer get counts
("100%" of two settings says more than the data can). `compare --min-group` changes it."""
