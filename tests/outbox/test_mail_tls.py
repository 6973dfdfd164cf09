"""``literacy.mail.deliver`` through STARTTLS and SMTP login, against a real aiosmtpd server on
loopback with a self-signed certificate made here (``cryptography``)."""
from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from literacy import mail


def _certificate(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mail.literasi.test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class Inbox:
    def __init__(self):
        self.messages, self.logins, self.tls = [], [], []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        self.tls.append(session.ssl is not None)
        return "250 OK"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def tls_server(tmp_path):
    cert_path, key_path = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    inbox = Inbox()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == \
            (b"literasi", b"sandi-smtp-rahasia")
        inbox.logins.append((mechanism, auth_data.login.decode(), ok))
        return AuthResult(success=ok, handled=False)

    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), tls_context=context,
                            require_starttls=True, authenticator=authenticator, auth_require_tls=True,
                            auth_exclude_mechanism=["LOGIN"])
    controller.start()
    yield controller, inbox, cert_path
    controller.stop()


def _settings(controller, cert_path, **more):
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": controller.port, "MAIL_STARTTLS": True,
            "MAIL_CA_FILE": str(cert_path), **more}


def test_mail_goes_through_starttls_and_login(app_factory, tls_server):
    controller, inbox, cert_path = tls_server
    app = app_factory(**_settings(controller, cert_path, MAIL_USERNAME="literasi",
                                  MAIL_PASSWORD="sandi-smtp-rahasia"))
    with app.app_context():
        assert mail.deliver("guru@sekolah.id", "Uji", "Halo lewat TLS.") is None
    assert [e.rcpt_tos for e in inbox.messages] == [["guru@sekolah.id"]]
    assert inbox.tls == [True]
    assert inbox.logins == [("PLAIN", "literasi", True)]
    assert b"Halo lewat TLS." in inbox.messages[0].content


def test_a_wrong_smtp_password_is_reported_not_raised(app_factory, tls_server):
    controller, inbox, cert_path = tls_server
    app = app_factory(**_settings(controller, cert_path, MAIL_USERNAME="literasi", MAIL_PASSWORD="salah"))
    with app.app_context():
        problem = mail.deliver("guru@sekolah.id", "Uji", "Halo.")
    assert problem.startswith("SMTPAuthenticationError: (535")
    assert inbox.messages == [] and [ok for *_, ok in inbox.logins] == [False]


def test_without_starttls_a_server_that_requires_it_refuses(app_factory, tls_server):
    controller, inbox, cert_path = tls_server
    app = app_factory(**_settings(controller, cert_path, MAIL_STARTTLS=False))
    with app.app_context():
        problem = mail.deliver("guru@sekolah.id", "Uji", "Halo.")
    assert problem.startswith("SMTP") and "530" in problem
    assert inbox.messages == []


def test_a_certificate_nobody_vouches_for_is_refused(app_factory, tls_server):
    controller, inbox, _cert_path = tls_server
    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_STARTTLS=True,
                      MAIL_USERNAME="literasi", MAIL_PASSWORD="sandi-smtp-rahasia")
    with app.app_context():
        problem = mail.deliver("guru@sekolah.id", "Uji", "Halo.")
    assert problem.startswith("SSLCertVerificationError")
    assert inbox.messages == [] and inbox.logins == []  # the password never left
