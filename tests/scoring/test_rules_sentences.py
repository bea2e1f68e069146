"""The leader in charge of openness is named in one sentence on the portal."""

import pytest


def _leader_finding(store, text: str) -> dict:
    unit = store.unit("u1")
    unit.page(unit.url("ldfg.html"), text=text, title="领导分工")
    return store.judge("u1", "zz2016.leader")


@pytest.mark.parametrize(
    "text",
    [
        "副局长张建国分管办公室、政务公开工作。",
        "政务公开工作由副局长王芳负责。",
        "张建国同志负责政务公开工作。",
        "王芳：分管政务公开、财务工作。",
        "欧阳明远副主任分管政务公开工作。",
        "领导分工\n副局长\n张建国\n分管办公室、政务公开、财务工作。",
        "李 明　副局长　负责政务公开。",
        "刘建华（副局长）：分管政务公开、办公室工作。",
        "副局长：王立新，负责政务公开工作。",
        "区政府办公室主任孙志强负责全区政务公开工作。",
    ],
)
def test_sentence_naming_a_leader_with_the_openness_duty_passes(store, text):
    finding = _leader_finding(store, text)
    assert finding["status"] == "pass", finding["detail"]
    assert finding["evidence"][0]["verdict"] == "pass"


@pytest.mark.parametrize(
    "text",
    [
        "政务公开工作由分管副局长负责。",
        "局长全面负责政务公开工作。",
        "主要负责同志亲自抓政务公开工作。",
        "办公室主任负责政务公开日常工作。",
    ],
)
def test_role_without_a_name_does_not_name_the_leader(store, text):
    finding = _leader_finding(store, text)
    assert finding["status"] == "fail", finding["detail"]
    assert "仅有未写明人员姓名的表述" in finding["detail"]


def test_name_and_duty_in_different_sentences_do_not_combine(store):
    text = "副局长张建国分管财务工作。政务公开工作由办公室负责。"
    assert _leader_finding(store, text)["status"] == "fail"


def test_navigation_words_and_a_distant_name_do_not_make_a_sentence(store):
    text = "首页\n政务公开\n机构概况\n" + "栏目\n" * 60 + "副局长张建国分管财务工作。"
    assert _leader_finding(store, text)["status"] == "fail"


def test_portal_without_any_such_sentence_fails_with_homepage_evidence(store):
    store.unit("u1", homepage_text="欢迎访问")
    finding = store.judge("u1", "zz2016.leader")
    assert finding["status"] == "fail"
    assert finding["evidence"][0]["url"] == "http://127.0.1.1/"


def test_openness_in_a_menu_line_above_an_entry_does_not_join_the_entry(store):
    text = "首页\n政务公开\n副局长张建国\n分管财务工作。"
    assert _leader_finding(store, text)["status"] == "fail"


def test_given_names_with_common_characters_are_recognised(store):
    text = "副局长王志强、张正和、李心怡负责政务公开工作。"
    assert _leader_finding(store, text)["status"] == "pass"
