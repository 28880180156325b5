"""An aiosmtpd Maildir sink that refuses some recipients, as a real server refuses an unknown mailbox.

Used by the email fault tests:
    PYTHONPATH=<this folder> python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c rejecting_mailbox.RejectingMailbox DIR
Every recipient whose local part starts with "rejected" gets a permanent 550 at RCPT TO.
"""
from aiosmtpd.handlers import Mailbox


class RejectingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("rejected"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown in local recipient table" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"
