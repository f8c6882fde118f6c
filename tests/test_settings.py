"""Settings are declared once, read from the environment, and every one is in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators import settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_readme_mentions_every_setting(setting):
    assert setting.env in README, f"README does not mention {setting.env}"
    assert setting.help


def test_environment_overrides_default(monkeypatch):
    assert settings.get("port") == 8050
    monkeypatch.setenv("INDICATORS_PORT", "9000")
    assert settings.get("port") == 9000
    assert settings.get("port", {"port": 7000}) == 7000


def test_bad_environment_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("INDICATORS_PORT", "eighty")
    with pytest.raises(ValueError, match="INDICATORS_PORT"):
        settings.get("port")


def test_db_url_accepts_a_path_or_a_url(tmp_path):
    assert settings.db_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert settings.db_url("postgresql://u@h/db") == "postgresql://u@h/db"
