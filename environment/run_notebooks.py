#!/usr/bin/env python3
"""Execute robustrec notebooks headless with the `robustrec` Java kernel.

For each notebook: inject parameter overrides into its parameters cell, execute every cell (per-cell
timeout), write the executed notebook and an HTML rendering under build/notebooks/, extract the
results the notebook recorded (stdout lines `ROBUSTREC_RESULT {"name": .., "value": ..}`) into
build/notebooks/<name>.results.json, and fail when a cell fails or no chart was produced.

The parameters cell is the code cell tagged `parameters`; each parameter is one Java declaration per
line, e.g. `int EPOCHS = 3;`, `double LR = 1e-3;`, `String DATASET = "synthetic";` (a trailing `//`
comment is kept). Overrides come from `--profile NAME` (environment/profiles/NAME.json, sections "*"
for every notebook and "<notebook stem>" for one notebook) and from `--set NAME=VALUE` (applied last).
Names in the "*" section are applied where a notebook declares them; names given with --set or in a
notebook's own section must be declared in that notebook, otherwise it is an error naming both.

Exit status: 0 all notebooks passed, 1 a notebook failed, 2 bad arguments or overrides.
"""
from __future__ import annotations

import argparse
import os
import copy
import json
import math
import re
import sys
import time
from pathlib import Path

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
except ImportError as exc:  # pragma: no cover - depends on the machine
    sys.stderr.write(
        f"run_notebooks.py: missing Jupyter execution parts ({exc}); run environment/install, "
        "or run this script with the python that has nbclient (e.g. /usr/bin/python3)\n")
    sys.exit(2)

ROOT = Path(__file__).resolve().parent.parent
MARKER = "ROBUSTREC_RESULT "

# One declaration per line: optional `final`, a type, a name, `=`, a value, `;`, optional // comment.
DECL = re.compile(
    r"^(?P<indent>\s*)(?P<final>final\s+)?(?P<type>[A-Za-z_][\w.]*(?:<[^=]*>)?(?:\[\])*)\s+"
    r"(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<value>.*?)\s*;\s*(?P<comment>//.*)?$")

INT_TYPES = {"int", "Integer", "short", "Short", "byte", "Byte"}
LONG_TYPES = {"long", "Long"}
FLOAT_TYPES = {"double", "Double", "float", "Float"}
BOOL_TYPES = {"boolean", "Boolean"}


class UsageError(Exception):
    """Bad arguments, profiles or overrides (exit status 2)."""


class NotebookFailure(Exception):
    """A notebook failed to execute or did not produce what it must (exit status 1)."""


# ---------------------------------------------------------------------------------------------
# parameters

def parameters_cell(nb) -> tuple[int, object] | tuple[None, None]:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return i, cell
    return None, None


def declared_parameters(source: str) -> dict[str, tuple[int, re.Match]]:
    """Parameter name -> (line index, match) for every declaration line of a parameters cell."""
    out = {}
    for i, line in enumerate(source.split("\n")):
        m = DECL.match(line)
        if m:
            out[m.group("name")] = (i, m)
    return out


