"""Checks that a JSON Schema is valid draft 2020-12 and that each YAML file given conforms.

Needs Debian's python3-jsonschema and python3-yaml (installed by scripts/install-deps.sh);
fails, saying so, when they are missing.
"""
import json
import sys

try:
    import jsonschema
    import yaml
except ImportError as error:
    sys.exit(f"missing {error.name}: apt-get install python3-jsonschema python3-yaml")

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = False
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    for error in validator.iter_errors(document):
        failed = True
        print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    if not failed:
        print(f"{path}: conforms")
sys.exit(1 if failed else 0)
