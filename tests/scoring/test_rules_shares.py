"""Share rules: timeliness in working days, required fields, contacts."""

from datetime import date

LICENCE = {
    "行政许可决定书文号": "郑教许〔2016〕12号",
    "项目名称": "民办学校设立审批",
    "行政相对人名称": "某某学校",
    "许可内容": "准予设立",
    "许可决定日期": "2016年6月3日",
    "许可机关": "市教育局",
}
PENALTY = {
    "行政处罚决定书文号": "郑教罚〔2016〕3号",
    "案件名称": "违规办学案",
    "行政相对人名称": "某某培训中心",
    "处罚事由": "未经批准办学",
    "处罚依据": "《民办教育促进法》第六十二条",
    "处罚结果": "罚款一万元",
    "处罚决定日期": "2016-06-08",
    "处罚机关": "市教育局",
}


def _sgs_unit(store, key="u1"):
    unit = store.unit(key, tags=["enforcement"])
    return unit, unit.column("双公示")


def test_records_on_the_seventh_working_day_pass_and_the_day_after_fail(store):
    unit, column = _sgs_unit(store)
    # 7 working days after Friday 2016-06-03, across the Dragon Boat holiday.
    unit.disclosure(column, "许可一", published=date(2016, 6, 15), fields=LICENCE)
    unit.disclosure(column, "许可二", published=date(2016, 6, 16), fields=LICENCE)
    finding = store.judge("u1", "zz2016.sgs.timely")
    assert finding["status"] == "partial"
    assert finding["points"] == 3
    verdicts = {item["title"]: item for item in finding["evidence"]}
    assert verdicts["许可一"]["verdict"] == "pass"
    assert verdicts["许可二"]["verdict"] == "fail"
    assert verdicts["许可二"]["dates"]["due"] == "2016-06-15"
    assert verdicts["许可二"]["dates"]["start"] == "2016-06-03"


def test_record_without_decision_date_fails_timeliness(store):
    unit, column = _sgs_unit(store)
    fields = {key: value for key, value in LICENCE.items() if key != "许可决定日期"}
    unit.disclosure(column, "许可", published=date(2016, 6, 5), fields=fields)
    finding = store.judge("u1", "zz2016.sgs.timely")
    assert finding["status"] == "fail"
    assert "未标明" in finding["evidence"][0]["quote"]


def test_undated_record_fails_timeliness(store):
    unit, column = _sgs_unit(store)
    unit.disclosure(column, "处罚", fields=PENALTY)
    finding = store.judge("u1", "zz2016.sgs.timely")
    assert finding["status"] == "fail"
    assert finding["evidence"][0]["quote"] == "无日期"


def test_records_of_sub_columns_are_judged_once_per_url(store):
    unit, column = _sgs_unit(store)
    child = unit.column("行政处罚", parent=column)
    record = unit.disclosure(child, "处罚", published=date(2016, 6, 8), fields=PENALTY)
    unit.disclosure(
        column,
        "处罚",
        published=date(2016, 6, 8),
        fields=PENALTY,
        url=record.url,
        fetched=False,
    )
    finding = store.judge("u1", "zz2016.sgs.timely")
    assert finding["status"] == "pass"
    assert len(finding["evidence"]) == 1


def test_records_whose_pages_were_not_fetched_are_unknown(store):
    unit, column = _sgs_unit(store)
    unit.disclosure(column, "许可", list_date=date(2016, 6, 5), fetched=False)
    finding = store.judge("u1", "zz2016.sgs.timely")
    assert finding["status"] == "unknown"


def test_unfetched_record_is_left_out_of_the_share_and_listed(store):
    unit, column = _sgs_unit(store)
    unit.disclosure(column, "许可一", published=date(2016, 6, 6), fields=LICENCE)
    unit.disclosure(column, "许可二", list_date=date(2016, 6, 5), fetched=False)
    finding = store.judge("u1", "zz2016.sgs.timely")
    assert finding["status"] == "pass"
    assert "无法判定 1 项" in finding["detail"]
    assert {item["verdict"] for item in finding["evidence"]} == {"pass", "unknown"}


