"""Day-before reminders: queued once per seat (with the .ics), sent once, even by two senders at once."""
from __future__ import annotations

import threading
from datetime import timedelta

from icalendar import Calendar
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.extensions import db
from literacy.outbox import services as outbox
from literacy.utils import utcnow
from literacy.workshops import notices, registrations, services
from literacy.workshops.timefmt import to_local


def _tomorrow_local(hours: int, zone: str):
    return to_local(utcnow() + timedelta(hours=hours), zone).replace(tzinfo=None, second=0, microsecond=0)


def test_two_senders_at_once_send_each_reminder_exactly_once(app, make_workshop, make_user, mailbox, runner):
    start = _tomorrow_local(20, "Asia/Jayapura")
    soon = make_workshop(capacity=3, province="papua", starts_at=start, ends_at=start + timedelta(hours=2),
                         title="Besok di Jayapura")
    later = make_workshop(title="Minggu depan")
    people = [make_user(f"p{n}", email=f"p{n}@contoh.id" if n != 2 else None) for n in range(5)]
    with app.app_context():
        for workshop_id in (soon, later):
            for user_id in people:
                registrations.register(db.session.get(User, user_id), services.get_workshop(workshop_id))
        db.session.remove()
    # p0, p1 and p2 have seats tomorrow, p3 and p4 wait: two reminders (p2 has no email).
    go = threading.Barrier(2)
    results = []

    def sender():
        with app.app_context():
            go.wait()
            queued = notices.queue_reminders(utcnow())
            results.append((queued, outbox.deliver_due()))
            db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(queued for queued, _ in results) == 2  # however the two senders interleaved
    assert sum(sent for _, (sent, failed) in results) == 2
    assert sorted(m["To"] for m in mailbox.messages) == ["p0@contoh.id", "p1@contoh.id"]
    message = mailbox.last_to("p0@contoh.id")
    assert message["Subject"] == "Pengingat: Besok di Jayapura"
    body = message.get_body(("plain",)).get_content()
    assert "WIT" in body and "https://literasi.test/lokakarya/" in body
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == "lokakarya.ics"
    event = Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert event.decoded("DTSTART").replace(tzinfo=None) == start
    assert str(event.decoded("DTSTART").tzinfo) == "Asia/Jayapura"

    again = runner.invoke(args=["workshops", "send-reminders"])
    assert again.exit_code == 0 and again.output.strip() == "queued 0, sent 0, failed 0"
    assert len(mailbox.messages) == 2


def test_the_command_queues_and_sends_in_one_go(app, make_workshop, make_user, mailbox, runner):
    start = _tomorrow_local(23, "Asia/Makassar")
    workshop_id = make_workshop(province="bali", starts_at=start, ends_at=start + timedelta(hours=3))
    user_id = make_user("ani", email="ani@contoh.id")
    with app.app_context():
        registration_id = registrations.register(db.session.get(User, user_id), services.get_workshop(workshop_id)).id
        db.session.remove()
    result = runner.invoke(args=["workshops", "send-reminders"])
    assert result.exit_code == 0 and result.output.strip() == "queued 1, sent 1, failed 0"
    assert [m["To"] for m in mailbox.messages] == ["ani@contoh.id"]
    with app.app_context():
        from literacy.outbox.models import OutboxMessage

        keys = db.session.scalars(select(OutboxMessage.key)).all()
        assert keys == [f"workshop-reminder:{workshop_id}:{registration_id}"]
