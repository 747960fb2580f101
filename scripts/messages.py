"""Adds or updates English catalog entries: python3 scripts/messages.py < entries.json
Each entry is "key": "text" or "key": ["text with $NAME$", ["name", ...]]."""
import json, sys
path = 'public/_locales/en/messages.json'
catalog = json.load(open(path))
for key, value in json.load(sys.stdin).items():
    if isinstance(value, list):
        text, names = value
        catalog[key] = {"message": text, "placeholders": {n: {"content": f"${i + 1}"} for i, n in enumerate(names)}}
    else:
        catalog[key] = {"message": value}
with open(path, 'w') as f:
    json.dump(catalog, f, ensure_ascii=False, indent=2)
    f.write('\n')
print(len(catalog), 'keys')
