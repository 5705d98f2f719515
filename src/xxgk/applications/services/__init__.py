"""Every state change of an application: one function each, which checks who may act and in
which state, locks the row, writes, records the event and recomputes the clock.

Views, forms, the admin, commands and the demo call these; nothing else saves a case.
Refusals raise `ActionRefused` with a message for the user (Chinese, with the article).

By stage: `intake` (receive, confirm receipt), `procedure` (correction, consultation, extension,
fees), `decisions` (the reply and its approval, art. 35, withdrawal), `delivery` (delivery,
archive); `deadline_index` keeps the stored due date (a sort index) fresh.
"""

from xxgk.errors import ActionRefused

from .common import recompute
from .deadline_index import follow_schedule_change, refresh_deadlines
from .decisions import (
    approve_decision,
    decide,
    needs_approval,
    request_reasons,
    return_decision,
    set_reasonable_period,
    withdraw,
)
from .delivery import archive, record_delivery, record_personal_data_view
from .intake import ApplicantInput, confirm_receipt, receive
from .procedure import (
    close_fee_unpaid,
    close_no_correction,
    end_consultation,
    extend,
    issue_fee_notice,
    nth_in_month,
    receive_correction,
    record_consultation_receipt,
    record_payment,
    request_correction,
    start_consultation,
)

__all__ = [
    "ActionRefused",
    "recompute",
    "follow_schedule_change",
    "refresh_deadlines",
    "ApplicantInput",
    "confirm_receipt",
    "receive",
    "close_fee_unpaid",
    "close_no_correction",
    "end_consultation",
    "extend",
    "issue_fee_notice",
    "nth_in_month",
    "receive_correction",
    "record_consultation_receipt",
    "record_payment",
    "request_correction",
    "start_consultation",
    "approve_decision",
    "decide",
    "needs_approval",
    "request_reasons",
    "return_decision",
    "set_reasonable_period",
    "withdraw",
    "archive",
    "record_delivery",
    "record_personal_data_view",
]
