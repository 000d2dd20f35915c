"""Scotland's schools as the Scottish Government lists them: SEED code, name, council, type.

`directory` reads the small table shipped with selfeval (derived from the published school
level summary statistics, Open Government Licence) and finds schools by a few letters of their
name; `refresh` makes that table again from the published spreadsheet. ELC settings are not in
it: they are registered with the Care Inspectorate and type their own details.
"""
