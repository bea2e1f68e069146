"""Every exception zwgk raises on purpose.

    ZwgkError                    anything the command line reports in one line
    ├── ConfigError              a configuration file is wrong (exit code 2)
    ├── IndicatorFileError       an indicator system file is wrong (exit code 2)
    ├── CalendarError            a date falls outside the working-day calendar
    ├── StoreError               the database cannot be opened or upgraded
    ├── RunNotFoundError         a run or scoring id names nothing stored
    ├── PortalError              one portal could not be assessed (recorded)
    └── ReportError              a report or export could not be written

A failure on one portal or rule is recorded and the run goes on; only
configuration and indicator file errors stop a run, before it starts.
"""


class ZwgkError(Exception):
    """Base of every error zwgk reports to its user."""

    exit_code = 1


class ConfigError(ZwgkError):
    """A configuration file or unit list is malformed."""

    exit_code = 2


class IndicatorFileError(ZwgkError):
    """An indicator system file is malformed or names an unknown rule kind."""

    exit_code = 2


class CalendarError(ZwgkError):
    """A date lies outside the years the working-day calendar knows."""


class StoreError(ZwgkError):
    """The database cannot be opened, created or upgraded."""


class RunNotFoundError(ZwgkError):
    """A run or scoring id given on the command line names nothing stored."""

    exit_code = 2


class PortalError(ZwgkError):
    """A portal could not be assessed; recorded in the store, never fatal."""


class ReportError(ZwgkError):
    """A report or export could not be written (Chromium missing, folder unwritable)."""