def test_no_records_at_all_fail_the_share(store):
    _sgs_unit(store)
    finding = store.judge("u1", "zz2016.sgs.timely")
    assert finding["status"] == "fail"
    assert finding["points"] == 0


def test_complete_licensing_and_penalty_records_pass_fields_rule(store):
    unit, column = _sgs_unit(store)
    unit.disclosure(column, "许可", published=date(2016, 6, 6), fields=LICENCE)
    unit.disclosure(column, "处罚", published=date(2016, 6, 9), fields=PENALTY)
    finding = store.judge("u1", "zz2016.sgs.fields")
    assert finding["status"] == "pass"


def test_penalty_record_missing_its_legal_basis_fails_its_item(store):
    unit, column = _sgs_unit(store)
    unit.disclosure(column, "许可", published=date(2016, 6, 6), fields=LICENCE)
    unit.disclosure(
        column, "处罚", published=date(2016, 6, 9), fields=PENALTY | {"处罚依据": "无"}
    )
    finding = store.judge("u1", "zz2016.sgs.fields")
    assert finding["status"] == "partial"
    failing = [item for item in finding["evidence"] if item["verdict"] == "fail"]
    assert failing[0]["quote"] == "行政处罚记录缺少处罚依据"


def test_record_type_follows_the_nearest_column_name(store):
    unit, column = _sgs_unit(store)
    penalties = unit.column("行政处罚公示", parent=column)
    fields = {key: value for key, value in PENALTY.items() if key != "处罚机关"}
    unit.disclosure(penalties, "案件", published=date(2016, 6, 9), fields=fields)
    finding = store.judge("u1", "zz2016.sgs.fields")
    assert finding["status"] == "fail"
    assert "行政处罚记录缺少处罚机关" in finding["detail"]


def test_fields_written_in_page_text_count_when_no_table_was_read(store):
    unit, column = _sgs_unit(store)
    text = "\n".join(f"{label}：{value}" for label, value in LICENCE.items())
    unit.disclosure(column, "许可", published=date(2016, 6, 6), page_text=text)
    assert store.judge("u1", "zz2016.sgs.fields")["status"] == "pass"


def _jiedu_unit(store):
    unit = store.unit("u1")
    policies = unit.column("政策文件")
    jiedu = unit.column("政策解读")
    return unit, policies, jiedu


def test_interpretation_linking_its_source_within_three_working_days_passes(store):
    unit, policies, jiedu = _jiedu_unit(store)
    source = unit.disclosure(
        policies, "关于印发某办法的通知", published=date(2016, 6, 8)
    )
    unit.disclosure(
        jiedu,
        "《某办法》解读",
        published=date(2016, 6, 14),
        source_refs={"urls": [source.url]},
    )
    finding = store.judge("u1", "zz2016.jiedu.timely")
    assert finding["status"] == "pass"
    assert finding["evidence"][0]["dates"]["due"] == "2016-06-14"


def test_interpretation_naming_the_source_doc_no_one_day_late_fails(store):
    unit, policies, jiedu = _jiedu_unit(store)
    unit.disclosure(
        policies, "某通知", published=date(2016, 6, 8), doc_no="郑政〔2016〕8号"
    )
    unit.disclosure(
        jiedu,
        "解读",
        published=date(2016, 6, 15),
        source_refs={"doc_nos": ["郑政[2016]8号"]},
    )
    finding = store.judge("u1", "zz2016.jiedu.timely")
    assert finding["status"] == "fail"
    assert "文号" in finding["evidence"][0]["dates"]["start_source"]


