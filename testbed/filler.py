"""Ordinary disclosures that fill the columns around the planted cases.

Filler is generated from fixed word lists with a seeded random generator, so
the city is the same on every build. Filler text never contains a word an
indicator looks for (`FORBIDDEN_WORDS`): only planted disclosures decide a
finding.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from testbed.model import Doc

# Words the indicators read; filler titles and bodies must never hold them.
FORBIDDEN_WORDS = (
    "政务公开",
    "台账",
    "预算",
    "决算",
    "三公",
    "解读",
    "季度",
    "上半年",
    "全年",
    "经济运行",
    "空气",
    "AQI",
    "审计",
    "处罚",
    "许可",
    "双公示",
    "权责",
    "指南",
    "目录",
    "收费",
    "联系人",
    "分管",
    "负责",
    "年度报告",
    "年报",
    "政府信息公开",
)

NEWS_ACTIONS = ("召开", "开展", "举办", "部署", "推进", "组织")
NEWS_TOPICS = (
    "安全生产专题会议",
    "党风廉政建设推进会",
    "“两学一做”学习教育交流会",
    "重点项目观摩活动",
    "冬季供暖保障督导",
    "防汛工作调度会",
    "精准扶贫走访活动",
    "优化营商环境座谈会",
    "节前安全检查",
    "干部作风整顿动员会",
    "业务骨干培训班",
    "志愿服务进社区活动",
    "文明单位创建推进会",
    "信访稳定工作会议",
    "消防演练",
    "“互联网+政务服务”推进会",
    "民生实事督查",
    "基层党建观摩交流",
    "法治宣传进企业活动",
    "重点工作半月调度会",
)
NOTICE_TOPICS = (
    "做好元旦春节期间有关工作",
    "开展安全生产大检查",
    "调整夏季作息时间",
    "组织参加业务能力培训",
    "开展节能宣传周活动",
    "做好汛期值班值守工作",
    "开展档案规范化管理检查",
    "报送重点工作进展情况",
    "做好国庆节期间值班工作",
    "开展“书香机关”读书活动",
    "征集优秀调研文章",
    "开展消防安全培训",
    "做好冬季安全防范工作",
    "开展公文处理规范化培训",
    "组织干部职工健康体检",
    "推荐先进工作者人选",
)
POLICY_TOPICS = (
    "进一步加强安全生产工作的意见",
    "印发机关公文处理办法的通知",
    "加强基层队伍建设的实施意见",
    "印发重点工作督查办法的通知",
    "推进“互联网+政务服务”工作的通知",
    "加强机关作风建设的意见",
    "印发应急值守工作制度的通知",
    "规范专项资金管理的通知",
    "印发节能降耗实施办法的通知",
    "加强档案管理工作的通知",
)
BODY_SENTENCES = (
    "会议强调，要提高政治站位，把各项工作抓紧抓实抓细。",
    "各单位要结合实际，认真研究部署，确保各项任务落到实处。",
    "此次活动进一步增强了干部职工的责任意识和服务意识。",
    "与会人员围绕工作重点进行了深入交流，提出了意见建议。",
    "下一步，将持续跟踪督办，确保工作取得实效。",
    "请各单位按照要求认真组织，按时报送有关材料。",
    "活动现场秩序井然，群众反响良好。",
    "会议要求，要加强统筹协调，形成工作合力。",
    "各科室要高度重视，明确专人，抓好落实。",
    "本文件自印发之日起施行。",
)


def dates_back(newest: date, count: int, step_days: int) -> list[date]:
    """Return `count` dates from `newest` back in steps of `step_days`."""
    return [newest - timedelta(days=step_days * index) for index in range(count)]


def filler_body(rng: random.Random, sentences: int = 3) -> list[str]:
    """Return one or two paragraphs of ordinary prose."""
    chosen = rng.sample(BODY_SENTENCES, sentences)
    return ["".join(chosen[:2]), "".join(chosen[2:])] if sentences > 2 else chosen


def _titles(rng: random.Random, parts: list[str], count: int) -> list[str]:
    rng.shuffle(parts)
    titles = []
    for index in range(count):
        title = parts[index % len(parts)]
        if index >= len(parts):
            title += f"（{index // len(parts) + 1}）"
        titles.append(title)
    return titles


def news_docs(
    key: str, short: str, newest: date, count: int, step_days: int, seed: str
) -> list[Doc]:
    """Return dated news articles of a unit, newest first."""
    rng = random.Random(f"news:{seed}:{key}")
    parts = [
        f"{short}{action}{topic}" for action in NEWS_ACTIONS for topic in NEWS_TOPICS
    ]
    titles = _titles(rng, parts, count)
    return [
        Doc(f"{key}{index:03d}", title, day, body=filler_body(rng))
        for index, (title, day) in enumerate(
            zip(titles, dates_back(newest, count, step_days), strict=True)
        )
    ]


def notice_docs(
    key: str, short: str, newest: date, count: int, step_days: int, seed: str
) -> list[Doc]:
    """Return dated notices of a unit (信息公开 documents), newest first."""
    rng = random.Random(f"notice:{seed}:{key}")
    parts = [f"{short}关于{topic}的通知" for topic in NOTICE_TOPICS]
    titles = _titles(rng, parts, count)
    return [
        Doc(f"{key}{index:03d}", title, day, template="document", body=filler_body(rng))
        for index, (title, day) in enumerate(
            zip(titles, dates_back(newest, count, step_days), strict=True)
        )
    ]


def policy_docs(
    key: str,
    name: str,
    doc_prefix: str,
    newest: date,
    count: int,
    step_days: int,
    seed: str,
    first_number: int = 40,
) -> list[Doc]:
    """Return dated policy documents with 文号, newest first."""
    rng = random.Random(f"policy:{seed}:{key}")
    parts = [f"{name}关于{topic}" for topic in POLICY_TOPICS]
    titles = _titles(rng, parts, count)
    docs = []
    for index, (title, day) in enumerate(
        zip(titles, dates_back(newest, count, step_days), strict=True)
    ):
        doc_no = f"{doc_prefix}〔{day.year}〕{first_number + count - index}号"
        docs.append(
            Doc(
                f"{key}{index:03d}",
                title,
                day,
                template="document",
                doc_no=doc_no,
                body=filler_body(rng, 4),
            )
        )
    return docs


def plain_docs(
    key: str, titles: list[str], newest: date, step_days: int, seed: str
) -> list[Doc]:
    """Return dated documents with the given titles, newest first."""
    rng = random.Random(f"plain:{seed}:{key}")
    return [
        Doc(f"{key}{index:03d}", title, day, template="document", body=filler_body(rng))
        for index, (title, day) in enumerate(
            zip(titles, dates_back(newest, len(titles), step_days), strict=True)
        )
    ]
