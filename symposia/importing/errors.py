"""Why a file cannot be imported: a message code and its parameters.

The code and parameters render through :mod:`symposia.importing.messages`,
so the message appears in the reader's language even when it is shown later
than it was raised (an import record opened by another registrar).
"""


class ReadError(Exception):
    """The file cannot be read at all."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self):
        from .messages import render

        return render(self.code, self.params)
