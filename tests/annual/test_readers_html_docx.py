"""The HTML and DOCX readers: document order, table rows with their blank cells, merged cells,
layout tables, encodings, and one-line `ReportInputError`s for everything unusable.

Pure tests (no database).
"""

from __future__ import annotations

import io
import random
import re
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.annual import ReportInputError, load
from xxgk.annual.document import Document, Line
from xxgk.annual.readers import docx as docx_reader
from xxgk.annual.readers.docx import read_docx
from xxgk.annual.readers.html import read_html
from xxgk.annual.render import render

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "reports"
CITY = FIXTURES / "city-2025-t3.html"
HUAIAN = FIXTURES / "huaian-2024.expected.json"

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NEW_REQUESTS = "一、本年新收政府信息公开申请数量"
NEW_VALUES = ["13612", "252", "0", "45", "128", "32", "14069"]


def rows(doc: Document, table: int | None = None) -> list[list[str]]:
    return [
        [p.text for p in line.pieces]
        for line in doc.lines
        if line.is_row and (table is None or line.table == table)
    ]


def texts(doc: Document) -> list[str]:
    return [line.text for line in doc.lines if not line.is_row]


def row_starting(doc: Document, label: str) -> Line:
    found = [ln for ln in doc.lines if ln.is_row and ln.pieces and ln.pieces[0].text == label]
    assert len(found) == 1, [ln.text for ln in doc.lines]
    return found[0]


def assert_one_line(e: pytest.ExceptionInfo[ReportInputError]) -> None:
    message = str(e.value)
    assert message and "\n" not in message and len(message) < 300, message


# ------------------------------------------------------------------ HTML: the city fixture


@pytest.fixture(scope="module")
def city() -> Document:
    return read_html(CITY.read_bytes())


def test_city_fixture_rows_and_text(city: Document) -> None:
    assert city.format == "html"
    assert city.title == "测试市2025年政府信息公开工作年度报告"
    assert city.warnings == []
    assert sorted({ln.table for ln in city.lines if ln.is_row}) == [1, 2, 3]

    row = row_starting(city, NEW_REQUESTS)
    assert [p.text for p in row.pieces] == [NEW_REQUESTS, *NEW_VALUES]
    assert row.table == 2
    assert row.pieces[0].line == 4 and row.pieces[0].cell == "表格2 第4行 第1格"
    assert row.pieces[3].cell == "表格2 第4行 第4格"
    assert row.pieces[3].source.text == "0"

    # the third header row of table 三 begins and ends with an empty cell: real blanks
    assert rows(city, 2)[2] == [
        "",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "",
    ]
    # a cell with rowspan is one piece, in the row where it starts only
    assert rows(city, 2)[5][:2] == ["三、本年度办理结果", "（一）予以公开"]
    assert rows(city, 2)[6][0] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    # colspan: one piece
    assert rows(city, 1)[6] == ["行政许可", "11398889"]
    assert rows(city, 3)[3] == "376 97 196 121 790 16 1 12 27 56 74 1 30 51 156".split()
    assert len(rows(city, 2)) == 28

    body = texts(city)
    assert body[1] == "一、总体情况"
    assert body.index("三、收到和处理政府信息公开申请情况") < body.index(
        "四、政府信息公开行政复议、行政诉讼情况"
    )
    numbers = [ln.pieces[0].line for ln in city.lines if not ln.is_row]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(len(ln.pieces) == 1 for ln in city.lines if not ln.is_row)


def test_city_fixture_document_order(city: Document) -> None:
    order = [("row", ln.table) if ln.is_row else ("text", ln.text) for ln in city.lines]
    i_heading = order.index(("text", "三、收到和处理政府信息公开申请情况"))
    assert order[i_heading - 1] == ("row", 1)
    assert order[i_heading + 1] == ("row", 2)


# ------------------------------------------------------------------ HTML: a whole government page


