from __future__ import annotations


class IngestError(Exception):
    """One input that could not be read: where it is and what is wrong, on one line."""

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
