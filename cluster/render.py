"""Fill a cluster template: every ``{{NAME}}`` is replaced by a given value.

Usage: python cluster/render.py TEMPLATE OUTPUT NAME=VALUE ...

A placeholder without a value is an error, so a rendered file never keeps one.
The tests import ``render`` to build their instances from the same templates.
"""

from pathlib import Path

import re
import sys


PLACEHOLDER = re.compile(r"\{\{([A-Z0-9_]+)\}\}")


def render(template: str, values: dict[str, str]) -> str:
    """The template with its placeholders filled; KeyError names a missing one."""
    missing = sorted(set(PLACEHOLDER.findall(template)) - set(values))
    if missing:
        raise KeyError(f"no value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    source, target, *pairs = argv
    values = dict(pair.split("=", 1) for pair in pairs)
    text = render(Path(source).read_text(encoding="utf-8"), values)
    Path(target).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
