"""The page everything is printed on: A4 inside Word's default margins.

One rule for charts and documents alike. A chart drawn at the whole A4 sheet is scaled down
when placed in a Word document with its default margins (2.54 cm, one inch, each side) or
printed by a printer that cannot print to the edge, and its 8 pt text prints at 6.7-7.6 pt.
Drawn at the printable area instead, it prints at 100%. Plain numbers, no imports: the
report writers read them without loading the charting library.
"""

from __future__ import annotations

__all__ = ["A4", "LANDSCAPE", "MARGIN", "PORTRAIT", "TEXT_WIDTH"]

A4 = (8.27, 11.69)
"""Inches: the ISO A4 sheet, portrait."""
MARGIN = 1.0
"""Inches each side: Word's default margin (2.54 cm), as wide as most printers need too."""
PORTRAIT = (round(A4[0] - 2 * MARGIN, 2), round(A4[1] - 2 * MARGIN, 2))
LANDSCAPE = (PORTRAIT[1], PORTRAIT[0])
"""Inches: A4's printable area inside those margins, either way round (6.27 by 9.69)."""
TEXT_WIDTH = PORTRAIT[0]
"""Inches: the width of the text of a portrait A4 page with Word's default margins; a chart
placed in a document is never wider, so it is never scaled down."""
