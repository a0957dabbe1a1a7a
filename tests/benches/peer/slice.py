"""Cuts an OpenAPI document down to some operations and everything they reference.

Usage: python slice.py IN.yaml OUT.yaml OPERATION_ID...
Used by run.sh only when openapi-generator's Rust client of the full spec does not compile.
"""

import sys

import yaml

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def refs(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/"):
                found.add(tuple(value[len("#/components/"):].split("/", 1)))
            else:
                refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main():
    source, target, *wanted = sys.argv[1:]
    with open(source) as f:
        spec = yaml.safe_load(f)
    paths = {}
    for path, item in spec.get("paths", {}).items():
        kept = {m: op for m, op in item.items() if m in METHODS and op.get("operationId") in wanted}
        if kept:
            kept.update({k: v for k, v in item.items() if k not in METHODS})
            paths[path] = kept
    missing = set(wanted) - {op["operationId"] for i in paths.values() for m, op in i.items() if m in METHODS}
    if missing:
        sys.exit(f"operations not found: {sorted(missing)}")
    components = spec.get("components", {})
    todo = set()
    refs(paths, todo)
    done = set()
    while todo:
        kind, name = todo.pop()
        if (kind, name) in done:
            continue
        done.add((kind, name))
        refs(components[kind][name], todo)
    kept_components = {}
    for kind, name in sorted(done):
        kept_components.setdefault(kind, {})[name] = components[kind][name]
    if "securitySchemes" in components:
        kept_components["securitySchemes"] = components["securitySchemes"]
    spec["paths"] = paths
    spec["components"] = kept_components
    with open(target, "w") as f:
        yaml.safe_dump(spec, f, sort_keys=False, allow_unicode=True)
    print(f"{len(paths)} paths, {len(done)} components kept")


if __name__ == "__main__":
    main()
