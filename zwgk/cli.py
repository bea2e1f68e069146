"""The `zwgk` command line: one command per verb, no logic of its own.

Each command parses its options, calls the library and translates project
errors into one line on stderr and an exit code:

    0  done
    1  done, but some portals could not be assessed
    2  usage or configuration error
    3  `zwgk check` only: a veto indicator failed
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import date, datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.table import Table

from zwgk.errors import ZwgkError

app = typer.Typer(
    help="Assess government portals against openness indicator systems.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
testbed_app = typer.Typer(help="The simulated city used by the demo and the tests.")
app.add_typer(testbed_app, name="testbed")

console = Console()
error_console = Console(stderr=True)
logger = logging.getLogger(__name__)

REPO_CONFIG = Path(__file__).resolve().parent.parent / "config.toml"
EXIT_VETO_FAILED = 3

_state = {"verbose": False}

# Options shared by several commands, defined once.
ConfigOption = typer.Option(
    REPO_CONFIG, "--config", "-c", help="Assessment configuration (TOML)."
)
OptionalConfigOption = typer.Option(
    None, "--config", "-c", help="Configuration whose database to use."
)
DatabaseOption = typer.Option(
    None, "--db", help="SQLAlchemy URL of the store; overrides the configuration."
)
AsOfOption = typer.Option(
    None, "--as-of", help="Date the assessment judges (YYYY-MM-DD)."
)
SystemsOption = typer.Option(
    None, "--systems", help="Indicator systems, comma-separated (zz2016,govsite)."
)
OutOption = typer.Option(None, "--out", help="Output folder for reports.")
PdfOption = typer.Option(True, "--pdf/--no-pdf", help="Print report.pdf too.")


@app.callback()
def main(
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Debug logs and full tracebacks."
    ),
) -> None:
    """zwgk: scheduled, evidence-backed assessments of government portals."""
    _state["verbose"] = verbose
    install_logging(verbose)


def install_logging(verbose: bool) -> None:
    """Send logs to stderr through Rich; only the command line does this."""
    handler = RichHandler(console=error_console, show_path=False, markup=False)
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(message)s",
        datefmt="[%X]",
        handlers=[handler],
        force=True,
    )
    for noisy in ("scrapy", "twisted", "asyncio", "alembic", "apscheduler", "filelock"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)


def run_cli() -> None:
    """Entry point that turns project errors into one line and an exit code."""
    try:
        code = app(standalone_mode=False)
    except ZwgkError as exc:
        report_error(exc)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        error_console.print("Aborted")
        sys.exit(1)
    except Exception as exc:  # the last line of defence: one line, no traceback
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(2)
        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        report_error(exc)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def report_error(exc: BaseException) -> None:
    """Print one line, or the traceback with --verbose."""
    if _state["verbose"]:
        error_console.print_exception()
    sys.stderr.write(f"zwgk: error: {exc}\n")


def parse_as_of(value: str | None) -> date | None:
    """Parse --as-of, naming the option on a bad value."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"expected a date YYYY-MM-DD, found {value!r}", param_hint="--as-of"
        ) from exc


def parse_systems(value: str | None) -> list[str] | None:
    """Split --systems into names."""
    if not value:
        return None
    return [name.strip() for name in value.split(",") if name.strip()]


def open_sessions(config: Path | None, db: str | None):
    """Open the store named by --db, else by the configuration's database."""
    from store.db import open_store
    from zwgk.config import load_settings

    if db:
        return open_store(db), None
    settings = load_settings(config or REPO_CONFIG)
    return open_store(settings.database_url()), settings


def print_summary(sessions, scoring_id: int) -> None:
    """Print each unit's score and rating by system, and which are vetoed."""
    from zwgk.assess import summarize_scoring

    summaries = summarize_scoring(sessions, scoring_id)
    systems = sorted({name for item in summaries for name in item.scores})
    table = Table(title=f"Scoring {scoring_id}")
    table.add_column("unit")
    table.add_column("name")
    for system in systems:
        table.add_column(system, justify="right")
    table.add_column("veto (不合格)")
    for item in summaries:
        table.add_row(
            item.unit_key,
            item.name,
            *[
                f"{item.scores.get(system, 0):.1f} {item.ratings.get(system, '')}"
                for system in systems
            ],
            "yes" if item.vetoed else "",
        )
    console.print(table)


def print_files(files: dict[str, Path]) -> None:
    """List the written reports and exports."""
    for name, path in files.items():
        console.print(f"  {name:<14} {path}")


