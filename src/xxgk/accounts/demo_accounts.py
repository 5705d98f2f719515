"""The demo's sign-in names and what each person does: the login page lists them in demo
mode (`XXGK_SHOW_DEMO_ACCOUNTS`, on outside production) and the README repeats them. The
demo loader (xxgk.demo) creates these users with these roles; every password equals the name."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DEMO_ACCOUNTS = (
    ("admin", _("系统管理员：全部机关的全部角色，可进入管理后台")),
    ("sfj-handler", _("市司法局依申请公开经办人：工作台、办理申请、复议诉讼")),
    ("sfj-head", _("市司法局政府信息公开工作机构负责人：审批、延期、审定年度报告")),
    ("sthjj-handler", _("市生态环境局经办人（不予公开须经负责人审批）")),
    ("sthjj-head", _("市生态环境局负责人：审批待批的答复")),
    ("zjj-handler", _("市住房和城乡建设局经办人")),
    ("szf-handler", _("市人民政府办公室经办人")),
    ("editor", _("信息编辑：起草主动公开信息、填报表二数据")),
    ("reviewer", _("保密审查人员：审查并发布信息")),
    ("gkb", _("市政务公开办（主管部门）：年度报告概况、雷同检查、举报，只读")),
)
