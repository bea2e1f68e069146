"""A scaled synthetic city for benchmarks: many units, many disclosures each.

Synthetic units reuse the four portal styles in turn and hold ordinary
disclosures only; they carry no planted cases and have no expected findings.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from testbed.filler import news_docs, notice_docs, policy_docs
from testbed.model import MAX_UNITS, STYLES, Unit
from testbed.planted.common import (
    catalogue_column,
    finish_unit,
    guide_column,
    interpretation_doc,
    leader_column,
    nav_column,
    new_unit,
)

BODIES = (
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "民族宗教事务局",
    "公安局",
    "民政局",
    "司法局",
    "人力资源和社会保障局",
    "国土资源局",
    "城乡规划局",
    "交通运输局",
    "水务局",
    "农业局",
    "林业局",
    "文化广电新闻出版局",
    "卫生和计划生育委员会",
    "体育局",
    "旅游局",
    "人民防空办公室",
    "粮食局",
    "机关事务管理局",
    "地方金融服务局",
    "园林局",
    "城市管理局",
    "安全生产监督管理局",
    "物价局",
    "畜牧局",
    "扶贫开发办公室",
    "外事侨务办公室",
    "档案局",
)
AREAS = (
    "",
    "河湾区",
    "东岭县",
    "北山区",
    "南湖区",
    "西峡县",
    "中州区",
    "白云县",
    "青山区",
)
TAG_SETS = (
    [],
    ["enforcement"],
    ["fees"],
    ["enforcement", "food_drug"],
    ["economy"],
    ["audit"],
    ["environment", "enforcement"],
    ["fees", "economy"],
)
SYNTHETIC_AS_OF = date(2016, 12, 20)


def synthetic_unit(number: int, disclosures: int) -> Unit:
    """One synthetic unit holding exactly `disclosures` disclosures."""
    body = BODIES[(number - 1) % len(BODIES)]
    area = AREAS[((number - 1) // len(BODIES)) % len(AREAS)]
    round_ = (number - 1) // (len(BODIES) * len(AREAS))
    name = f"中原市{area}{body}" + (f"第{round_ + 1}分局" if round_ else "")
    kind = "市政府部门" if not area else "区县部门"
    style = STYLES[(number - 1) % len(STYLES)]
    unit = new_unit(
        number, name, body, kind, style, list(TAG_SETS[number % len(TAG_SETS)])
    )
    rng = random.Random(f"synthetic:{number}")
    newest = SYNTHETIC_AS_OF - timedelta(days=rng.randrange(0, 6))
    fixed = 2 if disclosures >= 2 else 0
    rest = disclosures - fixed
    sizes = [rest * 45 // 100, rest * 25 // 100, rest * 15 // 100]
    sizes.append(rest - sum(sizes))
    interpretations = [
        interpretation_doc(
            f"jd{index:03d}",
            f"{name}政策解读（{index + 1}）",
            newest - timedelta(days=9 * index),
            lead="现就有关政策解读如下。",
            contact=("张敏", "0371-60000000"),
            seed=str(number),
        )
        for index in range(sizes[3])
    ]
    unit.columns = [
        nav_column(
            "gzdt",
            "工作动态",
            news_docs("gzdt", body, newest, sizes[0], 3, unit.id),
            home=True,
        ),
        nav_column(
            "tzgg",
            "通知公告",
            notice_docs("tzgg", body, newest, sizes[1], 7, unit.id),
            home=True,
        ),
        nav_column("zcjd", "政策解读", interpretations),
        catalogue_column(
            "zcwj",
            "政策文件",
            policy_docs("zcwj", name, "中原", newest, sizes[2], 11, unit.id, 100),
        ),
    ]
    if fixed:
        unit.columns += [
            guide_column(unit),
            leader_column(unit, ["局长：王明，主持全面工作。"]),
        ]
    return finish_unit(unit)


def build_synthetic(units: int, disclosures_per_unit: int) -> list[Unit]:
    """`units` synthetic units of `disclosures_per_unit` disclosures each."""
    if not 1 <= units <= MAX_UNITS:
        raise ValueError(f"a synthetic city holds 1 to {MAX_UNITS} units, not {units}")
    if disclosures_per_unit < 0:
        raise ValueError(
            f"disclosures per unit must be 0 or more, not {disclosures_per_unit}"
        )
    return [
        synthetic_unit(number, disclosures_per_unit) for number in range(1, units + 1)
    ]
