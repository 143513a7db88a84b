// The referral as it travels (docs/ig-design.md "rb-referral-bundle").

RuleSet: EntrySlice(slice, type, profile)
* entry[{slice}].request.url = "{type}" (exactly)
* entry[{slice}].resource 1..1
* entry[{slice}].resource only {profile}

Profile: RbReferralBundle
Parent: Bundle
Id: rb-referral-bundle
Title: "Remissbunt / Referral bundle"
Description: "Remissen som den skickas: en transaction med remissen, mallsvaren, patienten, remittenten, vårdenheterna, diagnosen, screeningen och tidigare behandlingsförsök. / The referral as sent: a transaction bundle with all parts."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* type = #transaction (exactly)
* entry 9..* MS
* entry obeys rb-bundle-1
* entry.fullUrl 1..1
* entry.fullUrl ^short = "urn:uuid:…"
* entry.resource 1..1
* entry.request 1..1
* entry.request.method = #POST (exactly)
* entry ^slicing.discriminator.type = #value
* entry ^slicing.discriminator.path = "request.url"
* entry ^slicing.rules = #open
* entry ^slicing.description = "Delarna skiljs ut på resurstyp (request.url vid POST) / Parts sliced by resource type (request.url of the POST)"
* entry contains
    referral 1..1 and
    templateResponse 1..1 and
    patient 1..1 and
    referrerRole 1..1 and
    practitioner 1..* and
    organization 1..* and
    diagnosis 1..1 and
    screening 2..* and
    priorTreatment 1..*
* entry[referral] ^short = "Remissen / The referral"
* insert EntrySlice(referral, ServiceRequest, RbReferral)
* entry[templateResponse] ^short = "Mallsvaren / Template answers"
* insert EntrySlice(templateResponse, QuestionnaireResponse, RbTemplateResponse)
* entry[patient] ^short = "Patienten / The patient"
* insert EntrySlice(patient, Patient, RbPatient)
* entry[referrerRole] ^short = "Remittenten / The referrer"
* insert EntrySlice(referrerRole, PractitionerRole, RbReferrerRole)
* entry[practitioner] ^short = "Personal / Practitioners"
* insert EntrySlice(practitioner, Practitioner, RbPractitioner)
* entry[organization] ^short = "Vårdcentral och mottagning / Care units"
* insert EntrySlice(organization, Organization, RbOrganization)
* entry[diagnosis] ^short = "Diagnosen / The diagnosis"
* insert EntrySlice(diagnosis, Condition, RbDiagnosis)
* entry[screening] ^short = "AUDIT och DUDIT / Screening"
* insert EntrySlice(screening, Observation, RbScreeningObservation)
* entry[priorTreatment] ^short = "Tidigare behandlingsförsök / Prior treatment"
* insert EntrySlice(priorTreatment, Procedure, RbPriorTreatment)

Invariant: rb-bundle-1
Description: "Varje post har fullUrl urn:uuid:… (transaction). / Every entry has a urn:uuid fullUrl."
Severity: #error
Expression: "fullUrl.startsWith('urn:uuid:')"
