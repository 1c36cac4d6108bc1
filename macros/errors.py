"""The one error type the site raises for bad input: a PluginError, so that `mkdocs build` stops
with the message alone, which names the file, the record and what is wrong."""
from mkdocs.exceptions import PluginError


class DataError(PluginError):
    def __init__(self, file: str, where: str, problem: str):
        self.file, self.where, self.problem = file, where, problem
        super().__init__(f"{file}: {where}: {problem}")