@app.command()
def demo(
    out: Path | None = OutOption,
    pdf: bool = PdfOption,
) -> None:
    """Serve the simulated city, assess it with both systems, write every report."""
    from zwgk.demo import run_demo

    outcome = run_demo(config_path=REPO_CONFIG, out_dir=out, pdf=pdf)
    console.print(f"Run {outcome.run_id}, scoring {outcome.scoring_id}")
    print_summary(outcome.sessions, outcome.scoring_id)
    if outcome.portals_failed:
        console.print(
            "Portals that could not be assessed (recorded as findings 'unknown'): "
            + ", ".join(outcome.portals_failed)
        )
    console.print("Files:")
    print_files(outcome.files)


@app.command()
def run(
    config: Path = ConfigOption,
    as_of: str | None = AsOfOption,
    out: Path | None = OutOption,
    systems: str | None = SystemsOption,
    pdf: bool = PdfOption,
) -> None:
    """Crawl, score, report and export in one go."""
    from store.db import open_store
    from zwgk.assess import assess
    from zwgk.config import load_settings

    settings = load_settings(config)
    outcome = assess(
        settings,
        as_of=parse_as_of(as_of),
        out_dir=out,
        systems=parse_systems(systems),
        pdf=pdf,
        show_progress=console.is_terminal,
    )
    console.print(f"Run {outcome.run_id}, scoring {outcome.scoring_id}")
    print_summary(open_store(settings.database_url()), outcome.scoring_id)
    print_files(outcome.files)
    if outcome.portals_failed:
        error_console.print(
            "Some portals could not be assessed: " + ", ".join(outcome.portals_failed)
        )
    raise typer.Exit(outcome.exit_code)


@app.command()
def crawl(config: Path = ConfigOption) -> None:
    """Crawl every unit of the configuration into a new run; print its id."""
    from store.db import open_store
    from zwgk.assess import crawl_units, failed_portals
    from zwgk.config import load_settings

    settings = load_settings(config)
    sessions = open_store(settings.database_url())
    run_id = crawl_units(settings, sessions, show_progress=console.is_terminal)
    console.print(f"Run {run_id}")
    failed = failed_portals(sessions, run_id)
    if failed:
        error_console.print("Some portals could not be assessed: " + ", ".join(failed))
    raise typer.Exit(1 if failed else 0)


@app.command()
def score(
    run_id: int = typer.Option(..., "--run", help="Run id to score (see `zwgk runs`)."),
    config: Path | None = OptionalConfigOption,
    db: str | None = DatabaseOption,
    systems: str | None = SystemsOption,
    as_of: str | None = AsOfOption,
) -> None:
    """Score a stored run again, without the network, as a new scoring."""
    from zwgk.assess import score_stored_run

    sessions, settings = open_sessions(config, db)
    scoring_id = score_stored_run(
        sessions,
        run_id,
        settings,
        systems=parse_systems(systems),
        as_of=parse_as_of(as_of),
    )
    console.print(f"Scoring {scoring_id} of run {run_id}")
    print_summary(sessions, scoring_id)


RunIdOption = typer.Option(None, "--run", help="Run id (its newest scoring).")
ScoringIdOption = typer.Option(None, "--scoring", help="Scoring id.")


@app.command()
def report(
    run_id: int | None = RunIdOption,
    scoring_id: int | None = ScoringIdOption,
    config: Path | None = OptionalConfigOption,
    db: str | None = DatabaseOption,
    out: Path | None = OutOption,
    pdf: bool = PdfOption,
) -> None:
    """Write the assessment report and exports of a scoring."""
    write_scoring_files(run_id, scoring_id, config, db, out, pdf=pdf)


@app.command()
def export(
    run_id: int | None = RunIdOption,
    scoring_id: int | None = ScoringIdOption,
    config: Path | None = OptionalConfigOption,
    db: str | None = DatabaseOption,
    out: Path | None = OutOption,
) -> None:
    """Write scores.xlsx, findings.csv and findings.json of a scoring."""
    write_scoring_files(run_id, scoring_id, config, db, out, exports_only=True)


def write_scoring_files(
    run_id: int | None,
    scoring_id: int | None,
    config: Path | None,
    db: str | None,
    out: Path | None,
    *,
    pdf: bool = False,
    exports_only: bool = False,
) -> None:
    """Write a scoring's files (by --scoring, else the run's newest) and list them."""
    from zwgk.assess import latest_scoring, write_reports

    sessions, settings = open_sessions(config, db)
    if scoring_id is None:
        if run_id is None:
            raise typer.BadParameter("give --run or --scoring", param_hint="--run")
        scoring_id = latest_scoring(sessions, run_id)
    out_dir = out or Path("out") / f"scoring-{scoring_id}"
    files = write_reports(
        sessions, scoring_id, out_dir, settings, pdf=pdf, exports_only=exports_only
    )
    print_files(files)