def java_literal(nb_name: str, name: str, java_type: str, value) -> str:
    """Formats an override as a Java literal of the declared type; errors name notebook and parameter."""
    where = f"{nb_name}: parameter {name} ({java_type})"
    base = java_type.split("<")[0]
    if base in INT_TYPES or base in LONG_TYPES:
        if isinstance(value, bool):
            raise UsageError(f"{where}: {value!r} is not an integer")
        try:
            if isinstance(value, float):
                if not value.is_integer():
                    raise ValueError
                n = int(value)
            else:
                n = int(str(value).strip().rstrip("Ll"))
        except ValueError:
            raise UsageError(f"{where}: {value!r} is not an integer") from None
        if base in INT_TYPES and not -2**31 <= n < 2**31:
            raise UsageError(f"{where}: {n} is outside the int range")
        return f"{n}L" if base in LONG_TYPES and not -2**31 <= n < 2**31 else str(n)
    if base in FLOAT_TYPES:
        if isinstance(value, bool):
            raise UsageError(f"{where}: {value!r} is not a number")
        try:
            x = float(str(value).strip().rstrip("dDfF")) if isinstance(value, str) else float(value)
        except ValueError:
            raise UsageError(f"{where}: {value!r} is not a number") from None
        if not math.isfinite(x):
            raise UsageError(f"{where}: {value!r} must be finite")
        text = repr(x)
        return text + ("f" if base in ("float", "Float") else "")
    if base in BOOL_TYPES:
        text = str(value).strip().lower()
        if text not in ("true", "false"):
            raise UsageError(f"{where}: {value!r} is not true/false")
        return text
    if base == "String":
        text = value if isinstance(value, str) else json.dumps(value)
        # an already quoted --set value ("abc") is taken as the literal
        if len(text) >= 2 and text[0] == text[-1] == '"':
            text = json.loads(text)
        return json.dumps(text)
    if base in ("char", "Character"):
        text = str(value)
        if len(text) != 1:
            raise UsageError(f"{where}: {value!r} is not a single character")
        return "'" + ("\\'" if text == "'" else "\\\\" if text == "\\" else text) + "'"
    # other types (var, List<...>, enums): the override is Java source inserted as is
    if not isinstance(value, str):
        raise UsageError(f"{where}: give the value as Java source text (a string), got {value!r}")
    return value


def apply_overrides(nb, nb_name: str, general: dict, specific: dict, explicit: dict) -> dict:
    """Rewrites the parameters cell in place; returns the overrides applied (name -> Java literal)."""
    strict = {**specific, **explicit}
    index, cell = parameters_cell(nb)
    if cell is None:
        if strict:
            raise UsageError(f"{nb_name}: no code cell tagged 'parameters', cannot set "
                             + ", ".join(sorted(strict)))
        return {}
    lines = cell.source.split("\n")
    declared = declared_parameters(cell.source)
    unknown = sorted(n for n in strict if n not in declared)
    if unknown:
        raise UsageError(f"{nb_name}: parameter(s) {', '.join(unknown)} not declared in the parameters cell "
                         f"(cell {index + 1}); declared: {', '.join(declared) or 'none'}")
    merged = {n: v for n, v in general.items() if n in declared}
    merged.update(specific)
    merged.update(explicit)
    applied = {}
    for name, value in merged.items():
        line_no, m = declared[name]
        literal = java_literal(nb_name, name, m.group("type"), value)
        was = m.group("value")
        lines[line_no] = (f"{m.group('indent')}{m.group('final') or ''}{m.group('type')} {name} = {literal};"
                          f" // run-notebooks override (was {was})")
        applied[name] = literal
    cell.source = "\n".join(lines)
    return applied


def parse_set(items: list[str]) -> dict:
    out = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--set {item!r}: expected NAME=VALUE")
        name, value = item.split("=", 1)
        name = name.strip()
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise UsageError(f"--set {item!r}: {name!r} is not a Java identifier")
        out[name] = value
    return out


