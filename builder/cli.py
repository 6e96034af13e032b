"""The `builder` command: click commands that parse options and call the library, nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from builder.recipe import RecipeError

EXIT_BUILD_FAILED = 1
EXIT_USAGE = 2


def stderr_console(quiet: bool = False) -> Console:
    return Console(stderr=True, quiet=quiet, highlight=False)


def fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def summary_table(summary: dict) -> Table:
    table = Table(title=f"{summary['folder']}  ({summary['documents']} documents read)", title_justify="left")
    table.add_column("config")
    splits = list(next(iter(summary["counts"].values())))
    for split in splits:
        table.add_column(split, justify="right")
    for config, counts in summary["counts"].items():
        table.add_row(config, *(str(counts[s]) for s in splits))
    return table


def quarantine_table(quarantine: dict) -> Table:
    table = Table(title="quarantined", title_justify="left")
    for column in ("kind", "reason", "records"):
        table.add_column(column, justify="right" if column == "records" else "left")
    for kind, reasons in quarantine.items():
        for reason, n in reasons.items():
            table.add_row(kind, reason, str(n))
    return table


@click.group()
@click.version_option(package_name="builder")
def main() -> None:
    """Build validated, versioned NLP datasets from raw news articles."""


@main.command()
@click.argument("recipe", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("build"), show_default=True,
              help="Folder that receives <name>/<version>/.")
@click.option("--force", is_flag=True, help="Rebuild an existing version with other content (dev builds only).")
@click.option("--quiet", is_flag=True, help="No progress and no summary on stderr.")
def build(recipe: Path, out: Path, force: bool, quiet: bool) -> None:
    """Build RECIPE into OUT/<name>/<version>/ and print that folder."""
    from builder.pipeline import BuildFailed, build as run_build

    console = stderr_console(quiet)
    try:
        with console.status("reading articles") as status:
            seen = {"documents": 0, "quarantined": 0}

            def progress(result: dict) -> None:
                seen["documents"] += 1
                seen["quarantined"] += len(result["rejected"])
                status.update(f"{seen['documents']} documents read, {seen['quarantined']} records quarantined")

            summary = run_build(recipe, out, force=force, on_result=progress)
    except RecipeError as err:
        fail(str(err), EXIT_USAGE)
    except BuildFailed as err:
        fail(str(err), EXIT_BUILD_FAILED)
    if summary["status"] == "up_to_date":
        console.print(f"{summary['folder']} is up to date: same recipe, inputs and tools; nothing rewritten")
    else:
        console.print(summary_table(summary))
        if summary["quarantine"]:
            console.print(quarantine_table(summary["quarantine"]))
    click.echo(str(summary["folder"]))


@main.command()
@click.argument("build_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--no-load", is_flag=True, help="Skip loading every config with datasets.")
def validate(build_dir: Path, no_load: bool) -> None:
    """Re-check BUILD_DIR: schemas, offsets and spans, ids, checksums, card counts, loading."""
    from builder.validate import validate_build

    problems = validate_build(build_dir, load=not no_load)
    for found in problems:
        click.echo(found)
    if problems:
        fail(f"{build_dir}: {len(problems)} problems", EXIT_BUILD_FAILED)
    click.echo(f"{build_dir}: valid")


@main.group()
def labels() -> None:
    """Work on the labeling rules of a recipe."""


@labels.command("analyze")
@click.argument("recipe", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--gold", "gold_field", default=None, help="A jsonl column holding the true label, to measure accuracy.")
def labels_analyze(recipe: Path, gold_field: str | None) -> None:
    """Coverage, overlaps, conflicts (and accuracy with --gold) of every labeling rule in RECIPE."""
    from builder.pipeline import analyze_labels

    try:
        click.echo(analyze_labels(recipe, gold_field))
    except RecipeError as err:
        fail(str(err), EXIT_USAGE)


if __name__ == "__main__":
    main()
