"""Writing documents, rules and normative documents, and their interpretations."""

from __future__ import annotations

import datetime as dt

from xxgk.catalog.models import Item

from .base import BaseWriter
from .phrases import (
    CITY_NAME,
    CLOSINGS,
    DOC_TITLES,
    HEADINGS,
    MEASURES,
    PROBLEMS,
    PURPOSES,
    RULE_SUFFIXES,
)
from .plan import G, M, Plan
from .profiles import Col


class DocumentWriter(BaseWriter):
    """Documents (其他文件), rules (规章), normative documents and their interpretations."""

    def document(self, col: Col, formed: dt.date) -> None:
        rng = self.rng
        s = rng.choice(self.profile.subjects)
        title = self.fill(rng.choice(DOC_TITLES), formed, s=s)
        series = f"{self.profile.prefix}{'办' if rng.random() < 0.3 else ''}发"
        if self.profile.key == "gkb":
            series = "示公开办"
        purpose = rng.choice(PURPOSES)
        body = self.paras(
            f"{self.profile.addressees}：",
            f"为{purpose}，根据{rng.choice(self.profile.laws)}等有关规定，结合我市实际，"
            f"现就{s}有关事项通知如下。",
        )
        body += self.sections_text(s, rng.randint(3, 4))
        body += self.paras(rng.choice(CLOSINGS)) + self.signature(formed)
        mode, reason = M.PROACTIVE, ""
        if rng.random() < 0.03:
            mode, reason = M.ON_APPLICATION, "仅涉及特定对象的工作安排，依申请公开"
        plan = self.add(
            Plan(
                col.slug,
                title,
                formed,
                self.publish_date(formed),
                body,
                G.OTHER_DOCUMENT,
                document_number=self.doc_number(series, formed.year),
                summary=f"就{s}工作作出部署，明确{rng.choice(HEADINGS)}和{rng.choice(HEADINGS)}。",
                mode=mode,
                mode_reason=reason,
                returned="请删除附件中工作人员的个人手机号码后重新提交"
                if rng.random() < 0.02
                else "",
            )
        )
        if plan and mode == M.PROACTIVE and rng.random() < 0.12:
            quoted = title[title.find("《") : title.find("》") + 1] if "《" in title else ""
            self.interpretation(plan, quoted or f"《{title}》")

    def articles(self, s: str, name: str, effective: dt.date, years: int | None) -> tuple[str, int]:
        rng = self.rng
        law = rng.choice(self.profile.laws)
        items = [
            f"为了规范{s}工作，{rng.choice(PURPOSES)}，根据{law}等法律法规，结合本市实际，制定本办法。",
            f"本办法适用于本市行政区域内的{s}及其监督管理活动。",
            f"{self.name}负责全市{s}的统筹协调和监督管理；各区人民政府负责本辖区内的相关工作。",
        ]
        items += [f"{m}。" for m in rng.sample(MEASURES, rng.randint(3, 5))]
        items.append(
            "违反本办法规定的，由有关部门依照相关法律、法规予以处理；构成犯罪的，依法追究刑事责任。"
        )
        end = f"本办法自{effective.year}年{effective.month}月{effective.day}日起施行"
        items.append(end + (f"，有效期{years}年。" if years else "。"))
        numerals = "一二三四五六七八九十"
        text = f"<h3>{name}</h3>"
        for i, article in enumerate(items, 1):
            n = numerals[i - 1] if i <= 10 else "十" + numerals[i - 11]
            text += f"<p>第{n}条　{article}</p>"
        return text, len(items)

    def regulation(self, col: Col, formed: dt.date, genre: str) -> None:
        """A 规章 (city government) or 行政规范性文件, with its interpretation; sometimes the
        new version of an earlier one, which then becomes 已修改 or 废止."""
        rng = self.rng
        old = None
        candidates = [
            p
            for p in self.documents
            if p.genre == genre
            and p.key not in self.replaced
            and p.formed_on < formed
            and (p.expires_on is None or p.expires_on > formed)
        ]
        if candidates and rng.random() < 0.3:
            old = rng.choice(candidates)
            base = old.name.split("（")[0]
            s = base.removeprefix(CITY_NAME)
            name = f"{base}（{formed.year}年修订）"
            for suffix in RULE_SUFFIXES:
                s = s.removesuffix(suffix)
        else:
            s = rng.choice(self.profile.subjects)
            name = f"{CITY_NAME}{s}{rng.choice(RULE_SUFFIXES)}"
        effective = formed + dt.timedelta(days=rng.choice((15, 30, 30, 60)))
        published = self.publish_date(formed, 2, 10)
        if genre == G.RULE:
            number = f"{CITY_NAME}人民政府令第{self.number('令', 0, 1) + 40}号"
            title = name
            years = None
            body = self.paras(
                f"《{name}》已经{formed.year}年{formed.month}月{formed.day}日市人民政府第"
                f"{rng.randint(20, 90)}次常务会议审议通过，现予公布，"
                f"自{effective.year}年{effective.month}月{effective.day}日起施行。",
                f"市长　{self.profile.leaders[0][1]}",
            )
        else:
            series = f"{self.profile.prefix}{'办' if rng.random() < 0.3 else ''}规"
            number = self.doc_number(series, formed.year, 1)
            title = f"关于印发《{name}》的通知"
            years = rng.choice((2, 3, 5, 5))
            meeting = "市人民政府常务会议" if self.profile.key == "szf" else "局务会议"
            body = self.paras(
                f"{self.profile.addressees}：",
                f"《{name}》已经{meeting}审议通过，现印发给你们，请认真贯彻执行。",
            )
            body += self.signature(formed)
        text, n_articles = self.articles(s, name, effective, years)
        body += text
        if old is not None:
            body += self.paras(f"原《{old.name}》同时废止。")
        plan = self.add(
            Plan(
                col.slug,
                title,
                formed,
                published,
                body,
                genre,
                document_number=number,
                summary=f"《{name}》共{n_articles}条，"
                f"自{effective.year}年{effective.month}月{effective.day}日起施行。",
                name=name,
                effective_on=effective,
                expires_on=effective.replace(year=effective.year + years) - dt.timedelta(1)
                if years
                else None,
            )
        )
        if plan is None:
            return
        if old is not None:
            validity = Item.Validity.AMENDED if rng.random() < 0.5 else Item.Validity.REPEALED
            plan.supersedes = (old.key, validity)
            self.replaced.add(old.key)
            old.expires_on = None  # replaced: it does not run out on its own
        self.documents.append(plan)
        self.interpretation(plan, f"《{name}》")

    def interpretation(self, doc: Plan, name: str) -> None:
        rng = self.rng
        formed = max(doc.formed_on, self.before(doc.publish_on, 2))
        title = rng.choice(("{n}政策解读", "关于{n}的解读", "一图读懂{n}")).format(n=name)
        s = rng.choice(self.profile.subjects)
        body = (
            "<h3>一、起草背景</h3>"
            + self.paras(
                f"近年来，我市{s}工作取得积极进展，但仍存在{rng.choice(PROBLEMS)}等问题，"
                f"有必要制定出台相关文件，进一步规范和加强相关工作。"
            )
            + "<h3>二、制定依据</h3>"
            + self.paras(f"{rng.choice(self.profile.laws)}及国家、省有关规定。")
            + "<h3>三、主要内容</h3>"
            + self.paras(*(f"{m}。" for m in rng.sample(MEASURES, 3)))
            + "<h3>四、解读机关及联系方式</h3>"
            + self.paras(f"解读机关：{self.name}　联系电话：{self.agency.office_phone}")
        )
        has_column = any(c.slug == "zcjd" for c in self.profile.columns)
        self.add(
            Plan(
                "zcjd" if has_column else doc.column,
                title,
                formed,
                doc.publish_on,
                body,
                G.INTERPRETATION,
                interprets=(doc.key,),
                summary=f"对{name}的起草背景、制定依据和主要内容进行解读。",
            )
        )

    def normative(self, col: Col, formed: dt.date) -> None:
        self.regulation(col, formed, G.NORMATIVE)

    def rule(self, col: Col, formed: dt.date) -> None:
        self.regulation(col, formed, G.RULE)
