"""The command line: version, help, formats and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "src" / "eventcoder" / "data" / "samples" / "ankara_summit.txt"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and "eventcoder" in result.output


def test_every_command_has_help(runner: CliRunner) -> None:
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help, f"{name} has no help text"


def test_commands_are_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"eventcoder {name}" in readme, f"README does not mention 'eventcoder {name}'"


def test_missing_file_is_a_one_line_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["code", "no/such/file.txt"])
    assert result.exit_code != 0
    assert "E001" in result.output and len(result.output.strip().splitlines()) == 1


def test_bad_date_is_rejected(runner: CliRunner) -> None:
    result = runner.invoke(main, ["code", str(SAMPLE), "--date", "2020-13-45"])
    assert result.exit_code != 0
    assert "E003" in result.output


def test_binary_file_is_an_unreadable_file(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81" * 10)
    result = runner.invoke(main, ["code", str(binary)])
    assert result.exit_code != 0 and "E006" in result.output


def test_malformed_jsonl_line_names_the_line(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Greece accused Turkey."}\nnot json\n', encoding="utf-8")
    result = runner.invoke(main, ["code", str(bad), "--format", "jsonl"])
    assert result.exit_code != 0 and "line 2" in result.output


def test_jsonl_gives_one_coded_article_per_line(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "one", "text": "Greece on Monday accused Turkey of violating its airspace.",
                    "date": "2024-03-11"}) + "\n"
        + json.dumps({"id": "two", "text": "Russia and Ukraine held talks in Istanbul."}) + "\n",
        encoding="utf-8")
    result = runner.invoke(main, ["code", str(source), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == ["one", "two"]
    assert lines[0]["published"] == "2024-03-11" and lines[1]["published"] is None
    accusation = [e for e in lines[0]["events"] if e["plover"] == "ACCUSE"]
    assert accusation and accusation[0]["source"]["code"] == "GRC" and accusation[0]["target"]["code"] == "TUR"
    assert accusation[0]["date"] == "2024-03-11"


def test_stdin_and_table(runner: CliRunner) -> None:
    result = runner.invoke(main, ["code", "-", "--date", "2024-03-14"],
                           input="Greece accused Turkey of violating its airspace.")
    assert result.exit_code == 0, result.output
    assert "ACCUSE" in result.output and "GRC" in result.output


def test_explain_shows_pattern_and_actor_resolution(runner: CliRunner) -> None:
    result = runner.invoke(main, ["explain", "Erdogan threatened to strike Syrian regime forces.",
                                  "--date", "2020-02-12"])
    assert result.exit_code == 0, result.output
    assert "threaten" in result.output and "TURGOV" in result.output and "SYRMIL" in result.output
    assert "Learned argument phrases" in result.output and "S 'Erdogan'" in result.output


def test_cli_reference_is_current() -> None:
    from eventcoder.cli_docs import reference

    docs = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
    assert docs.read_text(encoding="utf-8") == reference(), "run: python -m eventcoder.cli_docs > docs/cli.md"


def test_code_reads_html_with_its_metadata(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><title>Greece accuses Turkey</title><meta name="date" content="2024-03-14"></head>'
        "<body><article><p>Greece on Thursday accused Turkey of violating its airspace over the Aegean Sea, "
        "officials in Athens said.</p></article></body></html>", encoding="utf-8")
    result = runner.invoke(main, ["code", str(page), "--format", "json"])
    assert result.exit_code == 0, result.output
    coded = json.loads(result.output)
    assert coded["published"] == "2024-03-14" and coded["title"] == "Greece accuses Turkey"
    assert any(e["plover"] == "ACCUSE" and e["date"] == "2024-03-14" for e in coded["events"])
