"""The README documents every setting and every command."""

from pathlib import Path

from pydantic import BaseModel

from zwgk.cli import app
from zwgk.config import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def documented_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        if field.exclude:
            continue
        annotation = field.annotation
        inner = getattr(annotation, "__args__", (annotation,))[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            keys.extend(documented_keys(inner, f"{prefix}{name}."))
        else:
            keys.append(f"{prefix}{name}")
    return keys


def test_every_setting_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    keys = documented_keys(Settings)
    assert len(keys) > 30
    missing = [key for key in keys if f"`{key}`" not in text]
    assert missing == []


def test_every_command_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    commands = [
        command.name or command.callback.__name__ for command in app.registered_commands
    ]
    assert "demo" in commands
    missing = [name for name in commands if f"zwgk {name}" not in text]
    assert missing == []
