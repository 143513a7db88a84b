// Extensions on the referral (docs/ig-design.md "Extensions").

Extension: RbProviderChoiceExt
Id: rb-provider-choice
Title: "Val av mottagning / Provider choice"
Description: "Om patienten valt mottagning eller om närmaste mottagning ska användas (000:63–67). / Whether the patient chose the provider, or the nearest provider applies."
Context: ServiceRequest
* value[x] only Coding
* valueCoding 1..1
* valueCoding from RbProviderChoiceVS (required)
* valueCoding ^short = "Patientens val eller närmaste"

Extension: RbInterpreter
Id: rb-interpreter
Title: "Tolkbehov / Interpreter need"
Description: "Behov av tolk och språk (002:3445). / Need for an interpreter, and the language."
Context: ServiceRequest
* extension contains
    needed 1..1 and
    language 0..1
* extension[needed] ^short = "Tolk behövs / Interpreter needed"
* extension[needed].value[x] only boolean
* extension[needed].valueBoolean 1..1
* extension[language] ^short = "Språk (BCP-47) / Language"
* extension[language].value[x] only code
* extension[language].valueCode 1..1
* extension[language].valueCode from http://hl7.org/fhir/ValueSet/all-languages (required)
* value[x] 0..0

Extension: RbParallelPsychiatricCare
Id: rb-parallel-psychiatric-care
Title: "Parallell specialistpsykiatrisk vård / Parallel specialist psychiatric care"
Description: "Om patienten har parallell specialistpsykiatrisk vård, och skälet (förslag 2026, 003:~530). / Whether the patient has parallel specialist psychiatric care, and why."
Context: ServiceRequest
* obeys rb-parallel-1
* extension contains
    present 1..1 and
    reason 0..1
* extension[present] ^short = "Parallell vård finns / Parallel care present"
* extension[present].value[x] only boolean
* extension[present].valueBoolean 1..1
* extension[reason] ^short = "Skäl till parallell vård / Reason"
* extension[reason].value[x] only string
* extension[reason].valueString 1..1
* value[x] 0..0

Invariant: rb-parallel-1
Description: "Skäl krävs när parallell psykiatrisk vård finns (REM-PARALLEL-CARE-REASON). / A reason is required when parallel care is present."
Severity: #error
Expression: "extension.where(url = 'present').value = true implies extension.where(url = 'reason').exists()"

Extension: RbExtendedSessions
Id: rb-extended-sessions
Title: "Utökat antal sessioner / Extended sessions"
Description: "Undantag för PTSD/OCD: upp till 23 sessioner begärs (000:58–60). / PTSD/OCD exception: up to 23 sessions asked for."
Context: ServiceRequest
* value[x] only boolean
* valueBoolean 1..1
