"""The `sentence_present` rule kind: a sentence on the portal says something.

The leader in charge of openness is named when one sentence holds a person's
name, 分管 or 负责, and 政务公开. Sentences end at 。！？; a leader's entry in
a 领导分工 list ("副局长 张建国" on one line, the duties on the next, up to the
full stop) is read as one sentence, so a window of a few lines before a full
stop counts too. A role without a name (由分管副局长负责) names nobody.

Names are recognised by a common surname followed by one or two characters,
standing next to an office title (局长, 主任, …) or 同志, or opening a list
entry with a colon. This is a heuristic: a name written without any title or
colon is missed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import Field

from scoring.context import Outcome, RuleContext
from scoring.registry import RuleParams, rule_kind
from scoring.text import quote

Names = list[str]

# Common single-character surnames. Characters that often begin ordinary
# words next to 负责/分管 (全面负责, 总负责, 主要负责, 由…负责) are left out on
# purpose: a false name would pass a unit that names nobody.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹"
    "薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施牛樊葛邢齐易乔伍庞颜"
    "倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗"
    "谷盛曲翁冉骆蓝路辛靳柴蒙鲍喻祁蒲房滕屈饶牟艾尤穆卓缪芦麦褚娄窦戚岑景冷晏"
    "卫米柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝鞠惠荆"
    "冀郁胥栗燕鄢谌奚粟冼蔺阚屠朴禹祖漆狄晁芮扈雍辜羊裘亓邰赫杭逯茹嵇湛戎茅"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "夏侯",
    "宇文",
    "长孙",
    "端木",
)
OFFICE_TITLES = (
    "党组书记",
    "党委书记",
    "党组成员",
    "党委委员",
    "纪检组长",
    "总经济师",
    "总工程师",
    "调研员",
    "秘书长",
    "副局长",
    "局长",
    "副主任",
    "主任",
    "副书记",
    "书记",
    "副区长",
    "区长",
    "副市长",
    "市长",
    "副县长",
    "县长",
    "副镇长",
    "镇长",
    "副乡长",
    "乡长",
    "副主席",
    "主席",
    "副处长",
    "处长",
    "副科长",
    "科长",
    "副院长",
    "院长",
    "副所长",
    "所长",
    "副组长",
    "组长",
    "副部长",
    "部长",
    "副厅长",
    "厅长",
    "副队长",
    "队长",
    "站长",
    "馆长",
    "行长",
    "社长",
    "理事长",
    "同志",
)
# Characters that never stand inside a two- or three-character given name here:
# office words, grammar and the keywords themselves.
_NOT_IN_NAME = "副分管负责主持由的与及兼任为是在长书记局厅处科室办委部院所站队会组府市县区镇乡街党工作等员协助联系"


class SentenceParams(RuleParams):
    """Parameters of `sentence_present`."""

    # Every group needs one of its words in the sentence.
    all_of: list[Names] = Field(min_length=1)
    # The sentence must also name a person.
    person: bool = True
    person_titles: Names = list(OFFICE_TITLES)
    # A sentence longer than this is navigation or a run-on page, not a statement.
    max_sentence_chars: int = Field(default=200, ge=10)
    # Lines a list entry may span before its full stop.
    max_lines: int = Field(default=4, ge=1)


@rule_kind("sentence_present", SentenceParams)
def evaluate_sentence(context: RuleContext, params: SentenceParams) -> Outcome:
    """A sentence on the portal holds one word of each group (and a person's name)."""
    groups = [[_squash(word) for word in group] for group in params.all_of]
    name_pattern = _name_pattern(tuple(params.person_titles)) if params.person else None
    pages = [page for page in context.snapshot.pages if page.ok and page.text]

    near_misses = []
    for page in sorted(pages, key=lambda page: (page.role != "homepage", page.url)):
        # Keywords are looked up in the raw text first: squashing every page
        # is the costly part, and a keyword split by a space is rare.
        if not all(any(word in page.text for word in group) for group in groups):
            continue
        for sentence, statement in _sentences(page.text, params):
            if not all(any(word in statement for word in group) for group in groups):
                continue
            person = _find_person(sentence, name_pattern) if name_pattern else ""
            if person is None:
                near_misses.append((page, sentence))
                continue
            found = f"（姓名：{person}）" if person else ""
            return Outcome(
                "pass",
                f"在 {page.url} 找到相关表述{found}：{quote(sentence, 80)}",
                [context.page_evidence(page, "pass", sentence)],
            )

    required = " + ".join("/".join(group) for group in params.all_of) + (
        " + 人员姓名" if params.person else ""
    )
    if near_misses:
        page, sentence = near_misses[0]
        return Outcome(
            "fail",
            f"仅有未写明人员姓名的表述，如 {page.url} 上的“{quote(sentence, 60)}”；"
            f"要求：同一句中包含 {required}",
            [context.page_evidence(page, "fail", sentence)],
        )
    return Outcome(
        "fail",
        f"已抓取的 {len(pages)} 个页面中没有同时包含 {required} 的表述",
        context.homepage_evidence("fail"),
    )


_SPACES = re.compile(r"[\s\u3000]+")
_ENDS = re.compile(r"[。！？!?]")


def _squash(text: str) -> str:
    return _SPACES.sub("", text)


def _sentences(text: str, params: SentenceParams):
    """Yield (sentence, statement) pairs, squashed.

    A sentence is one line, or a list entry: up to `max_lines` lines ending
    at a full stop, whose last line is the statement (the duties) and whose
    first lines may hold the name and office. The keywords must stand in the
    statement, so navigation lines above an entry add nothing to it.
    """
    for chunk in _ENDS.split(text):
        lines = [_squash(line) for line in chunk.splitlines()]
        lines = [line for line in lines if line]
        for line in lines:
            if len(line) <= params.max_sentence_chars:
                yield line, line
        if len(lines) < 2:
            continue
        statement = lines[-1]
        for start in range(max(0, len(lines) - params.max_lines), len(lines) - 1):
            sentence = "".join(lines[start:])
            if len(sentence) <= params.max_sentence_chars:
                yield sentence, statement


@lru_cache(maxsize=16)
def _name_pattern(titles: tuple[str, ...]) -> re.Pattern:
    ordered = sorted(titles, key=len, reverse=True)
    title = "(?:" + "|".join(re.escape(item) for item in ordered) + ")"
    surname = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + SURNAMES + "])"
    given = f"[^{_NOT_IN_NAME}\\W\\d_A-Za-z]"
    name = f"{surname}{given}{{1,2}}?"
    after = "(?=同志|分管|负责|主持|协助|兼|[，,、：:；;（(]|$)"
    return re.compile(
        f"{title}[：:]?(?P<a>{name}){after}"  # 副局长张建国分管… / 局长：马志远，
        f"|(?P<b>{name})[（(]?{title}"  # 张建国副局长… / 刘建华（副局长）
        f"|^(?P<c>{name})[：:]"  # 张建国：分管…
    )


def _find_person(sentence: str, pattern: re.Pattern) -> str | None:
    for match in pattern.finditer(sentence):
        name = match.group("a") or match.group("b") or match.group("c")
        if name:
            return name
    return None
