"""Options shared by several ``eventcoder`` commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from eventcoder.errors import EventcoderError


def date_value(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """Click callback: a YYYY-MM-DD option value as a date (E003 when malformed)."""
    from eventcoder.ingest import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except EventcoderError as exc:
        raise click.BadParameter(str(exc)) from None


DATE_OPTION = click.option("--date", "published", callback=date_value, metavar="YYYY-MM-DD",
                           help="Publication date: relative dates and officials are resolved against it.")
ACTORS_OPTION = click.option("--actors", "actor_files", multiple=True, type=click.Path(path_type=Path),
                             help="YAML file of extra or overriding actors (repeatable; see docs/actors.md).")
LEXICON_OPTION = click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(path_type=Path),
                              help="YAML file of extra event patterns (repeatable; see docs/lexicon.md).")
