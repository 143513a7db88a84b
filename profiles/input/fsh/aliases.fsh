// Aliases for every canonical and code system used in the IG (docs/ig-design.md, standards.md §1–2).
Alias: $sct = http://snomed.info/sct
Alias: $loinc = http://loinc.org
Alias: $icd10se = urn:oid:1.2.752.116.1.1.1
Alias: $kva = urn:oid:1.2.752.116.1.3.2.1.4
Alias: $hsa = urn:oid:1.2.752.29.4.19
Alias: $pnr = http://electronichealth.se/identifier/personnummer
Alias: $samnr = http://electronichealth.se/identifier/samordningsnummer
Alias: $legitimation = urn:oid:1.2.752.116.3.1.3
Alias: $remissId = https://remissbrygga.se/fhir/sid/remiss-id
