"""The officer's inbox as an app (`selfeval inbox INBOX` in a terminal): the submissions in an
authority's inbox folder (`listing`), one opened read-only with its results and plan
(`submission`), and feedback written on it into the officer's own file (`forms`)."""
