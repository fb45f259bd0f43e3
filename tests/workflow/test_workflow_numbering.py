"""Approval numbers a plan: the next integer of its department's yearly sequence."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from collective.thdtre.workflow.numbering import next_number
from conftest import DEPT_A
from conftest import DEPT_B
from conftest import make_plan
from conftest import state_of
from conftest import sync
from conftest import transition_as
from datetime import date
from plone import api
from Testing.makerequest import makerequest
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import threading
import transaction


def approve(plan):
    transition_as(
        "approver-a" if plan.department == DEPT_A else "approver-b", plan, "approve"
    )


def approved_plan(title, department=DEPT_A, **fields):
    plan = make_plan(department=department, state="pending", title=title, **fields)
    approve(plan)
    return plan


class TestApprovalNumbers:
    """Each test numbers plans of a year of its own: the sequences stay apart."""

    def test_approve_gives_number_symbol_and_date(self, iworld):
        # E.g. imported, or its editor emptied the symbol its draft was given.
        plan = make_plan(state="pending", title="Kế hoạch 2011", year=2011, symbol=None)
        assert (plan.number, plan.symbol, plan.issue_date) == (None, None, None)

        approve(plan)

        assert state_of(plan) == "approved"
        assert plan.number == 1
        assert plan.symbol == "KH-STP"
        assert plan.issue_date == date.today()
        assert plan.year == 2011
        assert plan.document_number == "1/KH-STP"
        # The catalog knows the number, so listings and the next number see it.
        (brain,) = api.content.find(UID=plan.UID(), unrestricted=True)
        assert brain.document_number == "1/KH-STP"

    def test_next_approval_takes_the_next_integer(self, iworld):
        numbers = [approved_plan(f"Kế hoạch {i}", year=2012).number for i in range(3)]
        assert numbers == [1, 2, 3]

    def test_year_defaults_to_the_issue_date(self, iworld):
        plan = approved_plan("Kế hoạch không năm")
        assert plan.year == date.today().year
        assert plan.number == 1

    def test_plan_with_a_number_keeps_it(self, iworld):
        plan = approved_plan(
            "Kế hoạch 26",
            year=2013,
            number=26,
            symbol="KH-UBND",
            issue_date=date(2013, 4, 11),
        )
        assert (plan.number, plan.symbol, plan.issue_date) == (
            26,
            "KH-UBND",
            date(2013, 4, 11),
        )

    def test_given_symbol_and_date_are_kept(self, iworld):
        plan = approved_plan(
            "Kế hoạch có ký hiệu",
            year=2014,
            symbol="KH-SoTP",
            issue_date=date(2014, 5, 2),
        )
        assert plan.number == 1
        assert plan.symbol == "KH-SoTP"
        assert plan.issue_date == date(2014, 5, 2)

    def test_sequences_are_per_department_and_year(self, iworld):
        a1 = approved_plan("A 2015 một", year=2015)
        b1 = approved_plan("B 2015 một", department=DEPT_B, year=2015)
        a2 = approved_plan("A 2015 hai", year=2015)
        a2016 = approved_plan("A 2016 một", year=2016)
        b2 = approved_plan("B 2015 hai", department=DEPT_B, year=2015)

        assert (a1.number, a2.number, a2016.number) == (1, 2, 1)
        assert (b1.number, b2.number) == (1, 2)
        assert b1.document_number == "1/KH-KHCN"
        keys = [(p.department, p.year, p.number) for p in (a1, a2, a2016, b1, b2)]
        assert len(set(keys)) == len(keys)

    def test_a_number_already_issued_is_not_given_again(self, iworld):
        """An issued plan holding number 1 of the year pushes the sequence on;
        a draft holding a number does not (issue 14): it is not issued."""
        make_plan(title="Kế hoạch nháp", year=2017, number=7, symbol="KH-STP")
        approved_plan("Kế hoạch nhập", year=2017, number=1, symbol="KH-STP")
        plan = approved_plan("Kế hoạch mới", year=2017)
        assert plan.number == 2

    def test_numbers_are_never_reused(self, iworld):
        first = approved_plan("Thứ nhất", year=2018)
        second = approved_plan("Thứ hai", year=2018)
        assert (first.number, second.number) == (1, 2)

        # Published, retracted, reopened and approved again: it keeps its number.
        transition_as("publisher", second, "publish")
        transition_as("publisher", second, "retract")
        transition_as("approver-a", second, "reopen")
        assert second.number == 2
        transition_as("editor-a", second, "submit")
        approve(second)
        assert second.number == 2

        # Its number withdrawn and the plan deleted: 2 is still not given again.
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(obj=second, check_linkintegrity=False)
        third = approved_plan("Thứ ba", year=2018)
        assert third.number == 3

        # A reopened plan whose number was cleared gets a fresh one, not its old 1.
        transition_as("approver-a", first, "reopen")
        with api.env.adopt_user(username="editor-a"):
            first.number = None
            first.reindexObject()
        transition_as("editor-a", first, "submit")
        approve(first)
        assert first.number == 4


def _in_own_transaction(db, path, work, both_done, turn, outcome):
    """Run ``work(site)`` as approver-a in a connection and transaction of one's
    own, as a request would; wait for the other thread before committing, and
    retry on ConflictError like Zope's publisher does."""
    connection = db.open()
    try:
        app = makerequest(connection.root()["Application"])
        setRequest(app.REQUEST)
        attempts = 0
        while True:
            attempts += 1
            transaction.begin()
            portal = app.unrestrictedTraverse(path)
            setSite(portal)
            user = portal.acl_users.getUserById("approver-a")
            newSecurityManager(None, user.__of__(portal.acl_users))
            number = work(portal)
            outcome.setdefault("first_number", number)
            if attempts == 1:
                both_done.wait(timeout=30)
                turn.wait(timeout=30)
            try:
                transaction.commit()
            except ConflictError:
                transaction.abort()
                outcome["conflicts"] = outcome.get("conflicts", 0) + 1
                if attempts >= 3:
                    raise
                continue
            outcome["number"] = number
            return
    except BaseException as error:  # reported to the test thread
        outcome["error"] = error
        transaction.abort()
    finally:
        noSecurityManager()
        setSite(None)
        setRequest(None)
        connection.close()


