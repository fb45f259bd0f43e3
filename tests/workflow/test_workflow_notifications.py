"""Emails on submit, reject and approve, sent through Plone's MailHost.

A mail problem must never cost the transition: it is logged, the item moves on.
"""

from conftest import api_url
from conftest import email_of
from conftest import make_plan
from conftest import session
from conftest import state_of
from conftest import swap_mailhost
from conftest import sync
from conftest import transition_as
from email import message_from_bytes
from email import message_from_string
from email.header import decode_header
from email.header import make_header
from plone import api
from plone.app.testing.utils import MockMailHost
from plone.registry.interfaces import IRegistry
from Products.MailHost.MailHost import _mungeHeaders
from Products.MailHost.MailHost import MailHost
from zope.component import getUtility

import pytest
import socket
import transaction


class RecordingMailHost(MockMailHost):
    """plone.app.testing's MockMailHost, with messages that outlive a transaction.

    Mails go out after the commit, when a change to the persistent list of
    MockMailHost would be lost; a plain list shared by every copy of this object
    shows the test thread what the server's thread sent.
    """

    sent: list = []

    def reset(self):
        del type(self).sent[:]

    @property
    def messages(self):
        return type(self).sent

    def send(self, messageText, mto=None, mfrom=None, subject=None, **kwargs):
        text, _mto, _mfrom = _mungeHeaders(
            messageText,
            mto,
            mfrom,
            subject,
            charset=kwargs.get("charset"),
            msg_type=kwargs.get("msg_type"),
        )
        self.sent.append(text)


def installed(site, mailhost):
    """Swap ``mailhost`` in, with a sender address; put everything back after."""
    records = ("plone.email_from_address", "plone.email_from_name")
    registry = getUtility(IRegistry)
    before = [registry[name] for name in records]
    api.portal.set_registry_record(records[0], "noreply@example.org")
    api.portal.set_registry_record(records[1], "Cổng thông tin")
    original = swap_mailhost(site, mailhost)
    transaction.commit()
    yield mailhost
    transaction.abort()
    swap_mailhost(site, original)
    for name, value in zip(records, before, strict=True):
        registry[name] = value
    transaction.commit()


@pytest.fixture
def mailhost(site):
    """The recording MailHost."""
    recorder = RecordingMailHost("MailHost")
    yield from installed(site, recorder)
    recorder.reset()


def parsed(messages):
    """The messages as (recipients, subject, body) tuples."""
    result = []
    for raw in messages:
        message = (
            message_from_bytes(raw)
            if isinstance(raw, bytes)
            else message_from_string(raw)
        )
        subject = str(make_header(decode_header(message["Subject"])))
        body = message.get_payload(decode=True).decode(
            message.get_content_charset() or "utf-8"
        )
        result.append((message["To"], subject, body))
    return sorted(result)


class TestNotifications:
    def test_submit_mails_the_department_approvers(self, site, mailhost):
        plan = make_plan(title="Kế hoạch số 1")
        transaction.commit()

        response = session("editor-a").post(api_url(plan, "/@workflow/submit"))

        assert response.status_code == 200, response.text
        mails = parsed(mailhost.messages)
        # Department A's approvers (approver-a and the one-person office both-a),
        # not department B's, not the publishers.
        assert [to for to, _, _ in mails] == [
            email_of("approver-a"),
            email_of("both-a"),
        ]
        for _to, subject, body in mails:
            assert subject == "Waiting for your approval: Kế hoạch số 1"
            assert "Editor A" in body  # the actor's full name
            assert plan.absolute_url() in body

    def test_reject_mails_the_submitter_with_the_comment(self, site, mailhost):
        plan = make_plan(state="pending", title="Kế hoạch số 2")
        transaction.commit()
        mailhost.reset()

        response = session("approver-a").post(
            api_url(plan, "/@workflow/reject"),
            json={"comment": "Thiếu phần kinh phí."},
        )

        assert response.status_code == 200, response.text
        ((to, subject, body),) = parsed(mailhost.messages)
        assert to == email_of("editor-a")
        assert subject == "Sent back: Kế hoạch số 2"
        assert "Comment: Thiếu phần kinh phí." in body
        assert "Approver A" in body

    def test_approve_mails_the_publishers(self, site, mailhost):
        plan = make_plan(state="pending", title="Kế hoạch số 3")
        transaction.commit()
        mailhost.reset()

        response = session("approver-a").post(api_url(plan, "/@workflow/approve"))

        assert response.status_code == 200, response.text
        ((to, subject, body),) = parsed(mailhost.messages)
        assert to == email_of("publisher")
        assert subject == "Approved, ready to publish: Kế hoạch số 3"
        assert plan.absolute_url() in body

    def test_mail_waits_for_the_commit(self, site, mailhost):
        """Queued: nothing is sent for a transition that is rolled back."""
        plan = make_plan(title="Kế hoạch số 5")
        transaction.commit()
        mailhost.reset()

        transition_as("editor-a", plan, "submit")
        assert mailhost.messages == []
        transaction.abort()
        assert mailhost.messages == []

        transition_as("editor-a", plan, "submit")
        transaction.commit()
        assert len(mailhost.messages) == 2

    def test_other_transitions_send_nothing(self, site, mailhost):
        plan = make_plan(state="approved", title="Kế hoạch số 4")
        transaction.commit()
        mailhost.reset()

        response = session("publisher").post(api_url(plan, "/@workflow/publish"))

        assert response.status_code == 200, response.text
        assert mailhost.messages == []


class BrokenMailHost(MailHost):
    """A MailHost whose every send fails."""

    def send(self, *args, **kwargs):
        raise RuntimeError("SMTP server on fire")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def broken_mailhost(site):
    yield from installed(site, BrokenMailHost("MailHost"))


@pytest.fixture
def unreachable_mailhost(site):
    """A real MailHost pointing at an SMTP port where nobody listens."""
    mailhost = MailHost("MailHost", smtp_host="127.0.0.1", smtp_port=closed_port())
    yield from installed(site, mailhost)


class TestMailFailureKeepsTheTransition:
    @pytest.mark.parametrize(
        "mail_fixture", ["broken_mailhost", "unreachable_mailhost"]
    )
    def test_approve_survives(self, site, request, mail_fixture):
        request.getfixturevalue(mail_fixture)
        plan = make_plan(state="pending", title="Kế hoạch thư lỗi")
        transaction.commit()

        response = session("approver-a").post(api_url(plan, "/@workflow/approve"))

        assert response.status_code == 200, response.text
        sync(site)
        assert state_of(plan) == "approved"
        assert plan.number is not None

    @pytest.mark.parametrize(
        "mail_fixture", ["broken_mailhost", "unreachable_mailhost"]
    )
    def test_submit_and_reject_survive(self, site, request, mail_fixture):
        request.getfixturevalue(mail_fixture)
        plan = make_plan(title="Kế hoạch thư lỗi")
        transaction.commit()

        submitted = session("editor-a").post(api_url(plan, "/@workflow/submit"))
        rejected = session("approver-a").post(
            api_url(plan, "/@workflow/reject"), json={"comment": "Sửa lại."}
        )

        assert submitted.status_code == 200, submitted.text
        assert rejected.status_code == 200, rejected.text
        sync(site)
        assert state_of(plan) == "draft"
        actions = [e["action"] for e in plan.workflow_history["thdtre_workflow"]]
        assert actions == [None, "submit", "reject"]
