"""An aiosmtpd Maildir sink that requires SMTP authentication, for the email tests.

Debian's `python3 -m aiosmtpd` has no option for an authenticator, so the tests start this instead:

    GOVERNANCE_SMTP_PASSWORD=... /usr/bin/python3 authenticating_smtp.py --port PORT --maildir DIR --user USER
        (--starttls CERT KEY | --implicit-tls CERT KEY)

It listens on 127.0.0.1 only. With --starttls the server requires STARTTLS before AUTH and mail (port
587 style); with --implicit-tls the connection is TLS from the first byte (port 465, SslOnConnect), so
AUTH is offered at once. Exactly one user/password is accepted (the password comes from the
environment, not the command line); mail before a successful AUTH is refused with 530. Each stored
message gets an X-Authenticated-As header naming the login it was sent under. It runs until killed.
"""
import argparse
import os
import signal
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"


class AuthenticatedMailbox(Mailbox):
    def prepare_message(self, session, envelope):
        message = super().prepare_message(session, envelope)
        message["X-Authenticated-As"] = str(session.auth_data)
        return message


def accept_only(user, password):
    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    return authenticator


def tls_context(certificate, key):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate, key)
    return context


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--user", required=True)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    mode.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
    arguments = parser.parse_args()
    password = os.environ.get("GOVERNANCE_SMTP_PASSWORD")
    if not password:
        sys.exit("GOVERNANCE_SMTP_PASSWORD is not set")

    handler = AuthenticatedMailbox(arguments.maildir)
    common = dict(
        hostname=HOST,
        port=arguments.port,
        authenticator=accept_only(arguments.user, password),
        auth_required=True,
    )
    if arguments.starttls:
        controller = Controller(
            handler,
            tls_context=tls_context(*arguments.starttls),
            require_starttls=True,
            auth_require_tls=True,
            **common,
        )
    else:
        # The whole connection is TLS already; aiosmtpd only knows STARTTLS as "TLS", so AUTH is
        # allowed without it here.
        controller = Controller(
            handler,
            ssl_context=tls_context(*arguments.implicit_tls),
            auth_require_tls=False,
            **common,
        )

    # Blocked before the server thread starts, so that only sigwait below receives them.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller.start()
    print(f"listening on {HOST}:{arguments.port}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