def _word_cells(table_html: str) -> str:
    """Cells the way Word's HTML export writes them: <p><span> inside, &nbsp; for blanks."""

    def cell(m: re.Match[str]) -> str:
        attrs, text = m.group(1), m.group(2)
        inner = text or "&nbsp;"
        return (
            f"<td{attrs} width=60 valign=middle style='border:solid windowtext 1.0pt'>"
            f"<p class=MsoNormal align=center style='text-align:center'>"
            f"<span style='font-size:10.5pt;font-family:宋体'>{inner}</span>"
            f"<span lang=EN-US><o:p></o:p></span></p></td>"
        )

    out = re.sub(r"<td([^>]*)>(.*?)</td>", cell, table_html, flags=re.S)
    # Word wraps long lines anywhere, even inside a label
    out = out.replace("本年新收政府信息公开申请数量", "本年新收政府信息公开\n申请数量")
    return out.replace(
        "<table>", "<table class=MsoNormalTable border=1 cellspacing=0><tbody>"
    ).replace("</table>", "</tbody></table>")


def government_page(city_html: str) -> str:
    article = city_html.split('<div id="zoom" class="article-content">', 1)[1].rsplit("</div>", 1)[
        0
    ]
    article = re.sub(r"<table>.*?</table>", lambda m: _word_cells(m.group(0)), article, flags=re.S)
    fake = "<table><tr><td>一、本年新收政府信息公开申请数量</td><td>999</td></tr></table>"
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>测试市2025年政府信息公开工作年度报告_年度报告_测试市人民政府</title>
<style type="text/css">td {{ font-size: 12px }} .nav li {{ float: left }}</style>
<script type="text/javascript">var siteName = "测试市人民政府"; document.write("{fake}");</script>
</head>
<body>
<div class="top"><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk">
<a href="/">测试市人民政府</a> <span>2026年1月15日 星期四</span></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li></ul>
<noscript>您的浏览器不支持脚本，请升级浏览器。</noscript>
<!-- 以下为正文 <table><tr><td>注释里的表格</td><td>1</td></tr></table> -->
<table width="1000" border="0" cellspacing="0" cellpadding="0" class="layout">
<tr>
<td width="200" valign="top" class="side">当前位置：<a href="/">首页</a> &gt; <a>年度报告</a><br>
索引号：000000000/2026-00001<br/>发布机构：测试市人民政府办公室</td>
<td valign="top" class="main">
<h1 class="title">测试市2025年政府信息公开工作年度报告</h1>
<script>
document.write('<table><tr><td>二、上年结转政府信息公开申请数量</td><td>' + 1 + '</td></tr></table>');
var s = "</scr" + "ipt>";
</script>
<div id="zoom" class="article-content">{article}</div>
<div class="share">分享到：<a>微信</a><a>微博</a></div>
</td>
</tr>
<tr><td colspan="2" class="footer">版权所有：测试市人民政府办公室&nbsp;&nbsp;网站标识码：0000000000</td></tr>
</table>
<script src="/js/jquery.min.js"></script>
<script>$(function(){{ $(".nav li").hover(function(){{}}); }});</script>
<svg width="10" height="10"><title>图标</title><text>SVG文字</text></svg>
</body>
</html>
"""


def test_whole_government_page_gives_the_same_rows(city: Document) -> None:
    page = government_page(CITY.read_text("utf-8"))
    doc = read_html(page.encode("utf-8"))
    assert doc.title == "测试市2025年政府信息公开工作年度报告_年度报告_测试市人民政府"
    data_tables = sorted({ln.table for ln in doc.lines if ln.is_row})
    assert data_tables == [1, 2, 3, 4]
    for n in (1, 2, 3):
        assert rows(doc, n) == rows(city, n), n
    # the footer row of the layout table has no nested table: it is a (one-cell) row
    assert rows(doc, 4) == [["版权所有：测试市人民政府办公室 网站标识码：0000000000"]]
    row = row_starting(doc, NEW_REQUESTS)
    assert [p.text for p in row.pieces[1:]] == NEW_VALUES

    body = texts(doc)
    for line in ("首页", "政务公开", "测试市2025年政府信息公开工作年度报告", "分享到：微信微博"):
        assert line in body
    # the layout cell's text, split at <br>
    assert "当前位置：首页 > 年度报告" in body
    assert "索引号：000000000/2026-00001" in body
    assert "发布机构：测试市人民政府办公室" in body
    assert body.index("三、收到和处理政府信息公开申请情况") > body.index("一、总体情况")
    everything = doc.text()
    for hidden in (
        "999",
        "siteName",
        "注释里的表格",
        "不支持脚本",
        "SVG文字",
        "图标",
        "font-size",
        "scr",
    ):
        assert hidden not in everything, hidden


def test_layout_rows_are_not_rows_and_nested_tables_are() -> None:
    page = (
        "<table><tr><td>左栏<table><tr><td>甲</td><td>1</td></tr></table>说明</td>"
        "<td><p>右栏</p></td></tr><tr><td>脚</td><td>&nbsp;</td></tr></table>"
    )
    doc = read_html(page.encode())
    got = [(ln.is_row, ln.table, [p.text for p in ln.pieces]) for ln in doc.lines]
    assert got == [
        (False, None, ["左栏"]),
        (True, 1, ["甲", "1"]),
        (False, None, ["说明"]),
        (False, None, ["右栏"]),
        (True, 2, ["脚", ""]),
    ]
    assert doc.lines[-1].pieces[1].cell == "表格2 第1行 第2格"


def test_cell_text_blocks_breaks_and_spaces() -> None:
    page = (
        "<table><tr><th>（三）不予<br>公开</th><td><p>1.属于</p><p>国家秘密</p></td>"
        "<td> 1 2 </td><td><p>&nbsp;</p>\u3000</td><td><img src=x.png></td>"
        "<td>5<br>3</td></tr></table>"
        "<pre>规章    3   5\n行政规范性文件  6  7</pre><p>A\u00a0 B</p>"
    )
    doc = read_html(page.encode())
    assert rows(doc) == [["（三）不予公开", "1.属于国家秘密", "1 2", "", "", "5 3"]]
    assert texts(doc) == ["规章 3 5", "行政规范性文件 6 7", "A B"]


def test_word_html_conditional_comments() -> None:
    page = (
        "<p class=MsoListParagraph><![if !supportLists]><span>一、<span style='font:7.0pt'>"
        "&nbsp;&nbsp;</span></span><![endif]><span>总体情况</span></p>"
    )
    assert texts(read_html(page.encode())) == ["一、 总体情况"]  # the &nbsp; run is a space


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (  # caption, column groups, head and body: the caption is a line before the rows
            "<table><caption>表一 情况</caption><colgroup><col><col></colgroup>\n<thead><tr>"
            "<th>项目</th><th>数量</th></tr></thead>\n<tbody><tr><td>规章</td><td> 3 </td></tr>"
            "</tbody></table>",
            [(False, None, ["表一 情况"]), (True, 1, ["项目", "数量"]), (True, 1, ["规章", "3"])],
        ),
        (  # stray text between rows stays where it is
            "<table><tr><td>甲</td><td>1</td></tr>说明文字<tr><td>乙</td><td>2</td></tr></table>",
            [(True, 1, ["甲", "1"]), (False, None, ["说明文字"]), (True, 1, ["乙", "2"])],
        ),
        (  # Word's paragraphs in cells, a break, a blank paragraph
            "<table><tr><td><p class=MsoNormal><span>申请</span></p><p><span>数量</span></p></td>"
            "<td>一、<br>本年<b>新收</b></td><td><p>&nbsp;</p></td></tr></table>",
            [(True, 1, ["申请数量", "一、本年新收", ""])],
        ),
        (  # a table hidden in <noscript> still makes the row a layout row; <pre> splits lines
            "<table><tr><td>一、<pre>（一）\u3000\n（二）</pre></td>"
            "<td>x<noscript><table><tr><td>t</td></tr></table></noscript></td></tr></table>",
            [(False, None, ["一、"]), (False, None, ["（一）"]), (False, None, ["（二）"])]
            + [(False, None, ["x"])],
        ),
        (  # a data row inside <pre>: its cells' lines are blocks of the cell
            "<pre><table><tr><td>a\nb</td><td>c</td></tr></table></pre>",
            [(True, 1, ["a b", "c"])],
        ),
    ],
    ids=["caption", "stray-text", "word-cells", "layout-pre", "row-in-pre"],
)
def test_tables_read_at_once_read_as_walked(page: str, expected: list[tuple]) -> None:
    doc = read_html(page.encode())
    assert [(ln.is_row, ln.table, [p.text for p in ln.pieces]) for ln in doc.lines] == expected


# ------------------------------------------------------------------ HTML: encodings


GB_PAGE = (
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset={cs}'>"
    "<title>某县2025年政府信息公开工作年度报告</title></head><body>"
    "<p>一、总体情况：“三安全一稳定”，䶮、𠀀（GB18030 才有的字）</p>"
    "<table><tr><td>规章</td><td>3</td></tr></table></body></html>"
)


@pytest.mark.parametrize("charset", ["gb2312", "GBK", "gb18030"])
def test_gb_declared_page(charset: str) -> None:
    data = GB_PAGE.format(cs=charset).encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = read_html(data)
    assert doc.title == "某县2025年政府信息公开工作年度报告"
    assert texts(doc) == ["一、总体情况：“三安全一稳定”，䶮、𠀀（GB18030 才有的字）"]
    assert rows(doc) == [["规章", "3"]]
    assert doc.warnings == []


def test_undeclared_gbk_page_and_wrong_declarations() -> None:
    undeclared = GB_PAGE.replace("; charset={cs}", "").encode("gb18030")
    assert rows(read_html(undeclared)) == [["规章", "3"]]

    mislabelled = read_html(GB_PAGE.format(cs="utf-8").encode("gb18030"))
    assert rows(mislabelled) == [["规章", "3"]]
    assert mislabelled.warnings and "gb18030" in mislabelled.warnings[0]

    western = read_html(GB_PAGE.format(cs="iso-8859-1").encode("gb18030"))
    assert rows(western) == [["规章", "3"]]
    western_utf8 = read_html(GB_PAGE.format(cs="iso-8859-1").encode("utf-8"))
    assert rows(western_utf8) == [["规章", "3"]]


def test_boms() -> None:
    page = GB_PAGE.format(cs="gb2312")  # the BOM wins over the declaration
    for data in (
        b"\xef\xbb\xbf" + page.encode("utf-8"),
        b"\xff\xfe" + page.encode("utf-16-le"),
        b"\xfe\xff" + page.encode("utf-16-be"),
    ):
        assert rows(read_html(data)) == [["规章", "3"]]


def test_broken_bytes_decode_with_a_warning() -> None:
    data = (
        GB_PAGE.format(cs="gb2312").encode("gb18030").replace("规章".encode("gb18030"), b"\x81\x20")
    )
    doc = read_html(data)
    assert doc.warnings and "编码" in doc.warnings[0]
    assert rows(doc)[0][1] == "3"


# ------------------------------------------------------------------ HTML: unusable input


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t ", b"\x00\x01\x02binary", b"<html><body></body></html>", b"<script>x</script>"],
    ids=["empty", "blank", "binary", "no-text", "only-script"],
)
def test_html_unusable(data: bytes) -> None:
    with pytest.raises(ReportInputError) as e:
        read_html(data)
    assert_one_line(e)


@pytest.mark.parametrize(
    "page",
    [
        "<table><tr><td>a<td>b<tr><td>c",
        "<tr><td>孤立的行</td></tr>",
        "<td>孤立的格</td>",
        "<p>" + "<div>" * 5000 + "深" + "</div>" * 10,
        "<table>" * 3000 + "<tr><td>x</td></tr>",
        "<scr<script<style>>>p</table></tr>&#xffff;&#0;&bogus;<![CDATA[x]]><?php echo 1 ?>",
        "<html><head><title>t</title><body><p>正文",
        "<meta charset='no-such-charset'><p>正文</p>",
    ],
)
def test_malformed_html_reads_or_refuses_in_one_line(page: str) -> None:
    try:
        doc = read_html(page.encode("utf-8"))
    except ReportInputError as e:
        assert "\n" not in str(e)
    else:
        assert doc.lines


@FAST
@given(st.binary(max_size=3000) | st.text(alphabet="<>/=\"' abtdrpl&;#x0123\u4e00\n", max_size=500))
def test_arbitrary_input_never_raises_anything_else(data: bytes | str) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        doc = read_html(raw)
    except ReportInputError as e:
        assert "\n" not in str(e)
    else:
        assert isinstance(doc, Document) and doc.lines


def test_too_deep_nesting_is_cut_with_a_warning() -> None:
    deep = b"<p>before</p>" + b"<div>" * 3000 + b"x" + b"</div>" * 3000 + b"<p>after</p>"
    doc = read_html(deep)
    assert texts(doc)[0] == "before"
    assert doc.warnings and "嵌套过深" in doc.warnings[0]
    with pytest.raises(ReportInputError, match="嵌套过深"):
        read_html(b"<div>" * 3000 + b"x")


def test_fifty_megabyte_page_is_refused_quickly() -> None:
    para = ("<p>" + "政府信息公开工作年度报告正文。" * 40 + "</p>\n").encode()
    data = b"<html><body>" + para * (50 * 1024 * 1024 // len(para)) + b"</body></html>"
    start = time.perf_counter()
    with pytest.raises(ReportInputError, match="网页过大") as e:
        read_html(data)
    assert time.perf_counter() - start < 3
    assert_one_line(e)


def test_big_inline_images_and_scripts_do_not_count() -> None:
    image = b'<img src="data:image/png;base64,' + b"iVBORw0KGgo" * 400_000 + b'">'
    script = b"<script>document.write('<table><tr><td>9</td></tr></table>');" + b"x=1;" * 1_000_000
    script += b"</script>"
    city = CITY.read_bytes()
    data = city.replace(b"<body>", b"<body>" + (image + script) * 4)
    assert len(data) > 30 * 1024 * 1024
    start = time.perf_counter()
    doc = read_html(data)
    assert time.perf_counter() - start < 3
    assert [p.text for p in row_starting(doc, NEW_REQUESTS).pieces[1:]] == NEW_VALUES
    assert "9" not in {
        p.text
        for ln in doc.lines
        for p in ln.pieces
        if ln.table == 1 and ln.is_row and len(ln.pieces) == 1
    }


def test_absurd_number_of_cells_is_refused() -> None:
    data = b"<table>" + b"<tr>" + b"<td>1</td>" * 120_000 + b"</tr></table>"
    with pytest.raises(ReportInputError, match="单元格") as e:
        read_html(data)
    assert_one_line(e)


# ------------------------------------------------------------------ DOCX


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _append_xml(document: docx.document.Document, xml: str) -> None:
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml))  # before the final w:sectPr


def build_docx() -> bytes:
    d = docx.Document()
    d.core_properties.title = "测试县2025年政府信息公开工作年度报告"
    d.add_paragraph("一、总体情况")
    p = d.add_paragraph("第一行")
    p.add_run().add_break()
    p.add_run("第二行\t续")
    d.add_paragraph("   ")  # blank: skipped

    t = d.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "横向合并"  # gridSpan
    t.cell(0, 2).text, t.cell(0, 3).text = "C", "D"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "纵向合并"  # vMerge restart / continue
    for x, v in ((1, "1"), (2, "2"), (3, "3")):
        t.cell(1, x).text = v
    t.cell(2, 1).text, t.cell(2, 3).text = "4", "6"
    t.cell(2, 2).paragraphs[0].add_run("\u00a0 ")  # only blanks: an empty cell

    d.add_paragraph("中间段落")

    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "外甲", "外乙"
    layout = outer.cell(1, 0)
    layout.text = "布局文字"
    nested = layout.add_table(rows=2, cols=2)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "内甲", "1"
    nested.cell(1, 0).text, nested.cell(1, 1).text = "内乙", "2"
    outer.cell(1, 1).text = "右格"

    # tracked changes, a field, a content control, an old-style horizontal merge, two-paragraph cell
    _append_xml(
        d,
        f"<w:p {W_NS}><w:r><w:t>保留</w:t></w:r><w:del w:id='1' w:author='a'><w:r>"
        "<w:delText>删除</w:delText></w:r></w:del><w:ins w:id='2' w:author='a'><w:r><w:t>插入</w:t>"
        "</w:r></w:ins><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE "
        "</w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>7</w:t>"
        "</w:r><w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>",
    )
    _append_xml(
        d,
        f"<w:sdt {W_NS}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>",
    )
    _append_xml(
        d,
        f"<w:tbl {W_NS}><w:tblPr/><w:tblGrid/><w:tr>"
        "<w:tc><w:tcPr><w:hMerge w:val='restart'/></w:tcPr><w:p><w:r><w:t>旧式合并</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:p><w:r><w:t>三、本年度</w:t></w:r></w:p><w:p><w:r><w:t>办理结果</w:t></w:r></w:p></w:tc>"
        "</w:tr><w:sdt><w:sdtContent><w:tr><w:tc><w:p><w:r><w:t>控件行</w:t></w:r></w:p></w:tc>"
        "</w:tr></w:sdtContent></w:sdt></w:tbl>",
    )
    d.add_paragraph("结尾")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_docx_round_trip_in_document_order() -> None:
    doc = read_docx(build_docx())
    assert doc.format == "docx"
    assert doc.title == "测试县2025年政府信息公开工作年度报告"
    got = [(ln.is_row, ln.table, [p.text for p in ln.pieces]) for ln in doc.lines]
    assert got == [
        (False, None, ["一、总体情况"]),
        (False, None, ["第一行"]),
        (False, None, ["第二行 续"]),
        (True, 1, ["横向合并", "C", "D"]),
        (True, 1, ["纵向合并", "1", "2", "3"]),
        (True, 1, ["", "4", "", "6"]),
        (False, None, ["中间段落"]),
        (True, 2, ["外甲", "外乙"]),
        (False, None, ["布局文字"]),
        (True, 3, ["内甲", "1"]),
        (True, 3, ["内乙", "2"]),
        (False, None, ["右格"]),
        (False, None, ["保留插入7"]),
        (False, None, ["控件里的段落"]),
        (True, 4, ["旧式合并", "三、本年度办理结果"]),
        (True, 4, ["控件行"]),
        (False, None, ["结尾"]),
    ]
    by_text = {ln.pieces[0].text: ln for ln in doc.lines}
    assert by_text["内乙"].pieces[1].cell == "表格3 第2行 第2格"
    assert by_text["内乙"].pieces[1].line == 2
    assert by_text[""].pieces[2].cell == "表格1 第3行 第3格"
    text_numbers = [ln.pieces[0].line for ln in doc.lines if not ln.is_row]
    assert text_numbers == list(range(1, len(text_numbers) + 1))


def _doc_bytes() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"W\x00o\x00r\x00d\x00" + bytes(1024)


def _corrupt_member() -> bytes:
    data = bytearray(build_docx())
    start = data.find(b"word/document.xml") + 40
    for i in range(start, start + 200):
        data[i] ^= 0x5A
    return bytes(data)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "文件为空"),
        (random.Random(7).randbytes(5000), "不是 .docx"),
        (build_docx()[:3000], "无法读取该 Word 文件"),
        (_corrupt_member(), "无法读取该 Word 文件"),
        (_doc_bytes(), r"\.doc.*另存为 \.docx"),
        (_doc_bytes() + "EncryptedPackage".encode("utf-16-le"), "已加密"),
        (b"{\\rtf1\\ansi report}", "RTF"),
        (_zip({"readme.txt": b"hello"}), "Content_Types"),
        (_zip({"[Content_Types].xml": b"<Types/>"}), "无法读取该 Word 文件"),
        (render(load(HUAIAN), "xlsx"), "Excel"),
        (b"<html><body>not a docx</body></html>", "不是 .docx"),
    ],
    ids=[
        "empty",
        "random",
        "truncated",
        "corrupt-member",
        "doc",
        "encrypted",
        "rtf",
        "zip-not-ooxml",
        "ooxml-without-document",
        "xlsx",
        "html",
    ],
)
def test_docx_unusable(data: bytes, expected: str) -> None:
    with pytest.raises(ReportInputError, match=expected) as e:
        read_docx(data)
    assert_one_line(e)
    assert str(e.value).startswith(("无法读取该 Word 文件", "不支持旧版 Word 文档"))


def test_docx_zip_bomb_is_refused_before_opening() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open("word/media/bomb.bin", "w", force_zip64=True) as f:
            chunk = bytes(1 << 20)
            for _ in range(201):
                f.write(chunk)
    data = out.getvalue()
    assert len(data) < 1024 * 1024
    start = time.perf_counter()
    with pytest.raises(ReportInputError, match="解压后过大") as e:
        read_docx(data)
    assert time.perf_counter() - start < 1
    assert_one_line(e)


def test_docx_limit_counts_all_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    data = build_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        total = sum(i.file_size for i in zf.infolist())
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", total - 1)
    with pytest.raises(ReportInputError, match="解压后过大"):
        read_docx(data)
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", total)
    assert read_docx(data).lines


def test_docx_too_many_cells_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = build_docx()
    monkeypatch.setattr(docx_reader, "MAX_CELLS", 10)
    with pytest.raises(ReportInputError, match="单元格") as e:
        read_docx(data)
    assert_one_line(e)


# ------------------------------------------------------------------ our own renderings


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_rendered_report_reads_back(fmt: str) -> None:
    report = load(HUAIAN)
    reader = read_html if fmt == "html" else read_docx
    doc = reader(render(report, fmt))
    assert doc.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    t3 = next(ln.table for ln in doc.lines if ln.is_row and NEW_REQUESTS in ln.text)
    table = [ln for ln in doc.lines if ln.is_row and ln.table == t3]
    data_rows = [
        ln
        for ln in table
        if len(ln.pieces) >= 8
        and all(re.fullmatch(r"\d*", p.text) for p in ln.pieces[-7:])
        and any(p.text for p in ln.pieces[-7:])
    ]
    expected = [["" if v is None else str(v) for v in cols.values()] for cols in report.t3.values()]
    assert len(expected) == 25
    assert [[p.text for p in ln.pieces[-7:]] for ln in data_rows] == expected
    for ln in data_rows:  # each with its label (the last non-empty piece before the values)
        labels = [p.text for p in ln.pieces[:-7] if p.text]
        assert labels and re.search(r"[\u4e00-\u9fff]", labels[-1]), ln.text
    assert [p.text for p in data_rows[0].pieces[:-7]] == [NEW_REQUESTS]
    assert data_rows[-1].pieces[0].text == "四、结转下年度继续办理"
    if fmt == "docx":
        # vertically merged label cells are empty pieces: every data row is 10 columns wide
        # except those whose label spans columns (一、二、四、(一)(二)(七))
        assert {len(ln.pieces) for ln in data_rows} <= {8, 9, 10}
        assert [p.text for p in data_rows[4].pieces[:3]] == ["", "（三）不予公开", "1.属于国家秘密"]
        assert [p.text for p in data_rows[5].pieces[:3]] == ["", "", "2.其他法律行政法规禁止公开"]
    else:
        assert [p.text for p in data_rows[5].pieces[:1]] == ["2.其他法律行政法规禁止公开"]


# ------------------------------------------------------------------ numbers apart in one cell

KEWEI_MD = Path("../shared/fixtures/reports/kewei-2024.md")


def test_a_row_of_fifteen_numbers_in_one_cell_is_read_in_order():
    """An OCR'd Markdown conversion puts table 四's row in one cell: "1 0 0 0 1 …"."""
    from xxgk.annual.jsonio import loads
    from xxgk.annual.parse import parse_bytes

    want = loads(Path("../shared/fixtures/reports/kewei-2024.expected.json").read_bytes())
    md = KEWEI_MD.read_text("utf-8")
    row = "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    assert row in md
    got = parse_bytes(md.replace(row, "| 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0 |").encode(), "k.md")
    assert got.report.t4 == want.t4


def test_numbers_apart_in_one_cell_are_never_run_together():
    from xxgk.annual.model import CellRef
    from xxgk.annual.parse import parse_bytes

    md = KEWEI_MD.read_text("utf-8")
    row = "| （七）总计 | 33 | 2 | 0 | 0 | 0 | 0 | 35 |"
    assert row in md
    got = parse_bytes(
        md.replace(row, "| （七）总计 | 3 3 | 2 | 0 | 0 | 0 | 0 | 35 |").encode(), "k.md"
    )
    ref = CellRef("t3", "result_total", "natural_person")
    assert got.report.get(ref) is None and ref in got.unread  # not 33, not 3


def test_a_lost_cell_and_a_spaced_number_never_shift_a_row():
    """Found by the mutation fuzz: one cell lost and "56" written "5 6" in the same row of
    table 四 — splitting "5 6" would make the count fit and shift every value by one."""
    from xxgk.annual.parse import parse_bytes

    html = Path("../shared/fixtures/reports/city-2025-t3.html").read_text("utf-8")
    assert "<td>376</td><td>97</td>" in html and "<td>56</td>" in html
    broken = html.replace("<td>376</td><td>97</td>", "<td>97</td>").replace(
        "<td>56</td>", "<td>5 6</td>"
    )
    got = parse_bytes(broken.encode("utf-8"), "city.html")
    assert got.report.t4["cases"]["review_maintained"] in (None, 376)
    assert all(v is None for v in got.report.t4["cases"].values())
