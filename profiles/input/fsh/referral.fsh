// The psychotherapy referral (docs/ig-design.md "rb-referral"; domain.md §2, §3; standards.md §5).

Profile: RbReferral
Parent: ServiceRequest
Id: rb-referral
Title: "Remiss till psykoterapi / Psychotherapy referral"
Description: "Remiss från vårdcentral till psykoterapimottagning i vårdval Psykoterapi (domain.md §2). Acceptans, avvisning och avslut hanteras på Task (standards.md §5). / Referral from a vårdcentral to a psychotherapy provider; fulfilment lives on Task."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* obeys rb-referral-1 and rb-referral-2
* extension contains
    RbProviderChoiceExt named providerChoice 1..1 MS and
    RbInterpreter named interpreter 0..1 MS and
    RbParallelPsychiatricCare named parallelPsychiatricCare 0..1 MS and
    RbExtendedSessions named extendedSessions 0..1 MS
// The url of the simple extension slices is repeated here so that validators which match extension slices by the
// slice's own url element (e.g. @medplum/core) find them; it equals the extension's canonical. Not for the complex
// extensions (interpreter, parallel care): unfolding them makes @medplum/core apply their inner slices to
// ServiceRequest.extension; they are optional, so an unmatched slice does no harm there.
* extension[providerChoice].url = "https://remissbrygga.se/fhir/StructureDefinition/rb-provider-choice" (exactly)
* extension[extendedSessions].url = "https://remissbrygga.se/fhir/StructureDefinition/rb-extended-sessions" (exactly)
* extension[providerChoice] ^short = "Patientens val eller närmaste mottagning / Provider choice"
* extension[interpreter] ^short = "Tolkbehov / Interpreter need"
* extension[parallelPsychiatricCare] ^short = "Parallell specialistpsykiatrisk vård / Parallel psychiatric care"
* extension[extendedSessions] ^short = "Utökat antal sessioner PTSD/OCD (≤ 23) / Extended sessions"
* identifier 1..1 MS
* identifier ^short = "Remiss-id: <avsändarens HSA-id>#<lokalt id> / Referral id (RIV-TA requestId)"
* identifier.system 1..1
* identifier.system = "https://remissbrygga.se/fhir/sid/remiss-id" (exactly)
* identifier.value 1..1
* status MS
* intent = #order (exactly)
* category 1..1 MS
// A pattern on the sliced element, not on ServiceRequest.category itself: @medplum/core compares a pattern on a
// repeating element against the whole array.
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains referral 1..1
* category[referral] = $sct#3457005 "Patient referral"
* category ^short = "Remiss / Patient referral"
* code 1..1 MS
* code = $sct#75516001 "Psychotherapy"
* code ^short = "Psykoterapi / Psychotherapy"
* orderDetail 1..1 MS
* orderDetail from RbTreatmentFormVS (required)
* orderDetail ^short = "Rekommenderad behandlingsform / Recommended treatment form"
* quantity[x] only Quantity
* quantityQuantity ^short = "Planerat antal sessioner / Planned number of sessions"
* quantityQuantity.system = "http://unitsofmeasure.org" (exactly)
* quantityQuantity.code = #{session} (exactly)
* subject only Reference(RbPatient)
* subject MS
* subject ^short = "Patienten / The patient"
* authoredOn 1..1 MS
* authoredOn ^short = "Remissdatum; reglerna utgår från det / Referral date; rules key on it"
* requester 1..1 MS
* requester only Reference(RbReferrerRole)
* requester ^short = "Remittenten / The referrer"
* performer 0..1 MS
* performer only Reference(RbOrganization)
* performer ^short = "Vald mottagning / Chosen provider"
* reasonCode 1..1 MS
* reasonCode from RbAllowedDiagnoses (extensible)
* reasonCode ^short = "Diagnos (ICD-10-SE) / Diagnosis"
* reasonReference 1..1 MS
* reasonReference only Reference(RbDiagnosis)
* reasonReference ^short = "Diagnosen / The diagnosis"
* supportingInfo MS
* supportingInfo ^slicing.discriminator.type = #value
* supportingInfo ^slicing.discriminator.path = "type"
* supportingInfo ^slicing.rules = #open
* supportingInfo ^slicing.description = "Underlag skiljs ut på Reference.type / Supporting information sliced by Reference.type"
* supportingInfo contains
    templateResponse 1..1 MS and
    screening 2..* MS and
    priorTreatment 1..* MS
* supportingInfo[templateResponse] ^short = "Remissmallens svar / Template answers"
* supportingInfo[templateResponse].type 1..1
* supportingInfo[templateResponse].type = "QuestionnaireResponse" (exactly)
* supportingInfo[templateResponse] only Reference(RbTemplateResponse)
* supportingInfo[screening] ^short = "AUDIT och DUDIT / Alcohol and drug screening"
* supportingInfo[screening].type 1..1
* supportingInfo[screening].type = "Observation" (exactly)
* supportingInfo[screening] only Reference(RbScreeningObservation)
* supportingInfo[priorTreatment] ^short = "Tidigare behandlingsförsök / Prior treatment attempts"
* supportingInfo[priorTreatment].type 1..1
* supportingInfo[priorTreatment].type = "Procedure" (exactly)
* supportingInfo[priorTreatment] only Reference(RbPriorTreatment)
* note MS
* note ^short = "Övrigt / Other information"

Invariant: rb-referral-1
Description: "Vald mottagning (performer) krävs om inte patienten avstått från att välja (närmaste mottagning, 000:63–67). / A performer is required unless the provider choice is 'nearest'."
Severity: #error
Expression: "performer.exists() or extension.where(url = 'https://remissbrygga.se/fhir/StructureDefinition/rb-provider-choice').value.code = 'nearest'"

Invariant: rb-referral-2
Description: "Diagnosen anges med ICD-10-SE. / The reason code is ICD-10-SE."
Severity: #error
Expression: "reasonCode.coding.where(system = 'urn:oid:1.2.752.116.1.1.1').exists()"
