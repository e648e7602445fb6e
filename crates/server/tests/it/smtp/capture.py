"""An aiosmtpd handler for the mail tests: saves each received message as JSON
(envelope, subject, decoded text and HTML parts, raw source) in a folder.

Run as: python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c capture.Capture FOLDER
with this file's folder on PYTHONPATH. `python3 capture.py FILE.eml` prints the
same JSON for a message file, read as a mail client would (no aiosmtpd needed).
"""

import email
import email.policy
import json
import os
import sys
import time


def summarize(raw):
    """Headers and the decoded text and HTML parts of an RFC 5322 message."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    return {
        "from": str(message["From"]),
        "to": str(message["To"]),
        "subject": str(message["Subject"]),
        "date": str(message["Date"]),
        "message_id": str(message["Message-ID"]),
        "text": text.get_content() if text else None,
        "html": html.get_content() if html else None,
        "defects": len(message.defects),
        "raw": raw.decode("utf-8", "replace"),
    }


class Capture:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        os.makedirs(folder, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("Capture takes one argument: the folder")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        record = summarize(envelope.original_content or envelope.content)
        record["mail_from"] = envelope.mail_from
        record["rcpt_tos"] = envelope.rcpt_tos
        self.count += 1
        # Names sort by arrival, across restarts of the server too.
        name = f"{time.time_ns()}-{os.getpid()}-{self.count:04}.json"
        partial = os.path.join(self.folder, "." + name)
        with open(partial, "w", encoding="utf-8") as out:
            json.dump(record, out)
        # Renamed into place so the test never reads half a file.
        os.rename(partial, os.path.join(self.folder, name))
        return "250 Message accepted for delivery"


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as source:
        json.dump(summarize(source.read()), sys.stdout)
