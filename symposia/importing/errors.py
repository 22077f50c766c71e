"""Why a file, a cell or an import cannot go on: a message code and its
parameters.

The code and parameters render through :mod:`symposia.importing.messages`,
so the message appears in the reader's language even when it is shown later
than it was raised (an import record opened by another registrar).
"""


class Refusal(Exception):
    # (code, params) of sentences that explain the refusal further, shown after it.
    notes = ()

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self):
        from .messages import render

        return render(self.code, self.params)


class ReadError(Refusal):
    """The file cannot be read at all."""


class CellError(Refusal):
    """One cell's value cannot be stored."""


class ImportFailed(Refusal):
    """Nothing was written (a confirmation that cannot write, another import running)."""


def problem(row, column, code, params=None):
    """A problem as an import record keeps it: where (row, column; None for
    the whole file) and why (a message code and its parameters)."""
    return {"row": row, "column": column, "code": code, "params": params or {}}
