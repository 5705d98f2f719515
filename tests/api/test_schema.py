"""The API against its own OpenAPI schema: the schema validates, and schemathesis calls every
operation with generated parameters (valid and invalid): no 500, every response conforms to
what the schema says of it (status, content type, body)."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db


def _no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), f"duplicate keys {keys}"  # Swagger UI refuses them
    return dict(pairs)


def test_the_schema_is_valid_openapi_3(client):
    text = client.get("/api/v1/openapi.json").content.decode()
    schema = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    validate(schema)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {"/api/v1/items", "/api/v1/reports/{agency}/{year}", "/api/v1/agencies"} <= paths


def test_the_interactive_docs_load_from_our_own_static_files(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


@pytest.fixture
def api_schema(world):
    # The real WSGI handler closes "old" connections at each request's end, which would
    # close the test's transaction on PostgreSQL; Django's test client disconnects that
    # signal handler the same way around its requests.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


def test_every_operation_answers_as_its_schema_says(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            # a cursor is an opaque token this API handed out: any other string is refused
            # (400), though the schema cannot tell them apart
            if (case.query or {}).get("cursor") is not None:
                case.call_and_validate(excluded_checks=[positive_data_acceptance])
            else:
                case.call_and_validate()

        call()


@pytest.fixture
def tokens(world):
    from xxgk.api import services

    head = world.report.approved_by
    handler = world.report.events.first().actor
    make = services.create_token
    return {
        "items": make(world.site.bureau, user=world.site.editor, role="editor", name="e",
                      actor=head)[1],
        "applications": make(world.site.bureau, user=handler, role="handler", name="h",
                             actor=head)[1],
    }  # fmt: skip


def test_the_write_api_with_its_tokens_answers_as_its_schema_says(api_schema, tokens):
    """With a valid token of the right role: generated bodies either pass the services' rules
    or are refused with a documented 4xx (the rules are not all in the schema); never a 500."""
    operations = [
        result.ok()
        for result in api_schema.get_all_operations()
        if result.ok().path.startswith("/api/v1/agency/")
    ]
    assert len(operations) >= 9
    for operation in operations:
        key = tokens["applications" if "/applications" in operation.path else "items"]

        _run_with_token(operation, key)


def _run_with_token(operation, key: str) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def call(case):
        case.call_and_validate(
            headers={"Authorization": f"Bearer {key}"}, excluded_checks=[positive_data_acceptance]
        )

    call()
