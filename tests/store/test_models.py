"""Every model of the store round-trips through SQLite, schema made by migration."""

from datetime import date, datetime

from sqlalchemy import inspect, select

from store.db import open_store
from store.models import (
    Base,
    Column,
    Disclosure,
    EvidenceFile,
    Finding,
    Link,
    Page,
    Portal,
    Probe,
    Run,
    Scoring,
    Unit,
    UnitScore,
)

NOW = datetime(2016, 12, 20, 9, 30, 0)


def build_snapshot(session) -> dict:
    run = Run(
        title="评估",
        config_snapshot={"assessment": {"systems": ["zz2016"]}},
        as_of=date(2016, 12, 20),
        systems=["zz2016", "govsite"],
        started_at=NOW,
        finished_at=NOW,
        status="done",
    )
    unit = Unit(run=run, key="u01", name="市教育局", kind="市政府部门", tags=["fees"])
    portal = Portal(run=run, unit=unit, base_url="http://127.0.1.1/", status="ok")
    session.add_all([run, unit, portal])
    session.flush()
    page = Page(
        run_id=run.id,
        portal_id=portal.id,
        url="http://127.0.1.1/",
        final_url="http://127.0.1.1/index.html",
        status=200,
        fetched_at=NOW,
        content_type="text/html",
        encoding="gb18030",
        sha256="0" * 64,
        title="首页",
        depth=0,
        role="homepage",
        text="主办单位：中原市教育局",
        footer_text="主办单位",
        meta={"siteidcode": "4101000001"},
    )
    session.add(page)
    session.flush()
    column = Column(
        run_id=run.id,
        portal_id=portal.id,
        name="通知公告",
        url="http://127.0.1.1/tzgg/",
    )
    session.add(column)
    session.flush()
    child = Column(
        run_id=run.id,
        portal_id=portal.id,
        name="政策解读",
        url="http://127.0.1.1/zcjd/",
        parent_id=column.id,
        discovered_from="catalogue",
    )
    scoring = Scoring(
        run_id=run.id,
        systems=["zz2016"],
        as_of=date(2016, 12, 20),
        parameters={"budget_approved_on": "2016-03-18"},
        created_at=NOW,
        indicators=[{"system": "zz2016", "id": "zz2016.guide", "points": 4}],
        system_info=[{"id": "zz2016", "scoring": "sum", "max_score": 100}],
    )
    session.add_all([child, scoring])
    session.flush()
    session.add_all(
        [
            Link(
                run_id=run.id,
                portal_id=portal.id,
                source_page_id=page.id,
                target_url="http://127.0.3.1/missing",
                text="外链",
                is_external=True,
                target_error="connection refused",
            ),
            Disclosure(
                run_id=run.id,
                portal_id=portal.id,
                column_id=column.id,
                page_id=page.id,
                url="http://127.0.1.1/tzgg/t1.html",
                title="关于2016年部门预算的公告",
                list_page=1,
                list_date=date(2016, 4, 1),
                published=date(2016, 4, 1),
                published_source="table",
                written=date(2016, 3, 30),
                index_no="ZY001-2016-001",
                doc_no="中教〔2016〕1号",
                publisher="中原市教育局",
                attachments=[
                    {"name": "三公经费.xls", "url": "http://x/a.xls", "type": "xls"}
                ],
                fields={"决定文书号": "中教许〔2016〕3号"},
                contacts=[{"name": "张三", "telephone": "0371-12345678"}],
                source_refs={"urls": [], "doc_nos": ["中政〔2016〕1号"], "titles": []},
            ),
            Probe(
                run_id=run.id,
                portal_id=portal.id,
                url="http://127.0.1.1/",
                started_at=NOW,
                status=200,
                elapsed_seconds=0.01,
            ),
            EvidenceFile(
                run_id=run.id,
                portal_id=portal.id,
                page_url="http://127.0.1.1/",
                path="run-1/u01/home.png",
                sha256="1" * 64,
                created_at=NOW,
            ),
            Finding(
                scoring_id=scoring.id,
                run_id=run.id,
                unit_key="u01",
                system="zz2016",
                indicator_id="zz2016.guide",
                indicator_name="公开指南和目录",
                status="partial",
                points=2,
                max_points=4,
                detail="只有指南",
                evidence=[{"url": "http://127.0.1.1/", "http_status": 200}],
                finding_id="abcdef0123456789",
            ),
            UnitScore(
                scoring_id=scoring.id,
                unit_key="u01",
                system="zz2016",
                score=50.0,
                rating="不合格",
                status_counts={"partial": 1},
            ),
        ]
    )
    return {"run_id": run.id}


def test_every_model_round_trips_through_sqlite(tmp_path):
    sessions = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with sessions() as session:
        ids = build_snapshot(session)
        session.commit()

    with sessions() as session:
        run = session.get(Run, ids["run_id"])
        assert run.systems == ["zz2016", "govsite"]
        assert run.units[0].portals[0].base_url == "http://127.0.1.1/"
        disclosure = session.scalars(select(Disclosure)).one()
        assert disclosure.published == date(2016, 4, 1)
        assert disclosure.attachments[0]["name"] == "三公经费.xls"
        assert disclosure.contacts == [{"name": "张三", "telephone": "0371-12345678"}]
        child = session.scalars(select(Column).where(Column.name == "政策解读")).one()
        assert child.parent_id is not None
        assert session.scalars(select(Link)).one().target_error == "connection refused"
        assert session.scalars(select(Page)).one().meta == {"siteidcode": "4101000001"}
        assert session.scalars(select(Probe)).one().status == 200
        assert session.scalars(select(EvidenceFile)).one().path.endswith("home.png")
        finding = session.scalars(select(Finding)).one()
        assert finding.scoring.run_id == run.id
        assert finding.evidence[0]["http_status"] == 200
        assert session.scalars(select(UnitScore)).one().status_counts == {"partial": 1}


def test_schema_is_created_by_migration_and_matches_the_models(tmp_path):
    sessions = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    inspector = inspect(sessions.kw["bind"])
    tables = set(inspector.get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables
    for name, table in Base.metadata.tables.items():
        stored = {column["name"] for column in inspector.get_columns(name)}
        assert stored == {column.name for column in table.columns}, name


def test_opening_an_existing_store_again_keeps_its_data(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with open_store(url)() as session:
        build_snapshot(session)
        session.commit()
    with open_store(url)() as session:
        assert session.scalars(select(Run)).one().title == "评估"


def test_sqlite_store_runs_in_wal_mode(tmp_path):
    sessions = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with sessions() as session:
        mode = session.connection().exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"
