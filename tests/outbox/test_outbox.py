"""The outbox: queued once, delivered once, even with two senders at the same moment."""
from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select, update

from literacy.extensions import db
from literacy.outbox import services
from literacy.outbox.models import OutboxMessage
from literacy.utils import utcnow


def test_a_key_queues_a_message_once(db):
    assert services.queue("a@contoh.id", "Pengingat", "Besok", key="reminder:1:2") is True
    assert services.queue("a@contoh.id", "Pengingat", "Besok", key="reminder:1:2") is False
    assert services.queue("a@contoh.id", "Lain", "Isi") is True  # no key: no deduplication
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 2


def test_queueing_inside_a_write_transaction_rolls_back_with_it(db):
    from literacy.database import write_transaction

    services.queue("a@contoh.id", "S", "B", key="k")
    try:
        with write_transaction():
            assert services.queue("b@contoh.id", "S", "B", key="k") is False  # savepoint, not the whole block
            services.queue("c@contoh.id", "S", "B")
            raise RuntimeError("the caller fails")
    except RuntimeError:
        pass
    assert db.session.scalars(select(OutboxMessage.recipient)).all() == ["a@contoh.id"]


def test_delivery_sends_due_messages_with_attachments_and_clears_the_body(db, mailbox):
    ics = {"filename": "lokakarya.ics", "content_type": "text/calendar", "text": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"}
    services.queue("a@contoh.id", "Sekarang", "Isi pesan", attachments=[ics])
    services.queue("b@contoh.id", "Nanti", "Isi", send_after=utcnow() + timedelta(hours=1))
    assert services.deliver_due() == (1, 0)
    message = mailbox.last_to("a@contoh.id")
    assert message["Subject"] == "Sekarang" and "Isi pesan" in message.get_body(("plain",)).get_content()
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == "lokakarya.ics" and attachment.get_content_type() == "text/calendar"
    assert [m["To"] for m in mailbox.messages] == ["a@contoh.id"]  # the later one waits
    sent = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "a@contoh.id")).one()
    assert sent.sent_at is not None and sent.body == "" and sent.attachments is None
    assert services.deliver_due() == (0, 0)  # nothing twice


def test_a_failed_attempt_backs_off_and_gives_up_after_max_attempts(app, db):
    app.config["MAIL_PORT"] = 1  # nothing listens there
    services.queue("a@contoh.id", "S", "B")
    assert services.deliver_due() == (0, 1)
    row = db.session.scalars(select(OutboxMessage)).one()
    assert row.attempts == 1 and row.send_after > utcnow() + timedelta(seconds=50) and row.failed_at is None
    assert services.deliver_due() == (0, 0)  # not due yet
    for attempt in range(2, services.MAX_ATTEMPTS + 1):
        db.session.execute(update(OutboxMessage).values(send_after=utcnow()))
        db.session.commit()
        assert services.deliver_due() == (0, 1)
    db.session.refresh(row)
    assert row.attempts == services.MAX_ATTEMPTS and row.failed_at is not None


def test_a_claim_left_by_a_dead_sender_is_taken_again_after_the_timeout(db, mailbox):
    services.queue("a@contoh.id", "S", "B")
    db.session.execute(update(OutboxMessage).values(claimed_at=utcnow() - timedelta(minutes=1), claim="mati"))
    db.session.commit()
    assert services.deliver_due() == (0, 0)  # another sender may still be at it
    db.session.execute(update(OutboxMessage).values(claimed_at=utcnow() - services.CLAIM_TIMEOUT - timedelta(seconds=1)))
    db.session.commit()
    assert services.deliver_due() == (1, 0)


def test_two_senders_at_once_send_every_message_exactly_once(app, db, mailbox):
    for number in range(40):
        services.queue(f"siswa{number}@contoh.id", f"Pesan {number}", "Isi")
    db.session.remove()
    start = threading.Barrier(2)
    results = []

    def sender():
        with app.app_context():
            start.wait()
            total = 0
            while True:
                sent, failed = services.deliver_due(limit=5)
                total += sent
                if sent + failed == 0:
                    break
            results.append(total)
            db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    recipients = [m["To"] for m in mailbox.messages]
    assert sorted(recipients) == sorted(f"siswa{n}@contoh.id" for n in range(40))  # each once
    assert sum(results) == 40


def test_old_rows_are_purged_and_the_command_reports(app, db, runner, mailbox):
    services.queue("a@contoh.id", "S", "B")
    services.queue("b@contoh.id", "S", "B")
    db.session.remove()
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0 and result.output.startswith("sent 2, failed 0, waiting 0, purged 0")
    db.session.execute(update(OutboxMessage).where(OutboxMessage.recipient == "a@contoh.id")
                       .values(sent_at=utcnow() - services.KEEP_SENT - timedelta(days=1)))
    db.session.commit()
    assert services.purge_old() == 1
    assert db.session.scalars(select(OutboxMessage.recipient)).all() == ["b@contoh.id"]


def test_mail_queued_in_a_request_goes_out_after_the_response(client, mailbox, make_user):
    make_user("budi", email="budi@contoh.id")
    response = client.submit("/lupa-kata-sandi", {"login": "budi"})
    assert response.status_code == 303
    assert "Atur ulang kata sandi" in mailbox.last_to("budi@contoh.id")["Subject"]


def _route_that_queues(app, count):
    def view():
        for number in range(count):
            services.queue(f"siswa{number}@contoh.id", f"Pesan {number}", "Isi")
        return "ok"

    app.add_url_rule("/uji/antre", "uji_antre", view)


def test_after_a_response_only_that_requests_first_messages_go_out(app, client, db, mailbox):
    services.queue("lama@contoh.id", "Dari cron", "Isi")  # queued outside a request: left to cron
    db.session.remove()
    _route_that_queues(app, services.AFTER_RESPONSE + 5)
    assert client.get("/uji/antre").status_code == 200
    assert len(mailbox.messages) == services.AFTER_RESPONSE
    assert "lama@contoh.id" not in [m["To"] for m in mailbox.messages]
    db.session.commit()  # a fresh snapshot
    assert services.pending_count() == 6


def test_a_mail_server_that_is_down_costs_a_request_one_try(app, client, db):
    app.config["MAIL_PORT"] = 1  # nothing listens there
    _route_that_queues(app, 8)
    assert client.get("/uji/antre").status_code == 200
    db.session.commit()  # a fresh snapshot
    attempts = sorted(db.session.scalars(select(OutboxMessage.attempts)))
    assert attempts == [0] * 7 + [1]  # the rest was given back untried, for cron
    assert db.session.scalar(select(func.count()).where(OutboxMessage.claim.is_not(None))) == 0
