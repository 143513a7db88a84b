// The template itself, version 2025.1 (docs/ig-design.md "The template Questionnaire"; domain.md §2 #1–#8).
// Items are addressed by the slice names of rb-template-questionnaire, so the instance follows the profile's order.

RuleSet: Q(path, linkId, type, required)
* {path}.linkId = "{linkId}"
* {path}.type = #{type}
* {path}.required = {required}

RuleSet: EnabledByTrue(path, question)
* {path}.enableWhen[0].question = "{question}"
* {path}.enableWhen[0].operator = #=
* {path}.enableWhen[0].answerBoolean = true

RuleSet: IntegerRange(path, min, max)
* {path}.extension[0].url = "http://hl7.org/fhir/StructureDefinition/minValue"
* {path}.extension[0].valueInteger = {min}
* {path}.extension[1].url = "http://hl7.org/fhir/StructureDefinition/maxValue"
* {path}.extension[1].valueInteger = {max}

Instance: rb-psykoterapiremiss
InstanceOf: RbTemplateQuestionnaire
Usage: #definition
Title: "Remiss till psykoterapi (vårdval Psykoterapi, Region Skåne)"
Description: "Obligatorisk remissmall för remiss från vårdcentral till psykoterapimottagning, version 2025.1. / Mandatory referral template, version 2025.1."
* url = "https://remissbrygga.se/fhir/Questionnaire/psykoterapiremiss"
* version = "2025.1"
* name = "Psykoterapiremiss"
* title = "Remiss till psykoterapi"
* status = #active
* experimental = false
* language = #sv
* publisher = "Remissbrygga"
* date = "2025-01-01"
* effectivePeriod.start = "2025-01-01"
* subjectType = #Patient
// 1. Bedömning (000:47)
* insert Q(item[bedomning], bedomning, text, true)
* item[bedomning].text = "Bedömning (gärna strukturerad psykologisk bedömning)"
* insert Q(item[suicidrisk], suicidrisk, group, true)
* item[suicidrisk].text = "Suicidriskbedömning"
* insert Q(item[suicidrisk].item[0], suicidrisk.niva, choice, true)
* item[suicidrisk].item[0].text = "Bedömd suicidrisk"
* item[suicidrisk].item[0].answerValueSet = Canonical(RbSuicideRiskVS)
* insert Q(item[suicidrisk].item[1], suicidrisk.kommentar, text, false)
* item[suicidrisk].item[1].text = "Kommentar till suicidriskbedömningen"
// 2. Diagnos (000:47, 000:353)
* insert Q(item[diagnos], diagnos, choice, true)
* item[diagnos].text = "Preliminär diagnos (ICD-10-SE)"
* item[diagnos].answerValueSet = Canonical(RbAllowedDiagnoses)
// 3. Behandlingsform (000:47)
* insert Q(item[behandlingsform], behandlingsform, choice, true)
* item[behandlingsform].text = "Rekommenderad behandlingsform"
* item[behandlingsform].answerValueSet = Canonical(RbTreatmentFormVS)
// 4. Tidigare behandlingsförsök (000:48, 000:364)
* insert Q(item[tidigareBehandling], tidigare-behandling, group, true)
* item[tidigareBehandling].text = "Behandlingsförsök på vårdcentralen"
* item[tidigareBehandling].repeats = true
* insert Q(item[tidigareBehandling].item[0], tidigare-behandling.typ, choice, true)
* item[tidigareBehandling].item[0].text = "Vilken insats"
* item[tidigareBehandling].item[0].answerValueSet = Canonical(RbPriorTreatmentTypeVS)
* insert Q(item[tidigareBehandling].item[1], tidigare-behandling.tidpunkt, date, true)
* item[tidigareBehandling].item[1].text = "När"
* insert Q(item[tidigareBehandling].item[2], tidigare-behandling.resultat, text, true)
* item[tidigareBehandling].item[2].text = "Resultat"
// 5. Screening för alkohol och droger (000:49)
* insert Q(item[screening], screening, group, true)
* item[screening].text = "Screening för alkohol och droger"
* insert Q(item[screening].item[0], screening.audit, integer, true)
* item[screening].item[0].text = "AUDIT, totalpoäng (0–40)"
* insert IntegerRange(item[screening].item[0], 0, 40)
* insert Q(item[screening].item[1], screening.dudit, integer, true)
* item[screening].item[1].text = "DUDIT, totalpoäng (0–44)"
* insert IntegerRange(item[screening].item[1], 0, 44)
// 6. Övrigt: läkemedel, sjukskrivning (000:49, 000:371)
* insert Q(item[lakemedel], lakemedel, text, false)
* item[lakemedel].text = "Pågående läkemedelsbehandling"
* insert Q(item[sjukskrivning], sjukskrivning, boolean, true)
* item[sjukskrivning].text = "Är patienten sjukskriven?"
* insert Q(item[sjukskrivning].item[0], sjukskrivning.omfattning, string, false)
* item[sjukskrivning].item[0].text = "Sjukskrivningens omfattning och period"
* insert EnabledByTrue(item[sjukskrivning].item[0], sjukskrivning)
* insert Q(item[ovrigt], ovrigt, text, false)
* item[ovrigt].text = "Övrig information av betydelse för behandlingen"
// 7. Remittentens direktnummer (000:50, 000:351–354)
* insert Q(item[remittentTelefon], remittent-telefon, string, true)
* item[remittentTelefon].text = "Remittentens direktnummer"
// PTSD/OCD-undantaget (000:58–60), tolk (002:3445), parallell psykiatrisk vård (003:~530)
* insert Q(item[utokadeSessioner], utokade-sessioner, boolean, false)
* item[utokadeSessioner].text = "PTSD eller tvångssyndrom: begärs utökat antal sessioner (upp till 23)?"
* insert Q(item[tolkbehov], tolkbehov, boolean, true)
* item[tolkbehov].text = "Behöver patienten tolk?"
* insert Q(item[tolkbehov].item[0], tolkbehov.sprak, string, false)
* item[tolkbehov].item[0].text = "Språk"
* insert EnabledByTrue(item[tolkbehov].item[0], tolkbehov)
* insert Q(item[parallellPsykiatri], parallell-psykiatri, boolean, true)
* item[parallellPsykiatri].text = "Har patienten parallell specialistpsykiatrisk vård?"
* insert Q(item[parallellPsykiatri].item[0], parallell-psykiatri.orsak, text, false)
* item[parallellPsykiatri].item[0].text = "Skäl till parallell specialistpsykiatrisk vård"
* insert EnabledByTrue(item[parallellPsykiatri].item[0], parallell-psykiatri)