def load_profile(name: str | None) -> dict:
    if not name:
        return {}
    path = ROOT / "environment" / "profiles" / f"{name}.json"
    if not path.is_file():
        known = sorted(p.stem for p in (ROOT / "environment" / "profiles").glob("*.json"))
        raise UsageError(f"--profile {name}: no file {path} (known profiles: {', '.join(known) or 'none'})")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: line {exc.lineno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected an object of sections, e.g. {{\"*\": {{\"EPOCHS\": 1}}}}")
    # keys starting with "_" are comments
    data = {k: v for k, v in data.items() if not k.startswith("_")}
    bad = [k for k, v in data.items() if not isinstance(v, dict)]
    if bad:
        raise UsageError(f"{path}: section(s) {', '.join(bad)} must be objects mapping parameter names to values")
    return data


# ---------------------------------------------------------------------------------------------
# execution

def image_count(nb) -> int:
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if "image/png" in o.get("data", {}) or "image/jpeg" in o.get("data", {}))


def recorded_results(nb, nb_name: str) -> dict:
    results = {}
    for i, c in enumerate(nb.cells):
        if c.cell_type != "code":
            continue
        for o in c.get("outputs", []):
            if o.get("output_type") != "stream" or o.get("name") != "stdout":
                continue
            text = o.get("text", "")
            text = "".join(text) if isinstance(text, list) else text
            for line in text.split("\n"):
                at = line.find(MARKER)
                if at < 0:
                    continue
                try:
                    payload = json.loads(line[at + len(MARKER):])
                    name, value = payload["name"], float(payload["value"])
                except (ValueError, KeyError, TypeError):
                    raise NotebookFailure(f"{nb_name}: cell {i + 1}: malformed result line: {line}") from None
                results.pop(name, None)
                results[name] = value
    return results


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def first_error(nb):
    """(cell index, error name, message) of the first error output. JShell compile errors come with an empty
    message and the compiler's diagnostic in the traceback, so the traceback stands in for it (colours removed)."""
    for i, c in enumerate(nb.cells):
        for o in c.get("outputs", []):
            if o.get("output_type") == "error":
                evalue = o.get("evalue", "")
                if not evalue.strip():
                    lines = [ANSI.sub("", t).strip() for t in o.get("traceback", [])]
                    evalue = " | ".join(t for t in lines if t)[:500]
                return i, o.get("ename", "?"), evalue
    return None


def cell_label(nb, index: int) -> str:
    src = nb.cells[index].source.strip().split("\n")[0] if nb.cells[index].source.strip() else ""
    return f"cell {index + 1} [{src[:70]}]"


def running_cell(nb):
    """Index of the cell that was executing when nbclient stopped: the last one with an execution count."""
    last = None
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and c.get("execution_count") is not None:
            last = i
    return last


def execute(nb, path: Path, kernel: str, cell_timeout: int, startup_timeout: int, attempts: int):
    """Executes `nb` in place; retries when the kernel never answered (no cell ran yet)."""
    pristine = copy.deepcopy(nb)
    for attempt in range(1, attempts + 1):
        client = NotebookClient(nb, timeout=cell_timeout, startup_timeout=startup_timeout, kernel_name=kernel,
                                allow_errors=False, record_timing=True,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
            return
        except RuntimeError as exc:
            started = any(c.get("execution_count") for c in nb.cells if c.cell_type == "code")
            if "didn't respond" in str(exc) and not started and attempt < attempts:
                print(f"  kernel '{kernel}' did not answer within {startup_timeout} s "
                      f"(attempt {attempt}/{attempts}); starting a new one", flush=True)
                nb.cells = copy.deepcopy(pristine.cells)
                continue
            raise


def export_html(nb, target: Path):
    from nbconvert import HTMLExporter
    body, _ = HTMLExporter().from_notebook_node(nb)
    target.write_text(body, encoding="utf-8")


def run_one(path: Path, nb, applied: dict, args) -> dict:
    name = path.stem
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    out_ipynb = out_dir / f"{name}.ipynb"
    started = time.time()
    failure = None
    try:
        execute(nb, path, args.kernel, args.timeout, args.startup_timeout, args.startup_attempts)
    except CellTimeoutError:
        i = running_cell(nb)
        where = cell_label(nb, i) if i is not None else "a cell"
        failure = f"{name}: {where} exceeded the cell timeout of {args.timeout} s"
    except DeadKernelError as exc:
        i = running_cell(nb)
        where = cell_label(nb, i) if i is not None else "before the first cell"
        failure = f"{name}: the kernel died during {where}: {exc}"
    except CellExecutionError as exc:
        err = first_error(nb)
        if err:
            i, ename, evalue = err
            failure = f"{name}: {cell_label(nb, i)} failed: {ename}: {evalue}"
        else:
            i = running_cell(nb)
            where = cell_label(nb, i) if i is not None else "a cell"
            failure = f"{name}: {where} failed: {getattr(exc, 'ename', '?')}: {getattr(exc, 'evalue', exc)}"
    except RuntimeError as exc:
        failure = f"{name}: could not run the kernel '{args.kernel}': {exc}"
    elapsed = time.time() - started

    nbformat.write(nb, str(out_ipynb))
    try:
        export_html(nb, out_dir / f"{name}.html")
    except Exception as exc:  # the HTML copy is a convenience; the .ipynb is the record
        print(f"  warning: {name}: HTML export failed: {exc}", file=sys.stderr)

    results = recorded_results(nb, name)
    (out_dir / f"{name}.results.json").write_text(json.dumps({
        "notebook": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path),
        "status": "failed" if failure else "passed",
        "seconds": round(elapsed, 1),
        "overrides": applied,
        "results": results,
    }, indent=2) + "\n", encoding="utf-8")

    if failure is None:
        expect_images = nb.metadata.get("robustrec", {}).get("expect_images", True)
        n_images = image_count(nb)
        if expect_images and n_images == 0:
            failure = (f"{name}: produced no image output (charts must render); set notebook metadata "
                       f"\"robustrec\": {{\"expect_images\": false}} if it has no chart by design")
    if failure:
        raise NotebookFailure(failure + f" (see {out_ipynb})")
    return {"seconds": elapsed, "images": image_count(nb), "results": len(results)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*.ipynb, sorted)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a parameter (repeatable; must be declared in every notebook run)")
    parser.add_argument("--profile", help="parameter profile from environment/profiles/<profile>.json")
    parser.add_argument("--out", default=str(ROOT / "build" / "notebooks"), help="output directory")
    parser.add_argument("--kernel", default="robustrec", help="kernelspec name (default robustrec)")
    parser.add_argument("--timeout", type=int, default=1800, help="per-cell timeout in seconds (default 1800)")
    parser.add_argument("--startup-timeout", type=int, default=60,
                        help="seconds to wait for the kernel to answer (default 60)")
    parser.add_argument("--startup-attempts", type=int, default=3,
                        help="kernel starts to try when it does not answer (default 3)")
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first failing notebook")
    args = parser.parse_args(argv)
    # kernels start in the notebook's folder: a data directory given relative to the caller would point elsewhere
    data_dir = os.environ.get("ROBUSTREC_DATA", "").strip()
    if data_dir and not os.path.isabs(data_dir):
        os.environ["ROBUSTREC_DATA"] = os.path.abspath(data_dir)

    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        try:
            KernelSpecManager().get_kernel_spec(args.kernel)
        except NoSuchKernel:
            raise UsageError(f"no Jupyter kernel named '{args.kernel}'; run environment/install first") from None
        paths = [Path(p).resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
        if not paths:
            raise UsageError(f"no notebooks given and none found in {ROOT / 'notebooks'}")
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise UsageError("no such notebook: " + ", ".join(missing))
        explicit = parse_set(args.set)
        profile = load_profile(args.profile)
        general = profile.get("*", {})
        stems = {p.stem for p in paths}
        # all overrides are checked before anything runs: a typo must not cost an hour of notebooks
        prepared = []
        for p in paths:
            try:
                nb = nbformat.read(str(p), as_version=4)
            except Exception as exc:
                raise UsageError(f"{p}: not a readable notebook: {exc}") from None
            applied = apply_overrides(nb, p.stem, general, profile.get(p.stem, {}), explicit)
            prepared.append((p, nb, applied))
        unused = sorted(k for k in profile if k != "*" and k not in stems
                        and not (ROOT / "notebooks" / f"{k}.ipynb").is_file())
        if unused:
            raise UsageError(f"profile {args.profile}: section(s) {', '.join(unused)} name no notebook")
    except UsageError as exc:
        print(f"run-notebooks: error: {exc}", file=sys.stderr)
        return 2

    failures = []
    for p, nb, applied in prepared:
        shown = ", ".join(f"{k}={v}" for k, v in applied.items()) or "defaults"
        print(f"== {p.name} ({shown})", flush=True)
        try:
            info = run_one(p, nb, applied, args)
            print(f"   passed in {info['seconds']:.0f} s: {info['images']} image(s), "
                  f"{info['results']} recorded result(s)", flush=True)
        except NotebookFailure as exc:
            print(f"   FAILED: {exc}", file=sys.stderr, flush=True)
            failures.append(str(exc))
            if args.fail_fast:
                break
    print(f"run-notebooks: {len(prepared) - len(failures)} of {len(prepared)} notebook(s) passed; "
          f"output in {args.out}", flush=True)
    if failures:
        print("run-notebooks: failures:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
