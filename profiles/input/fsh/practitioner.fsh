// Practitioner, PractitionerRole (the referrer) and Organization (docs/ig-design.md; domain.md §2 #7, §3).

Profile: RbPractitioner
Parent: Practitioner
Id: rb-practitioner
Title: "Hälso- och sjukvårdspersonal / Practitioner"
Description: "Remittent eller behandlare: HSA-id, namn, legitimation (000:61). / Referrer or therapist: HSA-id, name, licence."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* identifier 1..1 MS
* identifier ^short = "HSA-id"
* identifier.system 1..1
* identifier.system = "urn:oid:1.2.752.29.4.19" (exactly)
* identifier.value 1..1
* name 1..* MS
* name ^short = "Namn / Name"
* qualification MS
* qualification ^short = "Legitimation (LK läkare, PS psykolog) / Licence"
* qualification.code from RbLegitimationVS (extensible)

Profile: RbReferrerRole
Parent: PractitionerRole
Id: rb-referrer-role
Title: "Remittent / Referrer role"
Description: "Remittenten i sin roll på vårdcentralen: yrke, vårdcentral och direktnummer (obligatoriskt, 000:50, 000:351–354). / The referrer at the vårdcentral: profession, organisation and the mandatory direct phone."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* practitioner 1..1 MS
* practitioner only Reference(RbPractitioner)
* practitioner ^short = "Remittenten / The referring practitioner"
* organization 1..1 MS
* organization only Reference(RbOrganization)
* organization ^short = "Remitterande vårdcentral / Referring vårdcentral"
* code 1..1 MS
* code from RbReferrerProfessionVS (required)
* code ^short = "Yrke: psykolog | läkare | ... / Profession"
* telecom 1..* MS
* telecom ^slicing.discriminator.type = #value
* telecom ^slicing.discriminator.path = "system"
* telecom ^slicing.rules = #open
* telecom ^slicing.description = "Direktnumret skiljs ut på system = phone / The direct phone is sliced by system"
* telecom contains directPhone 1..*
* telecom[directPhone] ^short = "Direktnummer till remittenten (REM-DIRECT-PHONE) / Referrer's direct phone"
* telecom[directPhone].system 1..1
* telecom[directPhone].system = #phone (exactly)
* telecom[directPhone].value 1..1
* telecom[directPhone].use = #work (exactly)

Profile: RbOrganization
Parent: Organization
Id: rb-organization
Title: "Vårdenhet / Care unit"
Description: "Vårdcentral (avsändare) eller psykoterapimottagning (mottagare), med HSA-id. / Primary care centre (sender) or psychotherapy provider (receiver), with HSA-id."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* identifier 1..1 MS
* identifier ^short = "HSA-id"
* identifier.system 1..1
* identifier.system = "urn:oid:1.2.752.29.4.19" (exactly)
* identifier.value 1..1
* type 1..1 MS
* type from RbOrganizationTypeVS (required)
* type ^short = "vårdcentral | psykoterapimottagning"
* name 1..1 MS
* name ^short = "Namn / Name"
* telecom MS
* telecom ^short = "Växel, e-post / Switchboard, e-mail"
* address MS
* address ^short = "Besöksadress / Address"
