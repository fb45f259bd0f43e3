"""The counters stay pure Python: no ZODB, Zope or Plone, and psycopg2 on demand."""

import json
import subprocess
import sys


FORBIDDEN = ("ZODB", "Zope2", "Products", "plone", "persistent", "transaction", "OFS")

SCRIPT = """
import json, sys, tempfile, os
from collective.thdtre.counters import SQLiteStore, get_store, is_bot
store = SQLiteStore(os.path.join(tempfile.mkdtemp(), "c.sqlite"))
store.record_view(key="a", visitor="v")
store.record_visit(visitor="v")
store.visit_stats()
is_bot("curl/8")
print(json.dumps(sorted(sys.modules)))
"""


def test_counting_in_sqlite_loads_no_zodb_plone_nor_psycopg2():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = json.loads(result.stdout)
    roots = {name.split(".")[0] for name in loaded}
    assert not roots & {*FORBIDDEN, "psycopg2"}
    assert not [name for name in loaded if name.startswith("zope.component")]