@app.command()
def runs(
    config: Path | None = OptionalConfigOption,
    db: str | None = DatabaseOption,
) -> None:
    """List stored runs with their scorings."""
    from sqlalchemy import func, select

    from store.models import Portal, Run, Scoring

    sessions, _settings = open_sessions(config, db)
    table = Table(title="Runs")
    for name in ("run", "title", "started", "status", "portals", "failed", "scorings"):
        table.add_column(name)
    with sessions() as session:
        for stored in session.scalars(select(Run).order_by(Run.id)):
            portals = session.scalar(
                select(func.count()).where(Portal.run_id == stored.id)
            )
            failed = session.scalar(
                select(func.count()).where(
                    Portal.run_id == stored.id, Portal.status == "error"
                )
            )
            scorings = session.scalars(
                select(Scoring.id).where(Scoring.run_id == stored.id)
            ).all()
            table.add_row(
                str(stored.id),
                stored.title,
                _format_time(stored.started_at),
                stored.status,
                str(portals),
                str(failed),
                ", ".join(map(str, scorings)),
            )
    console.print(table)


def _format_time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else ""


@app.command()
def diff(
    old_run: int = typer.Argument(..., help="Earlier run id."),
    new_run: int = typer.Argument(..., help="Later run id."),
    config: Path | None = OptionalConfigOption,
    db: str | None = DatabaseOption,
    as_json: bool = typer.Option(
        False, "--json", help="Print JSON instead of a table."
    ),
) -> None:
    """Findings fixed, new and unchanged between two runs (newest scoring of each)."""
    from reports.diff import diff_scorings
    from zwgk.assess import latest_scoring

    sessions, _settings = open_sessions(config, db)
    result = diff_scorings(
        sessions, latest_scoring(sessions, old_run), latest_scoring(sessions, new_run)
    )
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        return
    result.print(console)


@app.command()
def check(
    url: str = typer.Argument(..., help="Base URL of the portal to check."),
    tags: str = typer.Option("", "--tags", help="Unit tags, comma-separated."),
    name: str = typer.Option("", "--name", help="Name of the unit."),
    systems: str | None = SystemsOption,
    as_of: str | None = AsOfOption,
    allow_private_addresses: bool = typer.Option(
        False,
        "--allow-private-addresses",
        help="Allow a portal on a loopback or private address.",
    ),
    config: Path | None = typer.Option(
        None, "--config", "-c", help="Configuration for crawl settings and database."
    ),
    out: Path | None = OutOption,
    pdf: bool = typer.Option(False, "--pdf/--no-pdf", help="Print report.pdf too."),
) -> None:
    """Self-check one portal: a rectification list, ordered by points at stake.

    Exits 3 when a veto indicator fails, so it can guard a publishing step.
    """
    from zwgk.selfcheck import run_self_check

    result = run_self_check(
        url,
        tags=[tag.strip() for tag in tags.split(",") if tag.strip()],
        name=name,
        systems=parse_systems(systems),
        as_of=parse_as_of(as_of),
        allow_private_addresses=allow_private_addresses,
        config_path=config,
        out_dir=out,
        pdf=pdf,
    )
    result.print(console)
    if result.veto_failed:
        raise typer.Exit(EXIT_VETO_FAILED)
    raise typer.Exit(result.outcome.exit_code)


@app.command()
def extract(
    page: Path = typer.Argument(..., help="A saved HTML page."),
    url: str = typer.Option(..., "--url", help="The URL the page was fetched from."),
) -> None:
    """Print, as JSON, what the extractor reads from one saved page."""
    from crawler.extract import extract_file

    if not page.is_file():
        raise typer.BadParameter(f"no such file: {page}", param_hint="PAGE")
    result = extract_file(page, url)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


@app.command()
def schedule(config: Path = ConfigOption) -> None:
    """Run the configuration's schedule entries until interrupted."""
    from zwgk.config import load_settings
    from zwgk.schedule import run_scheduler

    settings = load_settings(config)
    run_scheduler(settings, config_path=config)


@testbed_app.command("serve")
def testbed_serve(
    port: int = typer.Option(18480, "--port", help="Port of every portal host."),
    units: int | None = typer.Option(
        None, "--units", help="Scaled city: number of units."
    ),
    disclosures: int | None = typer.Option(
        None, "--disclosures", help="Scaled city: disclosures per unit."
    ),
) -> None:
    """Serve the simulated city in the foreground and print its portal URLs."""
    from testbed.server import serve_forever

    serve_forever(port=port, units=units, disclosures_per_unit=disclosures)
