"""The pipeline's settings a user can set: a config file, flow parameters and overrides.

Settings are the fields of :class:`~wiretrace.params.PipelineParams`, grouped as its
sections (``[signature]``, ``[verify]``). They are read, in increasing precedence, from the
defaults, a config file (``wiretrace.toml``, or ``[tool.wiretrace]`` in ``pyproject.toml``)
and the run's own overrides (the flow's ``settings`` parameter, ``wiretrace run --set``).

Invariants: an unknown section or key, a value of the wrong type or out of range is an
:class:`~wiretrace.errors.InputError` naming where it came from and the key, raised before
anything runs; the result is a frozen ``PipelineParams``, recorded with every run.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_type_hints

from wiretrace.errors import InputError
from wiretrace.params import PipelineParams

#: Environment variable naming the config file (overrides the search of the current folder).
CONFIG_ENV = "WIRETRACE_CONFIG"
CONFIG_NAME = "wiretrace.toml"

Settings = Mapping[str, Mapping[str, Any]]


def find_config(folder: Path | None = None) -> Path | None:
    """The config file in effect: ``$WIRETRACE_CONFIG``, else ``wiretrace.toml`` in ``folder``
    (default: the current one), else its ``pyproject.toml`` when it has ``[tool.wiretrace]``."""
    if named := os.environ.get(CONFIG_ENV):
        return Path(named)
    folder = folder or Path.cwd()
    if (folder / CONFIG_NAME).is_file():
        return folder / CONFIG_NAME
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and "wiretrace" in _read_toml(pyproject).get("tool", {}):
        return pyproject
    return None


def read_config(path: Path) -> dict[str, dict[str, Any]]:
    """The settings of a config file (its ``[tool.wiretrace]`` table for a ``pyproject.toml``)."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("wiretrace", {})
    for section, values in data.items():
        if not isinstance(values, dict):
            raise InputError(f"{path}: {section} must be a table such as [{section}], got {values!r}")
    return data


def pipeline_params(*layers: tuple[str, Settings | None]) -> PipelineParams:
    """Defaults overridden by each ``(origin, settings)`` layer in turn; ``origin`` names the
    layer in errors (a file path, "flow parameter settings", "--set")."""
    sections: dict[str, dict[str, Any]] = {f.name: {} for f in dataclasses.fields(PipelineParams)}
    origin_of: dict[tuple[str, str], str] = {}
    for origin, settings in layers:
        for section, values in (settings or {}).items():
            if section not in sections:
                raise InputError(f"{origin}: unknown section {section!r} (known: {', '.join(sections)})")
            if not isinstance(values, Mapping):
                raise InputError(f"{origin}: {section} must map setting names to values, got {values!r}")
            known = _field_types(section)
            for key, value in values.items():
                if key not in known:
                    raise InputError(f"{origin}: unknown setting {section}.{key} (known: {', '.join(known)})")
                sections[section][key] = _checked(origin, f"{section}.{key}", value, known[key])
                origin_of[(section, key)] = origin
    built: dict[str, Any] = {}
    for section, values in sections.items():
        cls = _section_class(section)
        try:
            built[section] = cls(**values)
        except ValueError as err:
            origins = sorted({origin_of[(section, k)] for k in values}) or ["defaults"]
            raise InputError(f"{', '.join(origins)}: [{section}] {err}") from None
    return PipelineParams(**built)


def parse_override(text: str) -> tuple[str, str, Any]:
    """``section.key=value`` (value as TOML: ``0.2``, ``14``, ``true``, ``"x"``) as a triple."""
    name, sep, raw = text.partition("=")
    section, dot, key = name.strip().partition(".")
    if not sep or not dot or not section or not key:
        raise InputError(f"--set {text}: expected section.key=value, e.g. verify.narrative_containment=0.15")
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()  # a bare word is a string
    return section, key, value


def overrides(texts: list[str]) -> dict[str, dict[str, Any]]:
    """``--set`` options as settings."""
    out: dict[str, dict[str, Any]] = {}
    for text in texts:
        section, key, value = parse_override(text)
        out.setdefault(section, {})[key] = value
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as err:
        raise InputError(f"{path}: config file cannot be read ({err.strerror or err})") from None
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"{path}: not valid TOML ({err})") from None


def _section_class(section: str) -> type:
    return next(f.default_factory for f in dataclasses.fields(PipelineParams) if f.name == section)  # type: ignore[return-value]


def _field_types(section: str) -> dict[str, Any]:
    cls = _section_class(section)
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _checked(origin: str, name: str, value: Any, kind: Any) -> Any:
    """``value`` as the field's type: an int is a valid float; None only where allowed."""
    allowed = getattr(kind, "__args__", (kind,))
    if value is None and type(None) in allowed:
        return None
    if float in allowed and isinstance(value, int | float) and not isinstance(value, bool):
        value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            raise InputError(f"{origin}: {name} must be a finite number, got {value!r}")
        if value < 0:
            raise InputError(f"{origin}: {name} must not be negative, got {value!r}")
        return value
    if int in allowed and isinstance(value, int) and not isinstance(value, bool):
        return value
    if str in allowed and isinstance(value, str):
        return value
    names = " or ".join("none" if t is type(None) else t.__name__ for t in allowed)
    raise InputError(f"{origin}: {name} must be {names}, got {value!r}")
