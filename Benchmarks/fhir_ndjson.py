#!/usr/bin/env python3
"""Writes a FHIR R4 Bulk Data NDJSON file of score Observations (PHQ-9 44261-6 and GAD-7
70274-6 totals) of about the given size, for the NDJSON ingest benchmark (bench_fhir.sh).
Synthetic: patient ids P0000001 …, one Observation per patient-day. Usage:
    fhir_ndjson.py OUT.ndjson MEGABYTES"""
import json, random, sys, datetime

out, megabytes = sys.argv[1], int(sys.argv[2])
limit = megabytes * 1024 * 1024
rng = random.Random(7)
start = datetime.datetime(2025, 1, 1, 9, 0, tzinfo=datetime.timezone.utc)
written = 0
n = 0
with open(out, "w") as f:
    while written < limit:
        patient = n // 40
        day = n % 40
        loinc, top, display = (("44261-6", 27, "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]") if n % 2 == 0
                               else ("70274-6", 21, "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"))
        at = start + datetime.timedelta(days=day * 3, minutes=(n % 2) * 5 + patient % 600)
        resource = {
            "resourceType": "Observation", "id": f"obs-{n}", "status": "final",
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey"}]}],
            "code": {"coding": [{"system": "http://loinc.org", "code": loinc, "display": display}]},
            "subject": {"reference": f"Patient/P{patient:07d}"},
            "effectiveDateTime": at.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "valueQuantity": {"value": rng.randint(0, top), "unit": "{score}", "system": "http://unitsofmeasure.org", "code": "{score}"},
        }
        line = json.dumps(resource, separators=(",", ":")) + "\n"
        f.write(line)
        written += len(line)
        n += 1
print(f"{out}: {n} Observations, {written} bytes")
