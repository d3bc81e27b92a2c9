"""Collection metadata stays in step with the code it describes."""

import ast
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _load_yaml(rel_path):
    with open(ROOT / rel_path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _module_names():
    modules_dir = ROOT / "plugins" / "modules"
    return {
        path.stem
        for path in modules_dir.glob("*.py")
        if path.stem != "__init__" and not path.stem.startswith("_")
    }


def test_action_group_lists_exactly_the_modules():
    action_group = _load_yaml("meta/runtime.yml")["action_groups"]["bitbucket"]
    assert len(action_group) == len(set(action_group)), "duplicate entries in the action group"
    modules = _module_names()
    assert set(action_group) == modules, (
        "meta/runtime.yml action_groups.bitbucket and plugins/modules differ: "
        "only in runtime.yml: {0}; only in plugins/modules: {1}".format(
            sorted(set(action_group) - modules), sorted(modules - set(action_group))
        )
    )


def test_installed_ansible_core_satisfies_requires_ansible():
    from ansible.release import __version__ as ansible_version
    from packaging.specifiers import SpecifierSet

    requires = SpecifierSet(_load_yaml("meta/runtime.yml")["requires_ansible"])
    assert requires.contains(ansible_version, prereleases=True), (ansible_version, str(requires))


def _collection_version_in_client():
    """COLLECTION_VERSION as assigned in plugins/module_utils/client.py (read, not imported)."""
    client = ROOT / "plugins" / "module_utils" / "client.py"
    assert client.is_file(), "plugins/module_utils/client.py is missing"
    tree = ast.parse(client.read_text(encoding="utf-8"), filename=str(client))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "COLLECTION_VERSION" for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError("plugins/module_utils/client.py defines no COLLECTION_VERSION")


def test_galaxy_version_matches_client_version():
    galaxy = _load_yaml("galaxy.yml")
    assert (galaxy["namespace"], galaxy["name"]) == ("bitbucket", "cloud")
    assert _collection_version_in_client() == str(galaxy["version"])
