"""The briefing page's callbacks, called over HTTP as the browser calls them (for tests against a real server)."""

from __future__ import annotations

import json

import requests

BRIEFING_START = "..briefing-job.data...briefing-poll.disabled.."


def ask_for_briefing(session: requests.Session, base: str, headers: dict) -> dict:
    """Click the briefing page's PPTX button (section "capacity"): the job store's new data."""
    body = {"output": BRIEFING_START,
            "outputs": [{"id": "briefing-job", "property": "data"}, {"id": "briefing-poll", "property": "disabled"}],
            "inputs": [{"id": "briefing-pdf", "property": "n_clicks", "value": 0},
                       {"id": "briefing-pptx", "property": "n_clicks", "value": 1},
                       {"id": "briefing-docx", "property": "n_clicks", "value": 0}],
            "changedPropIds": ["briefing-pptx.n_clicks"],
            "state": [{"id": "briefing-job", "property": "data",
                       "value": {"lang": "en", "year": None, "region": "", "section": "capacity"}}]}
    session.get(f"{base}/briefing")
    answer = session.post(f"{base}/_dash-update-component", data=json.dumps(body), timeout=60,
                          headers={"Content-Type": "application/json", **headers})
    assert answer.status_code == 200, answer.text[:500]
    return answer.json()["response"]["briefing-job"]["data"]


def briefing_shown(session: requests.Session, base: str, job: dict, headers: dict) -> str:
    """What the briefing page's status line shows for ``job`` on its next poll, as JSON text."""
    key = next(c["output"] for c in session.get(f"{base}/_dash-dependencies").json()
               if c["output"].startswith("..briefing-status.children..."))  # with allow_duplicate's suffix
    body = {"output": key,
            "outputs": [{"id": "briefing-status", "property": "children"},
                        {"id": "briefing-poll", "property": "disabled"}],
            "inputs": [{"id": "briefing-poll", "property": "n_intervals", "value": 1}],
            "changedPropIds": ["briefing-poll.n_intervals"],
            "state": [{"id": "briefing-job", "property": "data", "value": job}]}
    answer = session.post(f"{base}/_dash-update-component", data=json.dumps(body), timeout=60,
                          headers={"Content-Type": "application/json", **headers})
    assert answer.status_code == 200, answer.text[:500]
    return json.dumps(answer.json(), ensure_ascii=False)
