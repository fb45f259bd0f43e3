"""`make bench-scale` keeps working: its builder makes a small national site
(one province) in the test layer, its timings run once and print every row
with a ratio, and the archive's filter counts are the catalog indexes' counts.
Timings are the bench's business, never asserted here."""

from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from types import SimpleNamespace

import re
import transaction


SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
RATIO = r"ratio \d+\.\d\dx"


def test_small_scale_bench_builds_times_and_counts_from_indexes(
    functional_portal, functional_app, monkeypatch
):
    monkeypatch.syspath_prepend(str(SCRIPTS))
    import bench_scale
    import scale_timing
    import scalesite

    assert bench_scale.parse_args(["--quick"]).quick
    repository = functional_portal.portal_repository
    versionable = repository.getVersionableContentTypes()
    with api.env.adopt_roles(["Manager"]):
        facts = scalesite.build(
            functional_portal,
            plans_total=40,
            news_total=10,
            implementing_total=5,
            provinces=1,
            log=lambda message: None,
        )
    transaction.commit()
    assert facts["implementing"] == 5
    # The build keeps no versions (a read bench) and puts the policy back.
    assert repository.getVersionableContentTypes() == versionable
    assert "Plan" in versionable
    plan = functional_portal.unrestrictedTraverse(facts["province_plan"])
    with api.env.adopt_roles(["Manager"]):
        assert not repository.getHistoryMetadata(plan)

    admin = functional_app.acl_users.getUserById(SITE_OWNER_NAME)
    args = SimpleNamespace(repeat=1, warmup=0, plans=40, news=10, provinces=1)
    report = scale_timing.run(
        functional_app, admin.__of__(functional_app.acl_users), facts, args
    )
    table = scale_timing.table(report)
    assert [row["key"] for row in report["rows"]] == list(scale_timing.GOALS)
    for row in report["rows"]:
        assert "error" not in row, row
        assert re.search(rf"^{re.escape(row['label'])} .*{RATIO}", table, re.M)
    assert report["memory"]["final_mb"] > 0

    # The filter's counts are what the year index holds for the visible plans.
    page = scale_timing.bench.render(
        functional_app, functional_portal["ke-hoach"], "@@thdtre-plans"
    )[1]
    catalog = functional_portal.portal_catalog
    options = re.findall(r'<option value="(\d{4})"[^>]*>\s*\d{4} \((\d+)\)', page)
    assert options, page[page.find("thdtre-year") :][:2000]
    for year, count in options:
        query = {"portal_type": "Plan", "review_state": "published", "year": int(year)}
        assert int(count) == len(catalog(**query)), year
    assert len(options) == len(scalesite.YEARS)
