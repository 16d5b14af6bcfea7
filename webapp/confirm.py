"""Asking before an action that cannot simply be taken back (withdraw, close, cancel, undo). The form comes back
once more from a page that says what will happen: it works without script, by keyboard and with a screen reader,
and the second sending carries `confirmed=yes`."""

from flask import render_template, request


def unconfirmed(question: str, yes: str, back: str):
    """The confirmation page for this POST, or None once the person has confirmed it."""
    if request.form.get("confirmed") == "yes":
        return None
    fields = [(name, value) for name, value in request.form.items(multi=True)
              if name not in ("csrf_token", "confirmed")]
    return render_template("confirm.html", question=question, yes=yes, back=back, fields=fields,
                           action=request.full_path.rstrip("?"))
