"""metropoles: linked open data on the French métropoles, their pacts and cooperation contracts."""

__version__ = "1.0.0"
