"""The ``eventcoder`` command: a thin layer over the library; all logic lives in the stages."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any

import click

from eventcoder import __version__
from eventcoder.cli_options import ACTORS_OPTION, DATE_OPTION, LEXICON_OPTION
from eventcoder.errors import EventcoderError


def _fail_cleanly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an EventcoderError into its one-line message and exit status 2."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except EventcoderError as exc:
            click.echo(f"eventcoder: {exc}", err=True)
            sys.exit(2)

    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventcoder")
def main() -> None:
    """Code political events in news: who did what to whom, when and where, with evidence."""


@main.command()
@click.argument("source", metavar="FILE|-")
@DATE_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True,
              help="table for people; json (one document) or jsonl (one coded article per line).")
@ACTORS_OPTION
@LEXICON_OPTION
@_fail_cleanly
def code(source: str, published: date | None, fmt: str, actor_files: tuple[Path, ...],
         lexicon_files: tuple[Path, ...]) -> None:
    """Code FILE: text, HTML, RSS/Atom, or JSONL with one {"id","text","date"?} per line (- is stdin)."""
    from eventcoder.ingest import read_source
    from eventcoder.pipeline import Pipeline
    from eventcoder.render import print_table

    pipeline = Pipeline(actor_files, lexicon_files)
    articles = list(read_source(source, published))
    for coded in pipeline.code_many(articles):
        if fmt == "table":
            print_table(coded)
        elif fmt == "json":
            click.echo(json.dumps(coded.to_dict(), ensure_ascii=False, indent=1))
        else:
            click.echo(json.dumps(coded.to_dict(), ensure_ascii=False))


@main.command()
@click.argument("sentence")
@DATE_OPTION
@ACTORS_OPTION
@LEXICON_OPTION
@_fail_cleanly
def explain(sentence: str, published: date | None, actor_files: tuple[Path, ...],
            lexicon_files: tuple[Path, ...]) -> None:
    """Show how SENTENCE is coded: the parse, the patterns that fired, how actors were resolved."""
    from eventcoder.explain import explain_text
    from eventcoder.pipeline import Pipeline

    click.echo(explain_text(Pipeline(actor_files, lexicon_files), sentence, published))


@main.command(name="eval")
@click.argument("gold", type=click.Path(path_type=Path))
@ACTORS_OPTION
@LEXICON_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_fail_cleanly
def evaluate(gold: Path, actor_files: tuple[Path, ...], lexicon_files: tuple[Path, ...], fmt: str) -> None:
    """Score coding against GOLD: a document gold file (.json) or sentence gold lines (.jsonl)."""
    from eventcoder.evaluate import evaluate_file, format_report
    from eventcoder.pipeline import Pipeline

    report = evaluate_file(Pipeline(actor_files, lexicon_files), gold)
    click.echo(json.dumps(report, indent=1) if fmt == "json" else format_report(report))


def _register_store_commands() -> None:
    from eventcoder.cli_store import export, ingest, query

    for command in (ingest, query, export):
        main.add_command(command)


_register_store_commands()
