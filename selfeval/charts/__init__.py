"""Charts for improvement plans and comparisons; matplotlib's object API only, never pyplot.

Every text on a chart (a setting's name, a framework's titles) is data, never markup: dollar
signs are not mathtext here, so "Costs $5 to $10" reads as typed instead of failing to parse.
"""

import matplotlib

matplotlib.rcParams["text.parse_math"] = False
