"""The fuzz suite counts its cases and prints the total at the end of the run.

Each fuzz test calls ``fuzz_cases.record(name, count, errors)``; the summary
lists every part and the total, the figure issue 14 asks for (at least 20,000
cases, 0 errors).
"""

import pytest


class FuzzCases:
    def __init__(self):
        self.parts = {}

    def record(self, name: str, count: int, errors: int = 0) -> None:
        seen, failed = self.parts.get(name, (0, 0))
        self.parts[name] = (seen + count, failed + errors)

    @property
    def total(self) -> int:
        return sum(count for count, _ in self.parts.values())

    @property
    def errors(self) -> int:
        return sum(errors for _, errors in self.parts.values())


_CASES = FuzzCases()


@pytest.fixture(scope="session")
def fuzz_cases() -> FuzzCases:
    return _CASES


def pytest_terminal_summary(terminalreporter):
    if not _CASES.parts:
        return
    terminalreporter.section("fuzz")
    for name, (count, errors) in sorted(_CASES.parts.items()):
        terminalreporter.write_line(f"{name}: {count} cases, {errors} errors")
    terminalreporter.write_line(
        f"fuzz total: {_CASES.total} cases, {_CASES.errors} errors"
    )