def test_interpretation_naming_the_source_title_in_book_marks_is_matched(store):
    unit, policies, jiedu = _jiedu_unit(store)
    unit.disclosure(
        policies,
        "郑州市人民政府关于印发郑州市节水管理办法的通知",
        published=date(2016, 9, 12),
    )
    unit.disclosure(
        jiedu,
        "解读",
        published=date(2016, 9, 18),
        source_refs={"titles": ["郑州市节水管理办法"]},
    )
    assert store.judge("u1", "zz2016.jiedu.timely")["status"] == "pass"


def test_interpretation_with_unidentified_source_is_listed_and_left_out(store):
    unit, policies, jiedu = _jiedu_unit(store)
    source = unit.disclosure(policies, "某通知", published=date(2016, 6, 8))
    unit.disclosure(
        jiedu, "解读一", published=date(2016, 6, 13), source_refs={"urls": [source.url]}
    )
    unit.disclosure(jiedu, "解读二", published=date(2016, 6, 13))
    finding = store.judge("u1", "zz2016.jiedu.timely")
    assert finding["status"] == "pass"
    assert "不计入 1 项" in finding["detail"]
    assert "解读二" in finding["detail"]
    excluded = [item for item in finding["evidence"] if item["verdict"] == "excluded"]
    assert [item["title"] for item in excluded] == ["解读二"]


def test_interpretations_of_other_years_are_not_items(store):
    unit, policies, jiedu = _jiedu_unit(store)
    source = unit.disclosure(policies, "某通知", published=date(2015, 6, 8))
    unit.disclosure(
        jiedu, "解读", published=date(2015, 6, 30), source_refs={"urls": [source.url]}
    )
    finding = store.judge("u1", "zz2016.jiedu.timely")
    assert finding["status"] == "fail"
    assert finding["evidence"] == []


def test_interpretation_contacts_share(store):
    unit, _, jiedu = _jiedu_unit(store)
    unit.disclosure(
        jiedu,
        "解读一",
        published=date(2016, 5, 1),
        contacts=[{"name": "王芳", "telephone": "0371-67181234"}],
    )
    unit.disclosure(
        jiedu,
        "解读二",
        published=date(2016, 5, 2),
        page_text="解读联系人：李强  联系电话：0371-67185678",
    )
    unit.disclosure(
        jiedu,
        "解读三",
        published=date(2016, 5, 3),
        contacts=[{"name": "赵敏", "telephone": ""}],
    )
    unit.disclosure(
        jiedu, "解读四", published=date(2016, 5, 4), page_text="没有联系人信息"
    )
    finding = store.judge("u1", "zz2016.jiedu.contact")
    assert finding["status"] == "partial"
    assert finding["points"] == 2
    verdicts = {item["title"]: item["verdict"] for item in finding["evidence"]}
    assert verdicts == {
        "解读一": "pass",
        "解读二": "pass",
        "解读三": "fail",
        "解读四": "fail",
    }


def test_extracted_contact_without_telephone_is_not_completed_from_page_digits(store):
    unit, _, jiedu = _jiedu_unit(store)
    unit.disclosure(
        jiedu,
        "解读",
        published=date(2016, 5, 1),
        contacts=[{"name": "周颖", "telephone": ""}],
        page_text="解读联系人：周颖\n索引号：00581000500005 电话：0371-67203344",
    )
    assert store.judge("u1", "zz2016.jiedu.contact")["status"] == "fail"


def test_doc_no_read_with_leading_words_still_names_the_source(store):
    unit, policies, jiedu = _jiedu_unit(store)
    unit.disclosure(
        policies, "某通知", published=date(2016, 9, 14), doc_no="中原发改〔2016〕52号"
    )
    unit.disclosure(
        jiedu,
        "关于中原发改〔2016〕52号文件的解读",
        published=date(2016, 9, 20),
        source_refs={"doc_nos": ["现就中原发改〔2016〕52号"]},
    )
    finding = store.judge("u1", "zz2016.jiedu.timely")
    assert finding["status"] == "pass"
    assert finding["evidence"][0]["dates"]["due"] == "2016-09-20"
