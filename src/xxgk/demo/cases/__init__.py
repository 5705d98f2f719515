"""Demo applications: a few hundred cases over the previous two full years and the current
year up to today, each built only through `xxgk.applications.services`, so that every case
has its events and every date follows the services' rules.

Determinism and idempotency: case number i draws everything from its own
`random.Random(f"{SEED}:{i}")`, and its tracking code from another generator seeded by i
alone, so the code is the case's natural key: a case whose code exists is skipped, and a
second run creates nothing. The one write outside the services is that code: `receive`
gives a random one, the demo replaces it right after by its stable one.

The mix: pinned open cases (one in each open state per department, relative to today), an
applicant who files thirteen requests in one month (per-item fees), three cases of every
decision ground, then a realistic draw of grounds. Histories are cut at today: a case whose
next step would fall after today stays in the state it has reached.

The package: `mix` (the seed, the shares and weights of the draws, the pinned states, the
cluster's requests, the tracking codes), `context` (today, the calendar, the agencies and
their staff), `story` (one case's history, step by step through the services), `load` (what
each case is, the plan, and loading the cases that are not there yet).
"""

from .context import Staff, make_context
from .load import load_cases
from .mix import APPLICANT_TYPES, CHANNELS, DEPARTMENTS, GROUND_WEIGHTS

__all__ = [
    "APPLICANT_TYPES",
    "CHANNELS",
    "DEPARTMENTS",
    "GROUND_WEIGHTS",
    "Staff",
    "load_cases",
    "make_context",
]
