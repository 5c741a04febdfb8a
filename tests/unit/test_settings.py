"""Settings a user can set: config file, flow parameter and --set, validated with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrace.errors import InputError
from wiretrace.params import PipelineParams
from wiretrace.settings import find_config, overrides, pipeline_params, read_config


def test_defaults_without_any_layer() -> None:
    assert pipeline_params() == PipelineParams()
    assert pipeline_params(("flow parameter settings", None), ("--set", {})) == PipelineParams()


def test_layers_override_in_order_and_keep_the_rest(tmp_path: Path) -> None:
    config = tmp_path / "wiretrace.toml"
    config.write_text("[verify]\nnarrative_containment = 0.2\ntime_window_days = 7\n[signature]\nmax_bucket = 100\n")
    params = pipeline_params(
        (str(config), read_config(config)), ("--set", overrides(["verify.narrative_containment=0.25"]))
    )
    assert params.verify.narrative_containment == 0.25  # --set wins over the file
    assert params.verify.time_window_days == 7.0 and isinstance(params.verify.time_window_days, float)
    assert params.signature.max_bucket == 100
    assert params.verify.wording_run == PipelineParams().verify.wording_run
    assert params.signature.params_id == PipelineParams().signature.params_id  # max_bucket steers search only


def test_pyproject_tool_table_is_a_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIRETRACE_CONFIG", raising=False)
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path) is None  # no [tool.wiretrace]
    (tmp_path / "pyproject.toml").write_text("[tool.wiretrace.verify]\nwording_run = 8\n")
    found = find_config(tmp_path)
    assert found == tmp_path / "pyproject.toml"
    assert pipeline_params((str(found), read_config(found))).verify.wording_run == 8
    (tmp_path / "wiretrace.toml").write_text("")
    assert find_config(tmp_path) == tmp_path / "wiretrace.toml"  # the dedicated file first
    monkeypatch.setenv("WIRETRACE_CONFIG", str(tmp_path / "elsewhere.toml"))
    assert find_config(tmp_path) == tmp_path / "elsewhere.toml"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"verfy": {"wording_run": 6}}, "wiretrace.toml: unknown section 'verfy'"),
        ({"verify": {"wording": 6}}, "wiretrace.toml: unknown setting verify.wording "),
        ({"verify": {"wording_run": "six"}}, "wiretrace.toml: verify.wording_run must be int, got 'six'"),
        ({"verify": {"wording_run": True}}, "verify.wording_run must be int, got True"),
        ({"verify": {"narrative_containment": 1.5}}, "wiretrace.toml: [verify] narrative_containment is a share"),
        ({"verify": {"aligned_share": -0.1}}, "verify.aligned_share must not be negative"),
        ({"verify": {"time_window_days": 0}}, "time_window_days must be positive"),
        ({"signature": {"bands": 200}}, "bands*rows = 200 exceeds num_perm = 128"),
        ({"signature": {"tokenizer": 3}}, "signature.tokenizer must be str, got 3"),
        ({"verify": 0.2}, "verify must map setting names to values"),
    ],
)
def test_bad_settings_name_their_origin_and_key(settings: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as err:
        pipeline_params(("wiretrace.toml", settings))  # type: ignore[arg-type]
    assert message in str(err.value)


def test_none_is_allowed_only_where_the_setting_allows_it() -> None:
    assert pipeline_params(("flow", {"verify": {"time_window_days": None}})).verify.time_window_days is None
    with pytest.raises(InputError, match=r"verify\.wording_run must be int"):
        pipeline_params(("flow", {"verify": {"wording_run": None}}))


def test_bad_files_and_overrides_are_input_errors(tmp_path: Path) -> None:
    broken = tmp_path / "wiretrace.toml"
    broken.write_text("[verify\n")
    with pytest.raises(InputError, match=r"wiretrace\.toml: not valid TOML"):
        read_config(broken)
    with pytest.raises(InputError, match="config file cannot be read"):
        read_config(tmp_path / "missing.toml")
    flat = tmp_path / "flat.toml"
    flat.write_text("wording_run = 8\n")
    with pytest.raises(InputError, match="wording_run must be a table"):
        read_config(flat)
    with pytest.raises(InputError, match=r"expected section\.key=value"):
        overrides(["wording_run=8"])
    assert overrides(["verify.time_window_days=3.5", "signature.tokenizer=word+cjk-char"]) == {
        "verify": {"time_window_days": 3.5},
        "signature": {"tokenizer": "word+cjk-char"},
    }
