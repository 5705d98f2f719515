"""The `/api/v1/` API object: OpenAPI 3 schema at /api/v1/openapi.json, interactive docs at
/api/v1/docs (Swagger UI from our own static files), errors as `{"detail": "…"}` in the
reader's language, and a per-client rate limit on the shared cache (`accounts.throttle`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.throttling import BaseThrottle

from xxgk.accounts.throttle import Limit, client_ip
from xxgk.errors import ActionRefused

from .read import router as read_router
from .write import router as write_router

API_LIMIT = Limit("api", 600, 60)  # requests per client per minute, every app server together


class SharedLimit(BaseThrottle):
    """The same fixed-window counter as the site's forms, keyed by the client's address as
    `client_ip` reads it (a proxy's X-Forwarded-For only from trusted proxies)."""

    def allow_request(self, request: HttpRequest) -> bool:
        return API_LIMIT.hit(client_ip(request)) <= API_LIMIT.limit

    def wait(self) -> float:
        return float(API_LIMIT.window)


class Utf8Renderer(JSONRenderer):
    """Chinese as UTF-8, not \\u escapes: readable in a terminal and a third smaller."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="xxgk 政府信息公开开放接口",
    version="1",
    description=(
        "机关、主动公开信息、已发布的年度报告及其统计数字。匿名只读，每个列表分页（cursor），"
        "支持 ETag 条件请求和跨域 GET。说明和示例见 docs/api.md。"
    ),
    urls_namespace="api",
    throttle=[SharedLimit()],
    renderer=Utf8Renderer(),
)
api.add_router("/", read_router)
api.add_router("/agency/", write_router)


def _detail(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


# pydantic's error types in the reader's language (its own messages are English)
PLAIN_ERRORS = {
    "missing": "必须填写",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文字",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为时间（ISO 8601）",
    "json_invalid": "不是有效的 JSON",
    "model_attributes_type": "应为对象",
    "dict_type": "应为对象",
    "list_type": "应为数组",
    "extra_forbidden": "不允许的字段",
}


def _plain_error(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind in PLAIN_ERRORS:
        return PLAIN_ERRORS[kind]
    if kind in ("greater_than_equal", "greater_than"):
        return f"不能小于 {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"不能大于 {ctx.get('le', ctx.get('lt'))}"
    if kind == "string_too_long":
        return f"过长（最多 {ctx.get('max_length')} 个字符）"
    if kind == "string_too_short":
        return (
            "不能为空"
            if ctx.get("min_length") == 1
            else f"过短（至少 {ctx.get('min_length')} 个字符）"
        )
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", ", ").replace("'", "")
        return f"应为以下之一：{expected.replace(', ', '、')}"
    return "格式不正确"


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    parts = []
    for error in exc.errors[:5]:
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "请求"
        parts.append(f"{where}：{_plain_error(error)}")
    return _detail(request, "参数错误：" + "；".join(parts), 422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 401:
        response = _detail(
            request, "缺少或无效的接口令牌（请求头 Authorization: Bearer xxgk_…）", 401
        )
        response["WWW-Authenticate"] = "Bearer"
        return response
    if exc.status_code == 429:
        response = _detail(request, "请求过于频繁，请一分钟后再试", 429)
        response["Retry-After"] = str(API_LIMIT.window)
        return response
    message = str(exc)
    if message.isascii():  # the framework's own English words: say it in the reader's language
        message = PLAIN.get(exc.status_code, "请求无法处理")
    return _detail(request, message, exc.status_code)


PLAIN = {
    400: "请求有误：请求内容应为 JSON（上传文件时为 multipart 表单）",
    403: "没有权限",
    404: "没有找到",
    405: "不支持这种请求方法",
}


@api.exception_handler(ActionRefused)
def refused(request: HttpRequest, exc: ActionRefused) -> HttpResponse:
    return _detail(request, str(exc), 400)  # a rule of the service (uploads' checks too)


@api.exception_handler(ModelValidationError)
def model_invalid(request: HttpRequest, exc: ModelValidationError) -> HttpResponse:
    return _detail(request, "；".join(exc.messages) or "数据不符合要求", 400)


@api.exception_handler(PermissionDenied)
def denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _detail(request, str(exc) or "没有权限", 403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _detail(request, "没有找到（或不属于本令牌的机关）", 404)