def race(portal, work_one, work_two):
    """Both threads do their work; one commits, then the other: their outcomes."""
    db = portal._p_jar.db()
    both_done = threading.Barrier(2)
    first_turn, second_turn = threading.Event(), threading.Event()
    first_turn.set()
    outcomes = {"one": {}, "two": {}}
    path = portal.getPhysicalPath()
    one = threading.Thread(
        target=_in_own_transaction,
        args=(db, path, work_one, both_done, first_turn, outcomes["one"]),
    )
    two = threading.Thread(
        target=_in_own_transaction,
        args=(db, path, work_two, both_done, second_turn, outcomes["two"]),
    )
    one.start()
    two.start()
    one.join(timeout=60)
    second_turn.set()
    two.join(timeout=60)
    for outcome in outcomes.values():
        assert "error" not in outcome, outcome["error"]
    return outcomes["one"], outcomes["two"]


def approving(plan_path):
    def work(portal):
        plan = portal.unrestrictedTraverse(plan_path)
        portal.portal_workflow.doActionFor(plan, "approve")
        return plan.number

    return work


def taking_a_number(portal):
    return next_number(department=DEPT_A, year=2030)


class TestConcurrentApprovals:
    def test_two_approvals_at_once_get_different_numbers(self, site):
        # The sequence exists already: the race is on its next value.
        approved_plan("Đã duyệt trước", year=2024)
        one = make_plan(state="pending", title="Đồng thời một", year=2024)
        two = make_plan(state="pending", title="Đồng thời hai", year=2024)
        transaction.commit()

        first, second = race(
            site,
            approving(one.getPhysicalPath()),
            approving(two.getPhysicalPath()),
        )

        # Both saw the same next number while neither had committed...
        assert first["first_number"] == second["first_number"] == 2
        # ...the second commit conflicted, and its retry took the next number.
        assert first.get("conflicts", 0) == 0
        assert second["conflicts"] == 1
        assert (first["number"], second["number"]) == (2, 3)
        sync(site)
        assert (one.number, two.number) == (2, 3)
        assert state_of(one) == state_of(two) == "approved"

    def test_the_sequence_itself_serialises_concurrent_numbers(self, site):
        """No catalog writes here: on a big site the text index merges concurrent
        changes (common words have tree postings), so the sequence alone must make
        the loser retry."""
        assert next_number(department=DEPT_A, year=2030) == 1
        transaction.commit()

        first, second = race(site, taking_a_number, taking_a_number)

        assert first["first_number"] == second["first_number"] == 2
        assert second["conflicts"] == 1
        assert (first["number"], second["number"]) == (2, 3)
