// Patient (docs/ig-design.md; standards.md §1 identifiers and Luhn check digit; domain.md §1 age ≥ 16).

Profile: RbPatient
Parent: Patient
Id: rb-patient
Title: "Patient i remiss / Referral patient"
Description: "Patienten som remitteras: personnummer eller samordningsnummer (12 siffror, korrekt kontrollsiffra), födelsedatum (åldersregeln ≥ 16 år, 000:55), adress (närmaste mottagning utgår från folkbokföringsadressen, 000:63–67), listad vårdcentral. / The referred patient: Swedish personal identity or coordination number with a valid check digit, birth date, address, listing vårdcentral."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* obeys rb-patient-1
* identifier 1..* MS
* identifier ^short = "Personnummer eller samordningsnummer / Personal identity or coordination number"
* identifier obeys rb-pnr-1 and rb-pnr-2
* identifier.system 1..1
* identifier.value 1..1
* name 1..* MS
* name ^short = "Namn / Name"
* birthDate 1..1 MS
* birthDate ^short = "Födelsedatum; åldersregeln ≥ 16 år / Birth date; age rule ≥ 16"
* address MS
* address ^short = "Folkbokföringsadress / Registered address"
* generalPractitioner MS
* generalPractitioner only Reference(RbOrganization)
* generalPractitioner ^short = "Listad vårdcentral / Listing vårdcentral (REM-PATIENT-LISTED)"

Invariant: rb-patient-1
Description: "Ett personnummer eller samordningsnummer krävs. / A personnummer or samordningsnummer is required."
Severity: #error
Expression: "identifier.where(system = 'http://electronichealth.se/identifier/personnummer' or system = 'http://electronichealth.se/identifier/samordningsnummer').exists()"

Invariant: rb-pnr-1
Description: "Person-/samordningsnummer skrivs med 12 siffror utan avskiljare (ÅÅÅÅMMDDNNNK). / Written as 12 digits without separator."
Severity: #error
Expression: "(system = 'http://electronichealth.se/identifier/personnummer' or system = 'http://electronichealth.se/identifier/samordningsnummer') implies value.matches('^[0-9]{12}$')"

Invariant: rb-pnr-2
Description: "Kontrollsiffran (Luhn över ÅÅMMDDNNN) ska stämma (REM-PNR-CHECKDIGIT, standards.md §1). / The Luhn check digit must be correct."
Severity: #error
Expression: "((system = 'http://electronichealth.se/identifier/personnummer' or system = 'http://electronichealth.se/identifier/samordningsnummer') and value.matches('^[0-9]{12}$')) implies (((10 - ((iif(value.substring(2,1).toInteger() > 4, value.substring(2,1).toInteger() * 2 - 9, value.substring(2,1).toInteger() * 2) + value.substring(3,1).toInteger() + iif(value.substring(4,1).toInteger() > 4, value.substring(4,1).toInteger() * 2 - 9, value.substring(4,1).toInteger() * 2) + value.substring(5,1).toInteger() + iif(value.substring(6,1).toInteger() > 4, value.substring(6,1).toInteger() * 2 - 9, value.substring(6,1).toInteger() * 2) + value.substring(7,1).toInteger() + iif(value.substring(8,1).toInteger() > 4, value.substring(8,1).toInteger() * 2 - 9, value.substring(8,1).toInteger() * 2) + value.substring(9,1).toInteger() + iif(value.substring(10,1).toInteger() > 4, value.substring(10,1).toInteger() * 2 - 9, value.substring(10,1).toInteger() * 2)) mod 10)) mod 10) = value.substring(11,1).toInteger())"
