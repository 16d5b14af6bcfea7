"""One error type for what the domain refuses: a code, its parameters, and the text from its area's table.

Each area declares its refusals once, as a subclass with a `messages` table of English texts (msgids marked
with `services.i18n.N_`). The web app shows `error_text(error)` in the reader's language, and the API answers
with the code and that text; nothing else words a refusal.
"""


class DomainError(Exception):
    #: code -> English text with %(name)s placeholders for the params
    messages: dict[str, str] = {}

    def __init__(self, code: str, **params):
        if code not in self.messages:
            raise KeyError(f"{type(self).__name__} has no message for {code!r}")
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        """The English text (the msgid) of this refusal."""
        return self.messages[self.code]
