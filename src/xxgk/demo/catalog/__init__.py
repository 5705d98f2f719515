"""The demo catalog: each demo agency's disclosure portal (板块 and 栏目), the 主题分类 tree,
and a few years of proactively disclosed items (2023 to today), every one of them created,
reviewed, published, revised, withdrawn or changed in validity only through
`xxgk.catalog.services`; plus the table 二 figures (`AnnualFigures`) of the past full years.

Determinism and idempotency. The whole plan (every item with its dates, text and later
fate) is computed from fixed seeds: each column draws its items month by month from its own
`random.Random(f"{SEED}:{agency}:{column}:{year}-{month}")`, and the plan is cut at today.
An item's natural key is (agency, title, 成文日期); the loader then *reconciles* the database
with the plan: a missing item is created, a draft whose submission date has come is
submitted, an item in review whose publication date has come is approved, a withdrawal,
revision or change of validity that is due and not yet done is done. A second run on the same
day therefore creates and changes nothing; a run on a later day adds what that day brings.

The volume (500–700 items per department, about 2,300 in all) is set by what the services
manage in the demo's time budget (`xxgk demo` under a minute on two cores): each item costs
three service calls (create, submit, approve: some 40 queries and the segmentation of its text
for search), about 14 ms on SQLite; `SCALE` multiplies the drawn columns' yearly rates.

The package: `topics` (the 主题分类 tree), `profiles` (the portals), `phrases` (the word lists),
`plan` (one planned item and the seed), `base`, `documents`, `notices`, `periodic` and
`writer` (the writer of the items' texts, by genre), `load` (reconciling the database with the
plan, and the table 二 figures).
"""

from .load import CatalogResult, load_catalog
from .profiles import STATUTORY_SECTION
from .topics import TOPICS

__all__ = ["STATUTORY_SECTION", "TOPICS", "CatalogResult", "load_catalog"]
