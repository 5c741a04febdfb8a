"""Settings through the real flow: a config file and --set decide the run and are recorded with
it; a bad setting stops the run before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.commands import main
from flows.run import wiretrace_run
from warehouse.connection import connect_reader

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _recorded(db: Path) -> list[dict[str, dict[str, object]]]:
    con = connect_reader(db)
    try:
        return [json.loads(p) for (p,) in con.execute("SELECT parameters FROM wt.runs ORDER BY started_at").fetchall()]
    finally:
        con.close()


def test_config_file_and_set_decide_the_run_and_are_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WIRETRACE_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wiretrace.toml").write_text("[verify]\ntime_window_days = 3\nnarrative_containment = 0.2\n")
    db = tmp_path / "w.duckdb"
    assert main(["run", "--db", str(db), "--set", "verify.narrative_containment=0.25"]) == 0
    wiretrace_run(db=str(db), settings={"signature": {"max_bucket": 50}})  # the flow parameter
    first, second = _recorded(db)
    assert first["verify"]["time_window_days"] == 3.0  # from the file
    assert first["verify"]["narrative_containment"] == 0.25  # --set over the file
    assert second["signature"]["max_bucket"] == 50 and second["verify"]["narrative_containment"] == 0.2
    assert first["verify"]["wording_run"] == 6  # the rest stays at its default


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--set", "verify.narrative_containment=2"], "--set: [verify] narrative_containment is a share"),
        (["--set", "verfy.wording_run=8"], "--set: unknown section 'verfy'"),
        (["--config", "missing.toml"], "missing.toml: config file cannot be read"),
    ],
)
def test_a_bad_setting_stops_the_run_before_anything_is_written(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    message: str,
) -> None:
    monkeypatch.delenv("WIRETRACE_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "w.duckdb"
    assert main(["run", "--db", str(db), *options]) == 2
    assert message in capsys.readouterr().err
    assert not db.exists()


def test_a_bad_flow_parameter_fails_the_flow_run_before_the_warehouse_opens(tmp_path: Path) -> None:
    from wiretrace.errors import InputError

    db = tmp_path / "w.duckdb"
    with pytest.raises(InputError, match=r"flow parameter settings: unknown setting verify\.window"):
        wiretrace_run(db=str(db), settings={"verify": {"window": 3}})
    assert not db.exists()
