"""metropoles: linked open data on the French métropoles, their pacts and cooperation contracts."""

from importlib.metadata import version

__version__ = version("metropoles")  # from pyproject.toml, the one place it is written
