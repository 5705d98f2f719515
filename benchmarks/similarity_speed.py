"""Time to compare 1,000 reports with each other for 雷同 (target: under 60 s here).

Run: .venv/bin/python benchmarks/similarity_speed.py [--reports 1000]

The corpus: report texts of ~3,000 characters built from a shared pool of sentences (so
reports overlap a little, as real ones do through common phrasing), plus planted copies —
last year's text with the numbers changed — which must all be found.
"""

from __future__ import annotations

import argparse
import random
import re
import time

from xxgk.annual.similarity import similar_pairs

WORDS = (
    "政府信息公开 主动公开 依申请公开 政务公开 工作 推进 落实 加强 完善 机制 制度 平台 网站 栏目 政策 解读 "
    "回应 关切 规范 办理 答复 申请 群众 企业 服务 监督 保障 考核 评议 培训 人员 信息 发布 更新 管理 审查 保密 "
    "目录 指南 年报 数据 开放 环境 生态 住房 建设 司法 教育 卫生 交通 农业 水利 财政 预算 决算 采购 项目 许可 "
    "处罚 强制 收费 统计 规划 应急 安全 市场 监管 民政 救助 就业 社保 医疗 文化 旅游 科技 创新 改革 发展"
).split()


def sentence(rnd: random.Random) -> str:
    words = [rnd.choice(WORDS) for _ in range(rnd.randint(6, 14))]
    if rnd.random() < 0.5:
        words.insert(rnd.randint(0, len(words)), f"{rnd.randint(1, 999)}件")
    return "".join(words) + "。"


def corpus(n: int, seed: int = 7) -> tuple[dict[str, str], set[tuple[str, str]]]:
    rnd = random.Random(seed)
    pool = [sentence(rnd) for _ in range(n * 20)]
    texts = {f"r{i:04d}": "".join(rnd.sample(pool, 60)) for i in range(n - n // 20)}
    planted = set()
    for j, src in enumerate(rnd.sample(sorted(texts), n // 20)):
        key = f"c{j:04d}"
        texts[key] = re.sub(r"\d+", lambda m: str(int(m.group(0)) + 1), texts[src])
        planted.add((src, key))
    return texts, planted


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1000)
    args = ap.parse_args()
    texts, planted = corpus(args.reports)
    chars = sum(len(t) for t in texts.values())
    start = time.perf_counter()
    pairs = similar_pairs(texts)
    elapsed = time.perf_counter() - start
    found = {tuple(sorted((p.a, p.b))) for p in pairs}
    wanted = {tuple(sorted(p)) for p in planted}
    print(f"reports: {len(texts)}  characters: {chars}")
    print(f"all-pairs comparison: {elapsed:.1f} s (target < 60 s)")
    print(
        f"planted copies found: {len(found & wanted)}/{len(wanted)}  other pairs flagged: {len(found - wanted)}"
    )
    return 0 if found >= wanted else 1


if __name__ == "__main__":
    raise SystemExit(main())
