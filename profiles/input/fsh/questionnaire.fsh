// The mandatory referral template (docs/ig-design.md "The template Questionnaire"; domain.md §2).

RuleSet: TemplateItem(slice, linkId, type, required)
* item[{slice}].linkId = "{linkId}" (exactly)
* item[{slice}].type = #{type} (exactly)
* item[{slice}].required = {required} (exactly)

RuleSet: LinkIdSlicing(path)
* {path} ^slicing.discriminator.type = #value
* {path} ^slicing.discriminator.path = "linkId"
* {path} ^slicing.rules = #open
* {path} ^slicing.description = "Frågor skiljs ut på linkId / Items sliced by linkId"

Profile: RbTemplateQuestionnaire
Parent: Questionnaire
Id: rb-template-questionnaire
Title: "Remissmall / Referral template"
Description: "Vad varje version av den obligatoriska remissmallen måste innehålla (000:46–51, 000:827–832): frågorna per linkId och typ. / What every version of the mandatory template must contain."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* url 1..1 MS
* version 1..1 MS
* version ^short = "Mallversion / Template version"
* effectivePeriod 1..1 MS
* effectivePeriod.start 1..1
* effectivePeriod ^short = "Giltighetsperiod / Effective period"
* status MS
* item 1..* MS
* obeys rb-tq-suicidrisk and rb-tq-tidigare-behandling and rb-tq-screening and rb-tq-sjukskrivning and rb-tq-tolkbehov and rb-tq-parallell-psykiatri
* insert LinkIdSlicing(item)
* item contains
    bedomning 1..1 and
    suicidrisk 1..1 and
    diagnos 1..1 and
    behandlingsform 1..1 and
    tidigareBehandling 1..1 and
    screening 1..1 and
    lakemedel 0..1 and
    sjukskrivning 1..1 and
    ovrigt 0..1 and
    remittentTelefon 1..1 and
    utokadeSessioner 0..1 and
    tolkbehov 1..1 and
    parallellPsykiatri 1..1
* item[bedomning] ^short = "Bedömning (000:47) / Assessment"
* insert TemplateItem(bedomning, bedomning, text, true)
* item[suicidrisk] ^short = "Suicidriskbedömning (001:7946) / Suicide-risk assessment"
* insert TemplateItem(suicidrisk, suicidrisk, group, true)
* item[diagnos] ^short = "Diagnos ICD-10-SE (000:47, 000:353) / Diagnosis"
* insert TemplateItem(diagnos, diagnos, choice, true)
* item[diagnos].answerValueSet 1..1
* item[behandlingsform] ^short = "Rekommenderad behandlingsform (000:47) / Recommended treatment"
* insert TemplateItem(behandlingsform, behandlingsform, choice, true)
* item[behandlingsform].answerValueSet = Canonical(RbTreatmentFormVS) (exactly)
* item[tidigareBehandling] ^short = "Tidigare behandlingsförsök (000:48) / Prior treatment attempts"
* insert TemplateItem(tidigareBehandling, tidigare-behandling, group, true)
* item[tidigareBehandling].repeats = true (exactly)
* item[screening] ^short = "Screening alkohol och droger (000:49) / Alcohol and drug screening"
* insert TemplateItem(screening, screening, group, true)
* item[lakemedel] ^short = "Pågående läkemedel (000:371) / Ongoing medication"
* item[lakemedel].linkId = "lakemedel" (exactly)
* item[lakemedel].type = #text (exactly)
* item[sjukskrivning] ^short = "Sjukskrivning (000:371) / Sick leave"
* insert TemplateItem(sjukskrivning, sjukskrivning, boolean, true)
* item[ovrigt] ^short = "Övrig relevant information (000:49) / Other information"
* item[ovrigt].linkId = "ovrigt" (exactly)
* item[ovrigt].type = #text (exactly)
* item[remittentTelefon] ^short = "Remittentens direktnummer (000:50) / Referrer's direct phone"
* insert TemplateItem(remittentTelefon, remittent-telefon, string, true)
* item[utokadeSessioner] ^short = "Utökat antal sessioner PTSD/OCD / Extended sessions"
* item[utokadeSessioner].linkId = "utokade-sessioner" (exactly)
* item[utokadeSessioner].type = #boolean (exactly)
* item[tolkbehov] ^short = "Tolkbehov / Interpreter need"
* insert TemplateItem(tolkbehov, tolkbehov, boolean, true)
* item[parallellPsykiatri] ^short = "Parallell specialistpsykiatrisk vård (003:~530) / Parallel psychiatric care"
* insert TemplateItem(parallellPsykiatri, parallell-psykiatri, boolean, true)

