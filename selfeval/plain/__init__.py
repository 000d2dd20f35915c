"""The accessible linear mode (`selfeval --plain`): the evaluation as plain lines in and out."""
