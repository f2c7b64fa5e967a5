"""hazards.yaml: the ledger's villages and sectors, checked by `validate`."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke
from maogang_cli.catalog.files import catalogue_files
from maogang_cli.catalog.load import load_catalogue
from maogang_cli.config import bundled_data_dir


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_the_bundled_vocabularies() -> None:
    catalogue, problems = load_catalogue(catalogue_files(bundled_data_dir()))
    assert problems == []
    assert catalogue is not None and catalogue.hazards is not None
    sectors = [s.name for s in catalogue.hazards.sectors]
    # the issue's list, every one drawn from the plan document
    issue = "消防 城镇燃气 建设工程施工 道路交通 工贸 危险化学品 有限空间 粉尘涉爆 自建房 厂房仓库"
    assert set(issue.split()) | {"冷库", "电动自行车", "其他"} <= set(sectors)
    assert sectors[-1] == "其他"
    kinds = {v.kind for v in catalogue.hazards.villages}
    assert kinds == {"village", "community"}


def test_a_name_used_twice_is_located(invoke: Invoke, data_copy: Path) -> None:
    path = data_copy / "hazards.yaml"
    edit(path, "aliases: [茹塘]", "aliases: [腰泾]")
    result = invoke("validate", str(data_copy))
    assert result.exit_code == 1
    lines = path.read_text("utf-8").splitlines()
    line = [i for i, text in enumerate(lines, 1) if "[腰泾]" in text][-1]  # 茹塘村's
    first = lines.index("  - name: 腰泾村") + 1
    assert result.stdout == (
        f"{path}:{line}:15: name '腰泾' is already used by '腰泾村' (line {first})\n"
    )


def test_a_mistyped_key_and_kind(invoke: Invoke, data_copy: Path) -> None:
    path = data_copy / "hazards.yaml"
    edit(path, "    kind: village\n", "    kinds: village\n")
    edit(path, "    kind: community\n", "    kind: comunity\n")
    result = invoke("validate", str(data_copy), "--format", "json")
    assert result.exit_code == 1
    messages = [p["message"] for p in __import__("json").loads(result.stdout)]
    assert "unknown key 'kinds' (did you mean: kind?)" in messages
    assert "kind: Input should be 'village' or 'community' (got 'comunity')" in messages


def test_the_file_is_optional(invoke: Invoke, data_copy: Path) -> None:
    (data_copy / "hazards.yaml").unlink()
    result = invoke("validate", str(data_copy))
    assert result.stdout == "校验通过：3个文件、26项任务、22个单位、7个单位组、30项措施\n"
