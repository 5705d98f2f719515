"""Writing the items that come on a schedule (reports, budgets, monthly figures) and the
fixed ones (机构职能, 公开指南, 公开制度)."""

from __future__ import annotations

import datetime as dt

from xxgk.demo import people

from .base import BaseWriter
from .phrases import CITY_NAME, MEASURES
from .plan import G, K, Plan
from .profiles import Col
from .topics import FINANCE, OPENNESS


class PeriodicWriter(BaseWriter):
    """Periodic and fixed items."""

    def periodic(self, col: Col, year: int, month: int) -> None:
        """Items that come on a schedule (not drawn by rate)."""
        rng, kind = self.rng, col.kind
        if kind == "org" and (year, month) == (2023, 1):
            self.org(col)
        elif kind == "guide" and (year, month) in ((2023, 1), (2025, 2)):
            self.guide(col, year)
        elif kind == "system" and (year, month) == (2023, 3):
            self.system(col)
        elif kind == "annual_report" and month == 1:
            self.annual_report(col, year)
        elif kind == "finance" and month in (2, 8):
            self.finance(col, year, budget=month == 2)
        elif kind == "air_quality":
            formed = self.workday(year, month, rng.randint(5, 10))
            prev = dt.date(year, month, 1) - dt.timedelta(1)
            good = rng.randint(72, 98)
            body = self.paras(
                f"{prev.year}年{prev.month}月，全市环境空气质量优良天数比例为{good}%，"
                f"同比{'上升' if rng.random() < 0.6 else '下降'}{rng.randint(1, 9)}个百分点。",
                f"细颗粒物（PM2.5）平均浓度为{rng.randint(18, 60)}微克/立方米，"
                f"可吸入颗粒物（PM10）平均浓度为{rng.randint(35, 95)}微克/立方米。",
                f"各区中，{rng.choice(people.DISTRICTS)}空气质量综合指数最低，"
                f"{rng.choice(people.DISTRICTS)}最高。",
            )
            self.add(
                Plan(
                    col.slug, f"{CITY_NAME}{prev.year}年{prev.month}月环境空气质量状况",
                    formed, self.after(formed, 0, 3), body,
                )
            )  # fmt: skip
        elif kind == "housing" and month in (3, 6, 9, 12):
            formed = self.workday(year, month, rng.randint(10, 25))
            n = rng.randint(80, 400)
            body = self.paras(
                f"根据《{CITY_NAME}公共租赁住房管理办法》，经资格审核、公开摇号，"
                f"现将{year}年第{month // 3}批公共租赁住房配租结果予以公示。",
                f"本批次共配租{n}户，其中城镇中低收入住房困难家庭{n - n // 4}户、"
                f"新就业无房职工和外来务工人员{n // 4}户。",
                "公示期为5个工作日。对公示结果有异议的，可向市住房保障中心书面反映。",
            )
            self.add(
                Plan(
                    col.slug, f"{CITY_NAME}{year}年第{month // 3}批公共租赁住房配租结果公示",
                    formed, self.after(formed, 0, 2), body,
                )
            )  # fmt: skip
        elif kind == "legal_service" and month in (3, 5, 9):
            formed = self.workday(year, month, rng.randint(5, 20))
            title = {
                3: f"{CITY_NAME}司法鉴定机构名册（{year}年）",
                5: f"{CITY_NAME}{year - 1}年度律师事务所年度检查考核结果公告",
                9: f"{CITY_NAME}{year}年上半年法律援助工作情况",
            }[month]
            body = self.paras(
                f"根据有关规定，{self.name}对{title.removeprefix(CITY_NAME)}予以公布。",
                f"全市共有律师事务所{rng.randint(60, 90)}家、执业律师{rng.randint(900, 1400)}人，"
                f"司法鉴定机构{rng.randint(8, 15)}家，公证机构{rng.randint(4, 7)}家。",
                f"{year}年以来，全市法律援助机构共受理案件{rng.randint(800, 2400)}件，"
                f"提供法律咨询{rng.randint(8000, 20000)}人次。",
            )
            self.add(Plan(col.slug, title, formed, self.after(formed, 0, 3), body))
        elif kind == "plan" and month in (1, 3):
            formed = self.workday(year, month, rng.randint(15, 28))
            title = (
                f"{year}年{CITY_NAME}人民政府工作报告"
                if month == 1
                else f"{CITY_NAME}{year - 1}年国民经济和社会发展统计公报"
            )
            body = self.paras(
                f"{year - 1}年，全市地区生产总值达到{rng.randint(1800, 2600)}亿元，"
                f"比上年增长{rng.randint(40, 65) / 10}%。",
                f"一般公共预算收入{rng.randint(120, 200)}亿元，城镇新增就业{rng.randint(3, 6)}万人，"
                f"居民人均可支配收入增长{rng.randint(45, 70) / 10}%。",
                *(f"{m}。" for m in rng.sample(MEASURES, 2)),
            )
            self.add(
                Plan(
                    col.slug, title, formed, self.after(formed, 1, 5), body,
                    topic=("国民经济管理、国有资产监管", "发展规划" if month == 1 else "统计"),
                )
            )  # fmt: skip
        elif kind == "openness" and month == 4:
            formed = self.workday(year, month, rng.randint(5, 20))
            number = self.doc_number("示公开办", year, 2)
            title = f"关于印发《{CITY_NAME}{year}年政务公开工作要点》的通知"
            body = self.paras(
                f"{self.profile.addressees}：",
                f"现将《{CITY_NAME}{year}年政务公开工作要点》印发给你们，请结合实际认真抓好落实。",
            )
            body += self.sections_text("政务公开", 4) + self.signature(formed)
            plan = self.add(
                Plan(col.slug, title, formed, self.after(formed, 1, 5), body,
                     G.OTHER_DOCUMENT, document_number=number)
            )  # fmt: skip
            if plan and year >= 2024:
                self.add(
                    Plan(
                        "gzdt", f"一图读懂《{CITY_NAME}{year}年政务公开工作要点》",
                        formed, plan.publish_on, self.paras("以图解方式解读今年政务公开重点任务。"),
                        G.INTERPRETATION, interprets=(plan.key,),
                    )
                )  # fmt: skip

    def org(self, col: Col) -> None:
        formed = self.workday(2023, 1, 9)
        published = self.after(formed, 1, 3)
        intro = {
            "szf": f"{self.name}是{CITY_NAME}人民代表大会的执行机关，是{CITY_NAME}的国家行政机关，",
            "gkb": f"{self.name}设在{CITY_NAME}人民政府办公室，是全市政务公开工作的主管部门，",
        }.get(self.profile.key, f"{self.name}是{CITY_NAME}人民政府工作部门，")
        duties = self.paras(
            f"{intro}主要职责是：",
            *(
                f"（{'一二三四五'[i]}）负责全市{s}工作。"
                for i, s in enumerate(self.profile.subjects[:5])
            ),
        )
        self.add(Plan(col.slug, f"{self.name}主要职责", formed, published, duties,
                      content_kind=K.OVERVIEW, topic=OPENNESS))  # fmt: skip
        units = self.paras(
            "内设机构：办公室、法规科、"
            + "、".join(s[:4] + "科" for s in self.profile.subjects[:4])
            + "。",
            f"办公地址：{self.agency.office_address}",
        )
        self.add(Plan(col.slug, f"{self.name}内设机构", formed, published, units,
                      content_kind=K.OVERVIEW, topic=OPENNESS))  # fmt: skip

        def leaders(names: tuple[tuple[str, str], ...]) -> str:
            return self.paras(*(f"{t}：{n}　负责{self.name}全面工作或分管工作。" for t, n in names))

        changed = ((self.profile.leaders[1][0], "唐振华"),)
        revised = (
            self.workday(2025, 3, 12),
            leaders(self.profile.leaders[:1] + changed + self.profile.leaders[2:]),
            "领导分工调整",
        )
        self.add(Plan(col.slug, f"{self.name}领导信息", formed, published,
                      leaders(self.profile.leaders), content_kind=K.OVERVIEW,
                      topic=OPENNESS, revision=revised))  # fmt: skip

    def guide(self, col: Col, year: int) -> None:
        formed = self.workday(year, 1 if year == 2023 else 2, 16)
        a = self.agency
        body = (
            "<h3>一、主动公开</h3>"
            + self.paras(
                "本机关主动公开的政府信息，通过政府网站政府信息公开专栏、政府公报、新闻发布会等途径公开，"
                "自信息形成或者变更之日起20个工作日内予以公开。"
            )
            + "<h3>二、依申请公开</h3>"
            + self.paras(
                f"申请人可以通过网上申请、信函申请、当面申请等方式向{a.office_name}提出申请。",
                f"受理机构：{a.office_name}；地址：{a.office_address}；邮政编码：{a.office_postcode}；"
                f"办公时间：{a.office_hours}；联系电话：{a.office_phone}。",
            )
            + "<h3>三、救济方式</h3>"
            + self.paras(
                "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，"
                "可以依法申请行政复议或者提起行政诉讼。"
            )
        )
        suffix = "" if year == 2023 else f"（{year}年修订）"
        self.add(Plan(col.slug, f"{self.name}政府信息公开指南{suffix}", formed,
                      self.after(formed, 1, 3), body, G.OTHER_DOCUMENT, K.OVERVIEW,
                      topic=OPENNESS))  # fmt: skip

    def system(self, col: Col) -> None:
        names = (
            "政府信息公开保密审查制度",
            "政府信息主动公开工作制度",
            "政府信息依申请公开工作规程",
            "政府信息公开工作考核和责任追究制度",
        )
        for i, name in enumerate(names):
            formed = self.workday(2023, 3, 6 + 3 * i)
            body = self.paras(
                "第一条　为规范本机关政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。",
                f"第二条　{self.agency.office_name}负责本机关{name.removesuffix('制度').removesuffix('工作规程')}的日常工作。",
                "第三条　拟公开的政府信息应当经过保密审查，未经审查的不得公开。",
                "第四条　本制度自印发之日起施行。",
            )
            self.add(Plan(col.slug, f"{self.name}{name}", formed, self.after(formed, 1, 4),
                          body, G.OTHER_DOCUMENT, topic=OPENNESS))  # fmt: skip

    def annual_report(self, col: Col, year: int) -> None:
        rng = self.rng
        formed = self.workday(year, 1, rng.randint(12, 20))
        body = (
            "<h3>一、总体情况</h3>"
            + self.paras(
                f"{year - 1}年，{self.name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
                f"全年主动公开政府信息{rng.randint(100, 600)}条，受理政府信息公开申请"
                f"{rng.randint(20, 200)}件。"
            )
            + "<h3>二、主动公开政府信息情况</h3><h3>三、收到和处理政府信息公开申请情况</h3>"
            + "<h3>四、政府信息公开行政复议、行政诉讼情况</h3>"
            + "<h3>五、存在的主要问题及改进情况</h3>"
            + self.paras(f"{rng.choice(MEASURES)}。")
            + "<h3>六、其他需要报告的事项</h3>"
            + self.paras("本年度未收取信息处理费。")
        )
        self.add(Plan(col.slug, f"{self.name}{year - 1}年政府信息公开工作年度报告", formed,
                      self.after(formed, 1, 5), body, G.OTHER_DOCUMENT, topic=OPENNESS))  # fmt: skip

    def finance(self, col: Col, year: int, *, budget: bool) -> None:
        rng = self.rng
        formed = self.workday(year, 2 if budget else 8, rng.randint(10, 25))
        what = f"{year}年部门预算" if budget else f"{year - 1}年部门决算"
        if self.profile.key == "szf":
            what = f"{year}年市级一般公共预算" if budget else f"{year - 1}年市级财政决算"
        total = rng.randint(3000, 90000)
        body = (
            "<h3>一、部门基本情况</h3>"
            + self.paras(
                f"{self.name}主要职责是负责全市{'、'.join(self.profile.subjects[:3])}等工作。"
            )
            + "<h3>二、收支总体情况</h3>"
            + self.paras(
                f"收入总计{total}万元，其中一般公共预算拨款{total - total // 7}万元；"
                f"支出总计{total}万元，其中基本支出{total // 3}万元、项目支出{total - total // 3}万元。"
            )
            + "<h3>三、“三公”经费情况</h3>"
            + self.paras(
                f"“三公”经费{rng.randint(5, 80)}万元，其中因公出国（境）费0万元、"
                f"公务用车购置及运行维护费{rng.randint(3, 40)}万元、公务接待费{rng.randint(1, 9)}万元。"
            )
        )
        self.add(Plan(col.slug, f"{self.name}{what}", formed, self.after(formed, 1, 6), body,
                      topic=FINANCE))  # fmt: skip
