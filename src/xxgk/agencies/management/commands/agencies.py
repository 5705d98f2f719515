"""`xxgk agencies`: the agencies' codes and names, as a tree, for the commands that take a code."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from xxgk.agencies.models import Agency
from xxgk.agencies.queries import agency_tree


class Command(BaseCommand):
    help = "列出机关的代码和名称（按机关层级）"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出（每个机关一个对象）")

    def handle(self, *args, **opts):
        roots = agency_tree(list(Agency.objects.all()))
        rows: list[tuple[int, Agency]] = []

        def walk(nodes, depth: int) -> None:
            for n in nodes:
                rows.append((depth, n.agency))
                walk(n.children, depth + 1)

        walk(roots, 0)
        if opts["json"]:
            doc = [
                {
                    "code": a.code,
                    "name": a.name,
                    "kind": a.kind,
                    "parent": a.parent.code if a.parent_id else None,
                }
                for _, a in rows
            ]
            self.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1))
            return
        if not rows:
            self.stdout.write("还没有机关（xxgk demo 可载入示例数据，或在管理后台添加）")
            return
        width = max(len(a.code) + 2 * depth for depth, a in rows)
        self.stdout.write(f"{'代码'.ljust(width - 2)}  名称（类型）")
        for depth, a in rows:
            code = ("  " * depth + a.code).ljust(width)
            self.stdout.write(f"{code}  {a.name}（{a.get_kind_display()}）")
        self.stdout.write(f"共 {len(rows)} 个机关")
