"""The pages every Chinese government website carries besides its content: 网站地图 (an HTML
map of the site), 联系我们 (who answers, per agency) and the switch between 标准版 and 长辈版
(larger type, high contrast; a cookie, so it works without JavaScript)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from xxgk.agencies.models import Agency
from xxgk.agencies.queries import agency_tree
from xxgk.siteinfo import MODE_COOKIE, MODES, site_info

from . import pagecache
from .views import portal_of

MODE_SECONDS = 365 * 24 * 3600


@pagecache.cached_page
def site_map(request: HttpRequest) -> HttpResponse:
    agencies = list(Agency.objects.select_related("parent"))
    portals = {a.pk: portal_of(a) for a in agencies}
    return render(
        request, "portal/site_map.html", {"tree": agency_tree(agencies), "portals": portals}
    )


@pagecache.cached_page
def contact(request: HttpRequest) -> HttpResponse:
    tree = agency_tree(list(Agency.objects.all()))
    return render(request, "portal/contact.html", {"tree": tree})


def reading_mode(request: HttpRequest, mode: str) -> HttpResponse:
    """Switch to `mode` and go back where the reader was (a same-site address only)."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    response = HttpResponseRedirect(target)
    if mode in MODES:
        response.set_cookie(
            MODE_COOKIE, mode, max_age=MODE_SECONDS, samesite="Lax", secure=request.is_secure()
        )
    return response


def error_report(request: HttpRequest) -> HttpResponse:
    """我为政府网站找错: on to the national platform with the site code and the page the reader
    was on; without a configured site code or platform, to 联系我们."""
    path = request.GET.get("url", "")
    if not url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}):
        path = "/"
    target = site_info().error_report(
        request.GET.get("site_code", "")[:20], request.build_absolute_uri(path)
    )
    return HttpResponseRedirect(target or reverse("portal:contact"))
