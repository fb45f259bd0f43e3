"""Emails about transitions, through Plone's MailHost.

Mail is queued until the transaction commits; a failure to send is logged and
never undoes the transition.
"""

from collective.thdtre import _
from collective.thdtre.content.utils import department_of
from collective.thdtre.departments import approvers_group
from collective.thdtre.departments import PUBLISHERS_GROUP
from collective.thdtre.workflow.guards import last_actor
from plone import api
from zope.i18n import translate

import logging
import transaction


logger = logging.getLogger(__name__)


def _emails_of_group(group_id):
    if api.group.get(groupname=group_id) is None:
        return []
    users = api.user.get_users(groupname=group_id)
    return sorted({u.getProperty("email") for u in users if u.getProperty("email")})


def _email_of(user_id):
    user = api.user.get(userid=user_id) if user_id else None
    email = user.getProperty("email") if user is not None else None
    return [email] if email else []


def _send(recipients, subject, body):
    if not recipients:
        return
    language = api.portal.get_default_language()
    subject = translate(subject, target_language=language)
    body = translate(body, target_language=language)
    # Not MailHost's own queue (immediate=False): it connects to the SMTP server
    # while the transaction commits, so a server that is down undid the transition.
    transaction.get().addAfterCommitHook(
        _deliver, args=(tuple(recipients), subject, body)
    )


def _deliver(committed, recipients, subject, body):
    """After the commit: send, and log (never raise) what could not be sent."""
    if not committed:
        return
    for recipient in recipients:
        try:
            api.portal.send_email(
                recipient=recipient, subject=subject, body=body, immediate=True
            )
        except ValueError as error:  # no MailHost or sender address configured
            logger.warning("Not sent to %s: %s", recipient, error)
            return
        except Exception:  # a mail problem must never undo the transition
            logger.exception("Could not send %r to %s", subject, recipient)


def transition_done(obj, transition, event):
    actor = api.user.get_current()
    mapping = {
        "title": obj.Title(),
        "url": obj.absolute_url(),
        "actor": actor.getProperty("fullname") or actor.getId(),
        "comment": (event.kwargs or {}).get("comment", "") or "",
    }
    if transition == "submit":
        department = department_of(obj)
        recipients = _emails_of_group(approvers_group(department)) if department else []
        _send(
            recipients,
            _("Waiting for your approval: ${title}", mapping=mapping),
            _(
                '${actor} submitted "${title}" for approval.\n\n${url}',
                mapping=mapping,
            ),
        )
    elif transition == "reject":
        _send(
            _email_of(last_actor(obj, "submit")),
            _("Sent back: ${title}", mapping=mapping),
            _(
                '${actor} sent "${title}" back to you.\n\n'
                "Comment: ${comment}\n\n${url}",
                mapping=mapping,
            ),
        )
    elif transition == "approve":
        _send(
            _emails_of_group(PUBLISHERS_GROUP),
            _("Approved, ready to publish: ${title}", mapping=mapping),
            _(
                '${actor} approved "${title}"; it can now be published.\n\n${url}',
                mapping=mapping,
            ),
        )
