"""The `builder` command: click commands that parse options and call the library, nothing else."""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from builder.recipe import RecipeError

EXIT_BUILD_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def stderr_console(quiet: bool = False) -> Console:
    return Console(stderr=True, quiet=quiet, highlight=False)


def fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@contextmanager
def build_progress(console: Console):
    """A one-line live status on stderr: documents (and ETA when the total is known), documents/s,
    quarantined, shards reused."""
    started = time.monotonic()
    seen = {"documents": 0, "quarantined": 0, "reused": 0}
    with console.status("reading documents") as status:
        def update(shard: dict) -> None:
            seen["documents"] += shard["documents"]
            seen["quarantined"] += shard["quarantined"]
            seen["reused"] += shard["reused"]
            rate = seen["documents"] / max(time.monotonic() - started, 1e-9)
            eta = ""
            if shard.get("expected"):
                left = max(shard["expected"] - seen["documents"], 0)
                eta = f" of {shard['expected']}, ETA {left / rate:,.0f} s" if rate else ""
            status.update(f"{seen['documents']} documents{eta}, {rate:,.0f}/s, {seen['quarantined']} records "
                          f"quarantined, {seen['reused']} shards reused")

        yield update


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
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="number of cores",
              help="Processes for the per-article work; the output is the same for any number.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: a process pool on this machine; ray: Ray tasks (pip install '.[ray]').")
@click.option("--address", default=None, help="Ray cluster address (engine ray); default: start a local Ray.")
@click.option("--source", "sources", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Build from this file or folder instead of the recipe's sources (repeatable).")
@click.option("--shard-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Documents per shard: the unit of parallel work and of resuming; the output does not change.")
@click.option("--force", is_flag=True, help="Rebuild an existing version with other content (dev builds only).")
@click.option("--quiet", is_flag=True, help="No progress and no summary on stderr.")
def build(recipe: Path, out: Path, workers: int, engine: str, address: str | None, sources: tuple[Path, ...],
          shard_size: int, force: bool, quiet: bool) -> None:
    """Build RECIPE into OUT/<name>/<version>/ and print that folder."""
    from builder.pipeline import BuildFailed, build as run_build

    console = stderr_console(quiet)
    try:
        with build_progress(console) as progress:
            summary = run_build(recipe, out, force=force, workers=workers, engine=engine, address=address,
                                shard_size=shard_size, sources=[str(p) for p in sources] or None,
                                on_shard=progress)
    except RecipeError as err:
        fail(str(err), EXIT_USAGE)
    except BuildFailed as err:
        fail(str(err), EXIT_BUILD_FAILED)
    except KeyboardInterrupt:
        fail("interrupted: finished shards are kept and reused when the same command runs again", EXIT_INTERRUPTED)
    if summary["status"] == "up_to_date":
        console.print(f"{summary['folder']} is up to date: same recipe, inputs and tools; nothing rewritten")
    else:
        if summary["shards_reused"]:
            console.print(f"reused {summary['shards_reused']} finished shards from an interrupted build")
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


@main.command()
@click.argument("build_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--repo-id", default=None, metavar="NS/NAME", help="The Hub dataset repo to publish to.")
@click.option("--to", "to_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Publish to this local folder instead, as DIR/v<version>/.")
@click.option("--private", is_flag=True, help="Create the Hub repo private (if it does not exist yet).")
@click.option("--dry-run", is_flag=True, help="Print the plan (files, sizes, revision, tag); send nothing.")
@click.option("--message", default=None, help="Commit message (default: 'Release v<version>').")
def publish(build_dir: Path, repo_id: str | None, to_dir: Path | None, private: bool, dry_run: bool,
            message: str | None) -> None:
    """Publish BUILD_DIR as release v<version>: one Hub commit then its tag, or a local folder.

    The token comes from HF_TOKEN or `hf auth login`. Exit 0: published, already published or dry
    run; 1: refused or failed (version conflict, auth, network, server); 2: usage or not a build."""
    from builder.publish import InvalidBuild, PublishError, format_result, publish_to_folder, publish_to_hub

    if (repo_id is None) == (to_dir is None):
        fail("give exactly one of --repo-id NS/NAME or --to DIR", EXIT_USAGE)
    try:
        if to_dir is not None:
            result = publish_to_folder(build_dir, to_dir, dry_run=dry_run)
        else:
            result = publish_to_hub(build_dir, repo_id, private=private, dry_run=dry_run, message=message)
    except InvalidBuild as err:
        fail(str(err), EXIT_USAGE)
    except PublishError as err:
        fail(str(err), EXIT_BUILD_FAILED)
    click.echo(format_result(result))


@main.command()
@click.argument("old_build", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("new_build", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole comparison as JSON.")
@click.option("--check", is_flag=True, help="Exit 1 if NEW_BUILD's version bump is smaller than its changes need.")
def diff(old_build: Path, new_build: Path, as_json: bool, check: bool) -> None:
    """Records added / removed / changed per config and split (by id), schema changes, and the
    semantic-version bump they need. Exit 0; 1 with --check when the bump is too small; 2 not a build."""
    import json

    from builder.diff import NotABuild, diff_builds, format_diff

    try:
        result = diff_builds(old_build, new_build)
    except NotABuild as err:
        fail(str(err), EXIT_USAGE)
    click.echo(json.dumps(result, indent=2) if as_json else format_diff(result))
    if check and not result["version_ok"]:
        sys.exit(EXIT_BUILD_FAILED)


@main.command()
@click.argument("build_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["squad", "lm-eval"]), required=True,
              help="squad: SQuAD v1.1 JSON of the qa config; lm-eval: an lm-evaluation-harness task YAML.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: <name>-<version>-squad.json or <name>.yaml here).")
@click.option("--split", default=None, help="squad: only this split (default: all).")
@click.option("--repo-id", default=None, metavar="NS/NAME", help="lm-eval: the published dataset (default: the folder).")
@click.option("--revision", default=None, help="lm-eval: the revision to pin (default: v<version>).")
def export(build_dir: Path, fmt: str, out_path: Path | None, split: str | None, repo_id: str | None,
           revision: str | None) -> None:
    """Export the QA pairs of BUILD_DIR for other tools; prints the file written."""
    from builder.export import export_lm_eval, export_squad

    name = build_dir.parent.name or "dataset"
    if fmt == "squad":
        target = out_path or Path(f"{name}-{build_dir.name}-squad.json")
        export_squad(build_dir, target, split)
    else:
        target = out_path or Path(f"{name}.yaml")
        export_lm_eval(build_dir, target, repo_id, revision)
    click.echo(str(target))


@main.group()
def labels() -> None:
    """Work on the labeling rules of a recipe."""


@labels.command("analyze")
@click.argument("recipe", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--gold", "gold_field", default=None, help="A jsonl column holding the true label, to measure accuracy.")
@click.option("--source", "sources", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Analyze on this file or folder instead of the recipe's sources (repeatable).")
def labels_analyze(recipe: Path, gold_field: str | None, sources: tuple[Path, ...]) -> None:
    """Coverage, overlaps, conflicts (and accuracy with --gold) of every labeling rule in RECIPE."""
    from builder.labels import analyze_recipe

    try:
        click.echo(analyze_recipe(recipe, gold_field, [str(p) for p in sources] or None))
    except RecipeError as err:
        fail(str(err), EXIT_USAGE)


if __name__ == "__main__":
    main()
