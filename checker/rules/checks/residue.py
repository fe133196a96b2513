"""No template residue, drafting instructions or copy-site furniture left in the text.

Reports drafted from a template or copied from a 范文 site keep tell-tale text: placeholders
(XX县, ××, ＊次, 某某, 202X年, 【填写…】, a template's unfilled {year}), instructions to the
drafter (此处填写, 请根据实际情况填写, （可选）), the watermark lines mirror sites add
(…全网资源每日更新…, a site's address) and a web page's buttons (【打印本页】). Every
line of the report — title block, body and signature — is searched for ``patterns`` (regexes,
each one kind of residue); each line is flagged once, quoting what was found. Addresses of
government sites (``.gov.cn``) are not furniture. Reviewers tune the list per checklist: a
child checklist overrides ``patterns``, or adds a second ``residue`` check with its own.

PASS:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）规范执法。评查案卷320卷，下发整改通知书14份，群众可登录www.qingxi.gov.cn查询。
    二、存在的不足及原因
    一是执法文书不规范。二是基层力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。
    三、2026年工作安排
    （一）压实责任。2026年县政府常务会议会前学法不少于12次。
    （二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。
    青溪县人民政府
    2026年2月12日

FAIL:
    XX县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项＊项，“一网通办”率达到97.6%。
    （二）规范执法。评查案卷320卷，下发整改通知书14份。【此处填写典型案例】
    二、存在的不足及原因
    一是执法文书不规范。二是基层力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。
    精品范文全网资源每日更新 www.fanwen-down.com
    三、2026年工作安排
    （一）压实责任。2026年县政府常务会议会前学法不少于12次。
    （二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。
    青溪县人民政府
    2026年2月12日
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.common import patterns as bounded
from checker.common.chinese import fill_years
from checker.reading.normalise import Paragraph
from checker.result import Evidence
from checker.rules.registry import Context, Flag, Param

TITLE = "没有模板残留和网站水印"
COMPARES = False
PARAMS = {
    "patterns": Param("regexes", "模板残留、填写说明和网站水印的正则，每条一类；命中的行报告一次"),
}
_UNITS = "县市区镇乡局委办年月日次项件个人名场期家所条份卷天%％"
DEFAULTS: dict[str, Any] = {
    "patterns": [
        # placeholders: XX县, ××, X月X日, ＊次 (a lone asterisk: Markdown's ** is not one)
        rf"(?<![A-Za-z])(?:[XＸxｘ]{{2,3}}(?=[\u4e00-\u9fff])|[XＸ](?=[{_UNITS}]))|(?<![*＊])[×*＊](?![*＊])(?=[{_UNITS}])|××+",
        "某某",
        # drafting instructions left in
        r"【[^】]{0,20}(?:填写|填报|补充|插入|修改|删除|替换|待定)[^】]{0,20}】",
        r"\{\{?\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}?|\$\{[A-Za-z_][A-Za-z0-9_.]*\}",  # a template's unfilled {year} or {{ name }}
        r"此处(?:填写|填入|插入|补充|可写)|请(?:在此|根据实际情况?|结合实际)?填写|根据实际情况填写|待填写|待补充",
        r"[（(](?:可选|选填|此处|范文|模板|字数)[^）)]{0,30}[）)]",
        # watermarks of copy sites
        r"(?:全网|海量|精品|免费)[^。，；]{0,8}(?:资源|范文|文档|下载)|每日更新|范文网|百度文库|道客巴巴|豆丁网",
        r"【(?:打印(?:本页)?|关闭(?:窗口)?|字体[：:]?[^】]{0,6}|收藏|分享到?|返回顶部)】",  # a web page's buttons
        r"(?i)(?<![A-Za-z0-9.])www\.(?![A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.gov\.cn)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    ],
}


def _paragraphs(context: Context) -> list[Paragraph]:
    """Every paragraph of the report in order: title block, body, signature."""
    body: dict[int, Paragraph] = {}
    for sentence in context.outline.sentences:
        body.setdefault(id(sentence.paragraph), sentence.paragraph)
    return [*context.outline.front, *body.values(), *context.outline.back]


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    sources = [fill_years(pattern, context.year) for pattern in params["patterns"]]
    patterns = [bounded.compile(source) for source in sources]
    any_residue = bounded.any_of(sources)  # most paragraphs have none: one search tells
    flagged: set[int] = set()
    for paragraph in _paragraphs(context):
        if not any_residue(paragraph.text):
            continue
        for pattern in patterns:
            for found in pattern.finditer(paragraph.text):
                line = paragraph.line_at(found.start())
                if line in flagged:
                    continue
                flagged.add(line)
                on_line = "".join(char for char, at in zip(paragraph.text, paragraph.lines) if at == line)
                start = max(0, on_line.find(found.group(0)) - 20)
                quote = on_line[start : start + 60].strip()
                yield Flag(
                    f"第 {line} 行疑似模板残留或网站水印：“{found.group(0)}”，提交前请改为实际内容或删除",
                    (Evidence(line, (), quote, found.group(0), "sentence", paragraph.page(line)),),
                )
