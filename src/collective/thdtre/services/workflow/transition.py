"""POST @workflow/<transition> on Plans, Activities, Slogans and Reports."""

from collective.thdtre import _
from collective.thdtre.services.json_only import JsonOnly
from collective.thdtre.workflow.guards import refusal
from plone.restapi.services.workflow.transition import (
    WorkflowTransition as BaseTransition,
)
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate


class WorkflowTransition(JsonOnly, BaseTransition):
    """Tell a user why a transition is refused: 403 when it is theirs to take but
    not allowed to them, 400 when the item is not in a state it leaves from."""

    def reply(self):
        if self.transition is not None:
            self.check(self.transition)
        return super().reply()

    def check(self, transition):
        allowed = {t["id"] for t in self.wftool.getTransitionsFor(self.context)}
        if transition in allowed:
            return
        workflow = self.wftool.getWorkflowsFor(self.context)[0]
        state = workflow._getWorkflowStateOf(self.context)
        if transition not in workflow.transitions or transition not in (
            state.transitions if state else ()
        ):
            raise BadRequest(
                translate(
                    _(
                        "'${transition}' is not possible in the state '${state}'.",
                        mapping={"transition": transition, "state": state.getId()},
                    ),
                    context=self.request,
                )
            )
        reason = refusal(self.context, transition) or _(
            "You are not allowed to ${transition} this item.",
            mapping={"transition": transition},
        )
        raise Forbidden(translate(reason, context=self.request))
