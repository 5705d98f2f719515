"""What a Chinese government website shows on every page (政府网站发展指引): the sponsor,
operator, site code and filings in the footer (the cluster's, or an agency's own on its
portal), 网站地图, 联系我们, 我为政府网站找错, and the 长辈版 reading mode."""

from __future__ import annotations

import lxml.html
import pytest
from django.test import Client

from xxgk.siteinfo import MODE_COOKIE

pytestmark = pytest.mark.django_db

CLUSTER = {
    "name": "测试市政府信息公开平台",
    "sponsor": "测试市人民政府办公室",
    "operator": "测试市大数据中心",
    "site_code": "2102000006",
    "icp": "辽ICP备12345678号",
    "icp_url": "https://beian.miit.gov.cn/",
    "psb": "辽公网安备21040002000123号",
    "psb_url": "https://beian.mps.gov.cn/",
    "contact": "024-12345678",
    "error_report_url": "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_code}&url={url}",
}


@pytest.fixture(autouse=True)
def _cluster(settings):
    settings.XXGK_SITE = dict(CLUSTER)


def footer(html: bytes) -> dict[str, str]:
    doc = lxml.html.fromstring(html)
    return {
        d.xpath("string(dt)"): d.xpath("string(dd)")
        for d in doc.xpath("//footer//dl[@class='site-identity']/div")
    }


def test_home_footer_shows_the_configured_identity(site):
    page = Client().get("/")
    found = footer(page.content)
    assert found["主办单位"] == "测试市人民政府办公室"
    assert found["承办单位"] == "测试市大数据中心"
    assert found["网站标识码"] == "2102000006"
    assert found["ICP备案号"] == "辽ICP备12345678号"
    assert found["公安机关备案号"] == "辽公网安备21040002000123号"
    doc = lxml.html.fromstring(page.content)
    assert doc.xpath("string(//header//p[@class='site-name'])").strip() == CLUSTER["name"]
    links = [a.text_content() for a in doc.xpath("//footer//nav[@class='footer-links']//a")]
    assert links == ["网站地图", "联系我们", "我为政府网站找错", "开放数据"]


def test_an_agency_portal_names_the_agency_and_may_have_its_own_site_code(site):
    site.bureau.site_code = "2102000123"
    site.bureau.save()
    page = Client().get("/gk/sthjj/")
    found = footer(page.content)
    assert found["主办单位"] == "示范市生态环境局"
    assert found["网站标识码"] == "2102000123"
    assert found["承办单位"] == "测试市大数据中心"  # the cluster's, not overridden
    doc = lxml.html.fromstring(page.content)
    assert doc.xpath("string(//header//p[@class='site-name'])").strip() == "示范市生态环境局"


def test_unset_values_are_left_out_not_faked(site, settings):
    settings.XXGK_SITE = {**CLUSTER, "icp": "", "psb": "", "site_code": "", "operator": ""}
    found = footer(Client().get("/").content)
    assert set(found) == {"主办单位", "联系电话"}


def test_error_report_goes_to_the_national_platform_with_the_page(site):
    page = lxml.html.fromstring(Client().get("/gk/sthjj/guide/").content)
    href = page.xpath("//footer//a[@class='error-report']/@href")[0]
    response = Client().get(href)
    assert response.status_code == 302
    assert response["Location"].startswith(
        "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=2102000006&url=http"
    )
    assert "%2Fgk%2Fsthjj%2Fguide%2F" in response["Location"]
    # a forged page address stays on this site; no site code: 联系我们
    forged = Client().get("/error-report/?site_code=2102000006&url=https://evil.example/")
    assert "evil.example" not in forged["Location"]
    assert Client().get("/error-report/?url=/")["Location"] == "/contact/"


def test_site_map_and_contact_list_every_agency(site):
    site_map = Client().get("/site-map/")
    assert site_map.status_code == 200
    text = site_map.content.decode()
    for href in ("/gk/sthjj/", "/gk/sthjj/guide/", "/gk/sfj/", "/search/", "/apply/"):
        assert f'href="{href}"' in text, href
    assert f'href="/gk/sthjj/{site.documents.slug}/"' in text
    contact = Client().get("/contact/").content.decode()
    assert "示范市生态环境局办公室" in contact and "010-12345678" in contact
    assert "测试市人民政府办公室" in contact


def test_elder_mode_is_a_cookie_and_returns_to_the_page(site):
    reader = Client()
    response = reader.get("/mode/elder/?next=/gk/sthjj/")
    assert response.status_code == 302 and response["Location"] == "/gk/sthjj/"
    assert response.cookies[MODE_COOKIE].value == "elder"
    page = lxml.html.fromstring(reader.get("/gk/sthjj/").content)
    assert page.xpath("/html/@class") == ["mode-elder"]
    assert page.xpath("//a[@class='mode-switch']")[0].text_content() == "标准版"
    back = reader.get("/mode/standard/?next=https://evil.example/")
    assert back["Location"] == "/"
    assert lxml.html.fromstring(reader.get("/").content).xpath("/html/@class") == ["mode-standard"]


def test_cached_pages_keep_each_readers_mode(site, settings):
    settings.XXGK_PORTAL_PAGE_SECONDS = 300
    elder, standard = Client(), Client()
    elder.cookies[MODE_COOKIE] = "elder"
    assert b'class="mode-elder"' in elder.get("/gk/sthjj/").content
    assert b'class="mode-standard"' in standard.get("/gk/sthjj/").content
    assert b'class="mode-elder"' in elder.get("/gk/sthjj/").content
