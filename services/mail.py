"""E-mail, only when SMTP is configured: ABLEMATCH_SMTP_HOST (and optionally _PORT, _USER, _PASSWORD, _FROM,
_STARTTLS=1). Without it, nothing is sent and in-app notifications are the only channel."""

import os
import smtplib
from email.message import EmailMessage


class Mailer:
    def __init__(self, host: str, port: int = 25, user: str | None = None, password: str | None = None,
                 sender: str = "ablematch@localhost", starttls: bool = False):
        self.host, self.port, self.user, self.password = host, port, user, password
        self.sender, self.starttls = sender, starttls

    def send(self, to: list[str], subject: str, body: str) -> int:
        if not to:
            return 0
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password or "")
            for address in to:
                message = EmailMessage()
                message["From"], message["To"], message["Subject"] = self.sender, address, subject
                message.set_content(body)
                smtp.send_message(message)
        return len(to)


def mailer_from_env(env=os.environ) -> Mailer | None:
    host = env.get("ABLEMATCH_SMTP_HOST")
    if not host:
        return None
    return Mailer(host, int(env.get("ABLEMATCH_SMTP_PORT", "25")), env.get("ABLEMATCH_SMTP_USER"),
                  env.get("ABLEMATCH_SMTP_PASSWORD"), env.get("ABLEMATCH_SMTP_FROM", "ablematch@localhost"),
                  env.get("ABLEMATCH_SMTP_STARTTLS") == "1")
