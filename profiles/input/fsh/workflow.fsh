// Fulfilment and messages (docs/ig-design.md "rb-referral-task", "rb-referral-communication"; standards.md §5; domain.md §4).

Profile: RbReferralTask
Parent: Task
Id: rb-referral-task
Title: "Remissuppdrag / Referral task"
Description: "Mottagningens hantering av remissen: status (mottagen, accepterad, avvisad, pågår, avslutad), avvisningsorsak, delstatus (komplettering, återremiss) och behandlingssammanfattning (första besök, antal sessioner, skattning vid start och avslut). / The provider's handling of the referral with the treatment summary as outputs."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* obeys rb-task-1
* focus 1..1 MS
* focus only Reference(RbReferral)
* focus ^short = "Remissen / The referral"
* for 1..1 MS
* for only Reference(RbPatient)
* for ^short = "Patienten / The patient"
* owner MS
* owner only Reference(RbOrganization)
* owner ^short = "Mottagningen / The provider"
* requester MS
* requester only Reference(RbReferrerRole)
* requester ^short = "Remittenten / The referrer"
* intent = #order (exactly)
* authoredOn 1..1 MS
* statusReason MS
* statusReason from RbRejectionReasonVS (extensible)
* statusReason ^short = "Orsak vid avvisning / Rejection reason"
* businessStatus MS
* businessStatus from RbTaskBusinessStatusVS (extensible)
* businessStatus ^short = "Delstatus / Business status"
* output MS
* output ^slicing.discriminator.type = #pattern
* output ^slicing.discriminator.path = "type"
* output ^slicing.rules = #open
* output ^slicing.description = "Sammanfattningens delar skiljs ut på type / Summary parts sliced by type"
* output contains
    firstSessionDate 0..1 MS and
    sessionsUsed 0..1 MS and
    startRating 0..* MS and
    endRating 0..* MS and
    summary 0..1 MS
* output[firstSessionDate] ^short = "Datum för första session / First session date"
* output[firstSessionDate].type = RbTaskOutput#first-session-date
* output[firstSessionDate].value[x] only date
* output[sessionsUsed] ^short = "Antal genomförda sessioner / Sessions used"
* output[sessionsUsed].type = RbTaskOutput#sessions-used
* output[sessionsUsed].value[x] only unsignedInt
* output[startRating] ^short = "Skattning vid start / Start rating"
* output[startRating].type = RbTaskOutput#start-rating
* output[startRating].value[x] only Reference(RbRatingObservation)
* output[endRating] ^short = "Skattning vid avslut / End rating"
* output[endRating].type = RbTaskOutput#end-rating
* output[endRating].value[x] only Reference(RbRatingObservation)
* output[summary] ^short = "Sammanfattning / Summary"
* output[summary].type = RbTaskOutput#summary
* output[summary].value[x] only string

Invariant: rb-task-1
Description: "En avvisad remiss ska ha en kodad orsak (aldrig tyst avvisning, domain.md §4). / A rejected task needs a coded reason."
Severity: #error
Expression: "status = 'rejected' implies statusReason.exists()"

Profile: RbReferralCommunication
Parent: Communication
Id: rb-referral-communication
Title: "Meddelande om remiss / Referral message"
Description: "Meddelande mellan remittent och mottagning kopplat till remissen: frågor, svar, läkemedelsändring, sjukskrivning (000:371, 000:387). / A message between referrer and provider tied to the referral."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* obeys rb-communication-1
* basedOn MS
* basedOn only Reference(RbReferral)
* basedOn ^short = "Remissen / The referral"
* partOf MS
* partOf ^short = "Remissuppdraget / The referral task"
* about MS
* category 1..1 MS
* category from RbCommunicationCategoryVS (required)
* category ^short = "Kategori / Category"
* subject MS
* subject only Reference(RbPatient)
* sent 1..1 MS
* sender 1..1 MS
* sender ^short = "Avsändare / Sender"
* recipient 1..* MS
* recipient ^short = "Mottagare / Recipient"
* payload 1..* MS
* payload ^short = "Innehåll / Content"

Invariant: rb-communication-1
Description: "Meddelandet ska höra till en remiss (basedOn eller partOf). / The message must belong to a referral."
Severity: #error
Expression: "basedOn.exists() or partOf.exists()"