Profile: RbTemplateResponse
Parent: QuestionnaireResponse
Id: rb-template-response
Title: "Svar på remissmallen / Template answers"
Description: "Remittentens svar på remissmallen; pekar på mallens version (canonical|version). / The referrer's answers, pointing at the template version."
* ^status = #active
* ^experimental = false
* ^publisher = "Remissbrygga"
* obeys rb-response-1
* questionnaire 1..1 MS
* questionnaire ^short = "Mallens canonical med |version / Template canonical with |version"
* status MS
* subject 1..1 MS
* subject only Reference(RbPatient)
* authored 1..1 MS
* author MS
* author only Reference(RbReferrerRole or RbPractitioner)
* item MS

Invariant: rb-response-1
Description: "Svaret pekar på en bestämd mallversion (canonical|version). / The answers name a template version."
Severity: #error
Expression: "questionnaire.contains('|')"

// Nested template items are checked with invariants on the Questionnaire rather than nested slices: @medplum/core's
// validator mixes up slices declared on Questionnaire.item.item with those on Questionnaire.item, and does not
// evaluate constraints declared on slices.

Invariant: rb-tq-suicidrisk
Description: "Suicidrisk har barnfrågan suicidrisk.niva (choice, obligatorisk). / suicidrisk has the required choice child suicidrisk.niva."
Severity: #error
Expression: "item.where(linkId = 'suicidrisk').all(item.where(linkId = 'suicidrisk.niva' and type = 'choice' and required = true).exists())"

Invariant: rb-tq-tidigare-behandling
Description: "Tidigare behandling har .typ (choice), .tidpunkt (date) och .resultat (text), alla obligatoriska. / Prior treatment has required typ, tidpunkt and resultat children."
Severity: #error
Expression: "item.where(linkId = 'tidigare-behandling').all(item.where(linkId = 'tidigare-behandling.typ' and type = 'choice' and required = true).exists() and item.where(linkId = 'tidigare-behandling.tidpunkt' and type = 'date' and required = true).exists() and item.where(linkId = 'tidigare-behandling.resultat' and type = 'text' and required = true).exists())"

Invariant: rb-tq-screening
Description: "Screening har screening.audit och screening.dudit (integer, obligatoriska). / Screening has required integer children audit and dudit."
Severity: #error
Expression: "item.where(linkId = 'screening').all(item.where(linkId = 'screening.audit' and type = 'integer' and required = true).exists() and item.where(linkId = 'screening.dudit' and type = 'integer' and required = true).exists())"

Invariant: rb-tq-sjukskrivning
Description: "sjukskrivning.omfattning visas bara när sjukskrivning = true. / sjukskrivning.omfattning is enabled only when sjukskrivning = true."
Severity: #error
Expression: "item.where(linkId = 'sjukskrivning').all(item.where(linkId = 'sjukskrivning.omfattning').all(enableWhen.where(question = 'sjukskrivning').exists()))"

Invariant: rb-tq-tolkbehov
Description: "tolkbehov.sprak visas bara när tolkbehov = true. / tolkbehov.sprak is enabled only when tolkbehov = true."
Severity: #error
Expression: "item.where(linkId = 'tolkbehov').all(item.where(linkId = 'tolkbehov.sprak').all(enableWhen.where(question = 'tolkbehov').exists()))"

Invariant: rb-tq-parallell-psykiatri
Description: "parallell-psykiatri.orsak visas bara när parallell-psykiatri = true. / parallell-psykiatri.orsak is enabled only when parallell-psykiatri = true."
Severity: #error
Expression: "item.where(linkId = 'parallell-psykiatri').all(item.where(linkId = 'parallell-psykiatri.orsak').all(enableWhen.where(question = 'parallell-psykiatri').exists()))"
