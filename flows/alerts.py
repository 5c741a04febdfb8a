"""Install wiretrace's Prefect automations (``automations/*.yaml``): alerts for Failed, Crashed, Late and stuck runs.

    python -m flows.alerts --webhook-url https://alerts.example/hook

saves a webhook notification block (``custom-webhook/wiretrace-alerts``: a JSON POST of
``{"subject": …, "body": …}``) pointed at the URL, then creates each automation with that block as
its action, replacing automations of the same name (running it again is safe). It talks to the
Prefect API of the current profile (``PREFECT_API_URL``).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

import yaml
from prefect.blocks.notifications import CustomWebhookNotificationBlock
from prefect.client.orchestration import get_client
from prefect.events.schemas.automations import AutomationCore

AUTOMATIONS = Path(__file__).resolve().parent.parent / "automations"
BLOCK_NAME = "wiretrace-alerts"
#: The value of ``block_document_id`` in the automation files, replaced by the alert block's id.
PLACEHOLDER = "WIRETRACE_ALERT_BLOCK"


def automation_files() -> list[Path]:
    return sorted(AUTOMATIONS.glob("*.yaml"))


def load_automation(path: Path, block_id: UUID) -> AutomationCore:
    """One automation file, its notification actions pointed at the block ``block_id``."""
    data: dict[str, Any] = yaml.safe_load(path.read_text())
    for action in data.get("actions", []):
        if action.get("block_document_id") == PLACEHOLDER:
            action["block_document_id"] = str(block_id)
    return AutomationCore.model_validate(data)


def install(webhook_url: str) -> dict[str, UUID]:
    """Save the webhook block and (re)create every automation; return automation name -> id."""
    block = CustomWebhookNotificationBlock(
        name="wiretrace",
        url=webhook_url,
        method="POST",
        json_data={"subject": "{{subject}}", "body": "{{body}}"},
        headers=None,
        cookies=None,
    )
    block_id = block.save(BLOCK_NAME, overwrite=True)
    assert isinstance(block_id, UUID)
    created = {}
    with get_client(sync_client=True) as client:
        for path in automation_files():
            automation = load_automation(path, block_id)
            for old in client.read_automations_by_name(automation.name):
                client.delete_automation(old.id)
            created[automation.name] = client.create_automation(automation)
    return created


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.alerts", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--webhook-url", required=True, help="where alerts are POSTed as JSON {subject, body}")
    args = parser.parse_args(argv)
    for name, automation_id in install(args.webhook_url).items():
        print(f"automation {name}: {automation_id}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
