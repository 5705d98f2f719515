"""Writing news, clarifications, decisions (licences, penalties, coercive measures),
personnel notices and answers to deputies' proposals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from xxgk.demo import people

from .base import BaseWriter
from .phrases import (
    CITY_NAME,
    MEASURES,
    NEWS_STORIES,
    PENALTIES,
    PRODUCTS,
    RUMORS,
    WITHDRAW_REASONS,
)
from .plan import G, K, Plan
from .profiles import Col
from .topics import OPENNESS, PERSONNEL


class NoticeWriter(BaseWriter):
    """The items of the drawn columns other than documents."""

    def news(self, col: Col, formed: dt.date) -> None:
        rng = self.rng
        title, opening, middles, closing = rng.choice(NEWS_STORIES)
        v = self.values(formed)
        picked = rng.sample(middles, rng.randint(1, len(middles)))
        title = title.format(**v)
        body = self.paras(*(t.format(**v) for t in (opening, *picked, closing)))
        withdraw = WITHDRAW_REASONS["default"] if rng.random() < 0.01 else ""
        self.add(
            Plan(
                col.slug,
                title,
                formed,
                self.after(formed, 0, 1),
                body,
                G.NEWS,
                K.NEWS,
                withdraw=withdraw,
            )
        )

    def clarification(self, col: Col, formed: dt.date) -> None:
        rumor = self.fill(self.rng.choice(RUMORS[self.profile.key]), formed)
        body = self.paras(
            f"近日，有网民在社交平台发布“{rumor}”的信息，引发部分群众关注。",
            f"经{self.name}会同有关部门核实，该信息不实。相关监测和调查结果表明，"
            f"所涉情况均符合国家和地方有关规定。",
            "请广大市民通过政府网站等官方渠道获取信息，不信谣、不传谣。"
            f"如有疑问，可拨打{self.agency.office_phone}咨询。",
        )
        self.add(
            Plan(
                col.slug,
                f"关于网传“{rumor}”的情况说明",
                formed,
                formed,
                body,
                G.CLARIFICATION,
                K.NEWS,
                topic=OPENNESS,
            )
        )

    def licensing(self, col: Col, formed: dt.date) -> None:
        rng, key, y = self.rng, self.profile.key, formed.year
        firm = people.company_name(rng)
        if key == "sthjj":
            product = rng.choice(PRODUCTS)
            project = f"年产{rng.randint(1, 50)}万吨{product}项目"
            number = self.doc_number("示环审", y)
            title = f"关于{firm}{project}环境影响报告{rng.choice('书表')}的批复"
            body = self.paras(
                f"{firm}：",
                f"你公司报送的《{project}环境影响报告书》（以下简称《报告书》）收悉。"
                f"经研究，批复如下：",
                f"一、该项目位于{CITY_NAME}{rng.choice(people.DISTRICTS)}工业园区，总投资"
                f"{rng.randint(2000, 60000)}万元，其中环保投资{rng.randint(100, 3000)}万元。"
                f"在全面落实《报告书》提出的各项生态环境保护措施后，项目建设对环境的不利影响"
                f"能够得到缓解和控制，我局同意你公司按照《报告书》所列建设项目的性质、规模、地点"
                f"和环境保护措施进行建设。",
                "二、项目建设应严格执行配套的环境保护设施与主体工程同时设计、同时施工、"
                "同时投产使用的环境保护“三同时”制度。",
                "三、你公司应在启动生产设施或者发生实际排污之前申请取得排污许可证。",
            )
        elif key == "zjj":
            estate = rng.choice(people.ESTATES)
            if rng.random() < 0.5:
                permit = f"{rng.randint(210400, 210499)}{y}{self.number('施工', y):04d}"
                phase = rng.randint(1, 9)
                title = f"关于核发{estate}{phase}期项目建筑工程施工许可证的公示"
                body = self.paras(
                    f"根据《中华人民共和国建筑法》《建筑工程施工许可管理办法》，经审查，"
                    f"{firm}申报的{estate}{phase}期项目符合施工许可条件，"
                    f"准予核发建筑工程施工许可证（编号{permit}）。",
                    f"建设规模：{rng.randint(8000, 180000)}平方米；合同价格："
                    f"{rng.randint(2000, 90000)}万元；施工单位：{people.company_name(rng)}。",
                )
                number = ""
            else:
                number = f"示房预售证第{y}{self.number('预售', y):03d}号"
                title = f"{estate}商品房预售许可公示（{number}）"
                body = self.paras(
                    f"{firm}开发建设的{estate}项目{rng.randint(1, 24)}号楼已符合商品房预售条件，"
                    f"经审核，准予预售。",
                    f"预售面积：{rng.randint(5000, 40000)}平方米；预售套数："
                    f"{rng.randint(60, 400)}套；预售资金监管银行：{CITY_NAME}农村商业银行"
                    f"{rng.choice(people.DISTRICTS)}支行。",
                )
        else:
            surname = rng.choice(people.SURNAMES)[0]
            n = self.number("执业", y, 1)
            number = f"{self.profile.prefix}许〔{y}〕{n}号"
            title = f"关于准予{surname}{rng.choice(people.GIVEN_NAMES)}等{rng.randint(2, 15)}人律师执业许可的公告（{y}年第{n}号）"
            body = self.paras(
                "根据《中华人民共和国律师法》《律师执业管理办法》的规定，经审核，"
                "下列人员符合律师执业条件，准予颁发律师执业证书。",
                f"执业机构：示范{rng.choice(people.LAW_FIRMS)}律师事务所等。",
                "特此公告。",
            )
        self.add(
            Plan(
                col.slug,
                title,
                formed,
                self.publish_date(formed, 1, 6),
                body,
                document_number=number,
                counts_as="licensing",
            )
        )

    def penalty(self, col: Col, formed: dt.date) -> None:
        rng, key, y = self.rng, self.profile.key, formed.year
        conduct, basis, lo, hi = rng.choice(PENALTIES[key])
        number = self.doc_number(f"{self.profile.prefix}罚", y, 2)
        party = (
            people.company_name(rng)
            if key != "sfj"
            else f"示范{rng.choice(people.LAW_FIRMS)}律师事务所"
        )
        amount = Decimal(rng.randint(max(lo * 10, 1), max(hi, 1) * 10)) / 10
        body = self.paras(
            f"当事人：{party}",
            f"统一社会信用代码：{people.uscc(rng)}",
            f"地址：{CITY_NAME}{rng.choice(people.DISTRICTS)}{rng.choice(people.ROADS)}"
            f"{rng.randint(1, 399)}号",
            f"{formed.year}年{rng.randint(1, formed.month)}月，我局执法人员对你单位进行现场检查，"
            f"发现你单位存在{conduct}的行为。以上事实有现场检查（勘察）笔录、调查询问笔录、"
            f"现场照片等证据为证。",
            f"你单位的上述行为违反了{basis.split('》')[0]}》的有关规定。"
            f"我局于{formed.year}年依法向你单位送达了《行政处罚事先告知书》，"
            f"你单位在规定期限内{rng.choice(('未提出陈述、申辩', '提出了陈述、申辩，经复核不予采纳'))}。",
            f"依据{basis}的规定，我局决定对你单位处以罚款人民币{amount}万元，"
            f"并责令立即改正违法行为。",
            "如不服本处罚决定，可在收到本决定书之日起六十日内向"
            f"{CITY_NAME}人民政府{'或者上一级司法行政部门' if key == 'sfj' else ''}申请行政复议，"
            "也可以在六个月内依法向人民法院提起行政诉讼。",
        )
        self.add(
            Plan(
                col.slug,
                f"{self.name}{y}年行政处罚决定（{number}）",
                formed,
                self.publish_date(formed, 1, 6),
                body,
                document_number=number,
                summary=f"{party}{conduct}，罚款{amount}万元。",
                withdraw=WITHDRAW_REASONS["penalty"] if rng.random() < 0.01 else "",
                counts_as="penalty",
            )
        )

    def coercion(self, col: Col, formed: dt.date) -> None:
        rng, y = self.rng, formed.year
        number = self.doc_number(f"{self.profile.prefix}封", y, 1)
        firm = people.company_name(rng)
        body = self.paras(
            f"当事人：{firm}",
            f"经查，你单位存在违反法律法规规定排放污染物，造成或者可能造成严重污染的行为。"
            f"依据《中华人民共和国环境保护法》第二十五条、《环境保护主管部门实施查封、扣押办法》"
            f"第四条的规定，我局决定对你单位{rng.choice(('生产车间', '污水处理设施', '喷涂线'))}"
            f"的相关设施、设备实施查封，期限为{rng.choice((15, 30))}日。",
            "查封期间，你单位不得擅自启封、转移、使用被查封的设施设备。",
        )
        self.add(
            Plan(
                col.slug,
                f"查封决定书（{number}）",
                formed,
                self.publish_date(formed, 1, 5),
                body,
                document_number=number,
                counts_as="coercion",
            )
        )

    def personnel(self, col: Col, formed: dt.date) -> None:
        rng = self.rng
        surname = rng.choice(people.SURNAMES)[0]
        who = f"{surname}{rng.choice(people.GIVEN_NAMES)}"
        if self.profile.key == "szf":
            number = self.doc_number("示政任", formed.year, 2)
            title = f"{self.name}关于{who}等同志职务任免的通知"
            body = self.paras(
                f"{self.profile.addressees}：",
                f"经{CITY_NAME}人民政府研究决定：任命{who}为{CITY_NAME}"
                f"{rng.choice(('发展和改革委员会', '财政局', '教育局', '民政局', '交通运输局'))}"
                f"副主任（副局长）；免去{rng.choice(people.SURNAMES)[0]}"
                f"{rng.choice(people.GIVEN_NAMES)}的{CITY_NAME}"
                f"{rng.choice(('统计局', '审计局', '商务局'))}副局长职务。",
            ) + self.signature(formed)
        else:
            number = ""
            title = f"{self.name}拟任职干部任前公示（{formed.year}年第{self.number('公示', formed.year, 1)}批）"
            body = self.paras(
                "根据《党政领导干部选拔任用工作条例》，经局党组研究，拟对以下同志任职前予以公示：",
                f"{who}，{rng.choice(('男', '女'))}，汉族，{rng.randint(1975, 1992)}年生，"
                f"大学学历，中共党员，现任{self.short}{rng.choice(('办公室', '法规科', '执法支队'))}"
                f"副主任科员，拟任科长。",
                "公示期为5个工作日。如对公示对象有异议，可通过来电、来信等方式向局机关党委反映。",
            )
        self.add(
            Plan(
                col.slug,
                title,
                formed,
                self.after(formed, 0, 2),
                body,
                document_number=number,
                topic=PERSONNEL,
            )
        )

    def proposal(self, col: Col, formed: dt.date) -> None:
        rng = self.rng
        if formed.month < 5 or formed.month > 10:
            return  # answered after the two sessions (两会), by October
        body_name, session = rng.choice(
            (
                ("市人大", f"十七届{formed.year - 2021}次会议"),
                ("市政协", f"十五届{formed.year - 2021}次会议"),
            )
        )
        kind = "建议" if body_name == "市人大" else "提案"
        n = rng.randint(1, 420)
        s = rng.choice(self.profile.subjects)
        who = f"{rng.choice(people.SURNAMES)[0]}{rng.choice(people.GIVEN_NAMES)}"
        body = self.paras(
            f"{who}{'代表' if kind == '建议' else '委员'}：",
            f"您提出的关于加强{s}的{kind}收悉。经认真研究，现答复如下：",
            *(f"{m}。" for m in rng.sample(MEASURES, 3)),
            f"感谢您对{s}工作的关心和支持，欢迎继续提出宝贵意见。",
        ) + self.signature(formed)
        self.add(
            Plan(
                col.slug,
                f"关于{body_name}{session}第{n}号{kind}的答复",
                formed,
                self.after(formed, 1, 8),
                body,
                summary=f"关于{s}的{kind}答复（{'A' if rng.random() < 0.7 else 'B'}类）。",
            )
        )
