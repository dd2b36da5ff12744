"""Validates a SARIF file against the SARIF 2.1.0 schema (python3-jsonschema)."""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("missing jsonschema: apt-get install python3-jsonschema")

schema = json.load(open(sys.argv[1], encoding="utf-8"))
document = json.load(open(sys.argv[2], encoding="utf-8"))
validator = jsonschema.validators.validator_for(schema)(schema)
errors = list(validator.iter_errors(document))
for error in errors:
    print(f"{'/'.join(map(str, error.absolute_path))}: {error.message}")
if not document["runs"][0]["results"]:
    sys.exit("the SARIF file has no results to check")
print(f"{len(document['runs'][0]['results'])} results conform" if not errors else "")
sys.exit(1 if errors else 0)
