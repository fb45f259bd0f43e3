"""Compare two site dumps (sitedump.py): which keys were added, removed or changed."""

import json
import sys


def diff(before: dict, after: dict) -> dict:
    """{"added": [...], "removed": [...], "changed": [...]} keys, sorted."""
    return {
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
        "changed": sorted(k for k in set(before) & set(after) if before[k] != after[k]),
    }


if __name__ == "__main__":
    a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
    for kind, keys in diff(a, b).items():
        for key in keys:
            print(
                kind,
                key,
                ""
                if kind != "changed"
                else f"\n   - {a[key][:300]}\n   + {b[key][:300]}",
            )
