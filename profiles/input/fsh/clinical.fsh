// Diagnosis, screening/rating observations and prior treatment (docs/ig-design.md; domain.md §2 #2, #4, #5; §3).

Profile: RbDiagnosis
Parent: Condition
Id: rb-diagnosis
Title: "Diagnos / Diagnosis"
Description: "Preliminär diagnos med ICD-10-SE-kod (000:47, 000:353). Bindningen är extensible: omfånget prövas som versionerad regel (REM-DIAG-SCOPE). / Preliminary diagnosis with an ICD-10-SE code; scope is a versioned rule."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* obeys rb-icd10se-1
* code 1..1 MS
* code from RbAllowedDiagnoses (extensible)
* code ^short = "ICD-10-SE-kod / ICD-10-SE code"
* subject only Reference(RbPatient)
* subject ^short = "Patienten / The patient"
* verificationStatus MS
* verificationStatus ^short = "provisional tillåtet (preliminär diagnos) / provisional allowed"
* recordedDate MS

Invariant: rb-icd10se-1
Description: "Diagnoskoden ska vara ICD-10-SE (urn:oid:1.2.752.116.1.1.1). / The code must be ICD-10-SE."
Severity: #error
Expression: "code.coding.where(system = 'urn:oid:1.2.752.116.1.1.1').exists()"

Profile: RbScreeningObservation
Parent: Observation
Id: rb-screening-observation
Title: "Screening alkohol/droger / Alcohol and drug screening"
Description: "AUDIT (0–40) eller DUDIT (0–44) totalpoäng (000:49, standards.md §2). / AUDIT or DUDIT total score."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* obeys rb-screening-1
* status MS
* code MS
* code from RbScreeningInstrument (required)
* code ^short = "AUDIT (LOINC 75624-7) | DUDIT"
* subject 1..1 MS
* subject only Reference(RbPatient)
* effective[x] 1..1 MS
* effective[x] only dateTime
* value[x] 1..1 MS
* value[x] only integer
* value[x] ^short = "Totalpoäng / Total score"

Invariant: rb-screening-1
Description: "Poängen ska ligga i instrumentets intervall: AUDIT 0–40, DUDIT 0–44 (REM-SCREENING-RANGE). / Score within range."
Severity: #error
Expression: "value >= 0 and (code.coding.where(system = 'http://loinc.org' and code = '75624-7').exists() implies value <= 40) and (code.coding.where(code = 'DUDIT').exists() implies value <= 44)"

Profile: RbRatingObservation
Parent: Observation
Id: rb-rating-observation
Title: "Skattningsskala / Rating scale"
Description: "Skattning vid behandlingsstart och avslut (000:220): PHQ-9 0–27, GAD-7 0–21, MADRS-S 0–54. / Rating at treatment start and end."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* obeys rb-rating-1
* code MS
* code from RbRatingInstrument (required)
* code ^short = "PHQ-9 | GAD-7 | MADRS-S"
* subject 1..1 MS
* subject only Reference(RbPatient)
* effective[x] 1..1 MS
* effective[x] only dateTime
* value[x] 1..1 MS
* value[x] only integer
* value[x] ^short = "Totalpoäng / Total score"

Invariant: rb-rating-1
Description: "Poängen ska ligga i skalans intervall: PHQ-9 0–27, GAD-7 0–21, MADRS-S 0–54. / Score within the scale's range."
Severity: #error
Expression: "value >= 0 and (code.coding.where(code = '44261-6').exists() implies value <= 27) and (code.coding.where(code = '70274-6').exists() implies value <= 21) and (code.coding.where(code = 'MADRS-S').exists() implies value <= 54)"

Profile: RbPriorTreatment
Parent: Procedure
Id: rb-prior-treatment
Title: "Tidigare behandlingsförsök / Prior treatment attempt"
Description: "Behandlingsförsök på vårdcentralen före remiss: vilket, när, resultat (000:48, 000:364; IKBT 000:412). / Treatment attempt at the vårdcentral: which, when, outcome."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* status MS
* code 1..1 MS
* code from RbPriorTreatmentTypeVS (extensible)
* code ^short = "Typ av insats / Kind of intervention"
* subject only Reference(RbPatient)
* performed[x] 1..1 MS
* performed[x] only Period or dateTime
* performed[x] ^short = "När / When"
* outcome 1..1 MS
* outcome ^short = "Resultat / Outcome"
