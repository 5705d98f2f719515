"""Who runs the site, as a Chinese government website must say on every page
(国办发〔2017〕47号《政府网站发展指引》: 主办单位, 承办单位, 联系方式, 网站标识码, ICP备案编号,
公安机关备案号, "我为政府网站找错"), and the reader's display mode (标准版 / 长辈版).

The cluster's values come from settings (`XXGK_SITE_*`, see settings.py and docs/deploy.md);
an agency's portal may override the sponsor, operator and site code (`Agency.site_*`, in the
templates). No app imports here: every floor's templates use it through `context()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest

MODE_COOKIE = "xxgk_mode"
MODES = ("standard", "elder")


@dataclass(frozen=True)
class SiteInfo:
    name: str
    sponsor: str  # 主办单位
    operator: str  # 承办单位
    site_code: str  # 网站标识码
    icp: str  # ICP备案编号
    icp_url: str
    psb: str  # 公安机关备案号
    psb_url: str
    contact: str  # one line: phone, e-mail
    error_report_url: str  # "{site_code}" and "{url}" are filled in

    def error_report(self, site_code: str, page_url: str) -> str:
        """The 我为政府网站找错 address for a page (the national platform needs the site code)."""
        if not self.error_report_url or not site_code:
            return ""
        return self.error_report_url.format(site_code=quote(site_code), url=quote(page_url, ""))


def site_info() -> SiteInfo:
    s = settings.XXGK_SITE
    return SiteInfo(**{f: str(s.get(f, "") or "") for f in SiteInfo.__dataclass_fields__})


def reading_mode(request: HttpRequest) -> str:
    """'elder' (larger type, high contrast) when the reader chose it, else 'standard'."""
    mode = request.COOKIES.get(MODE_COOKIE, "")
    return mode if mode in MODES else "standard"


def context(request: HttpRequest) -> dict:
    """Template context processor: `site` and `reading_mode`."""
    return {"site": site_info(), "reading_mode": reading_mode(request)}
