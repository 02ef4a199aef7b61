#!/bin/sh
# Regenerate the localised samples from the Northshire sample, with pairkit itself.
# Run from anywhere: sh samples/make_localised.sh
#
#   dudley.docx      Northshire's pathway in Dudley's wording (PIEW), straight from Word.
#   glenmorven.json  a Scottish area, Glenmorven: IMH wording, GIRFEC levels of need
#   glenmorven.docx  (iThrive's five levels merge into GIRFEC's four, so this takes the
#                    JSON route: extract, name the area, localise, write).
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python -m pairkit localise samples/northshire.docx --profile dudley -o samples/dudley.docx

python -m pairkit extract samples/northshire.docx -o "$tmp/northshire.json"
# The one hand edit: the area's name.
python - "$tmp/northshire.json" "$tmp/area.json" <<'PY'
import json, sys
pathway = json.load(open(sys.argv[1], encoding="utf-8"))
pathway["meta"]["area"] = "Glenmorven"
json.dump(pathway, open(sys.argv[2], "w", encoding="utf-8"), indent=2, ensure_ascii=False)
PY
python -m pairkit localise "$tmp/area.json" --profile scotland --framework girfec \
    -o samples/glenmorven.json
python -m pairkit write samples/glenmorven.json -o samples/glenmorven.docx
