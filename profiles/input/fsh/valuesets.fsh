// Value sets (docs/ig-design.md "Value sets"). Canonical: https://remissbrygga.se/fhir/ValueSet/<id>.

RuleSet: RbValueSet
* ^status = #active
* ^experimental = false
* ^language = #sv
* ^publisher = "Remissbrygga"

ValueSet: RbTreatmentFormVS
Id: rb-treatment-form
Title: "Behandlingsform / Treatment forms"
Description: "Behandlingsformer i vårdval Psykoterapi (domain.md §2 #3). / Treatment forms in vårdval Psykoterapi."
* insert RbValueSet
* include codes from system RbTreatmentForm

ValueSet: RbAllowedDiagnoses
Id: rb-allowed-diagnoses
Title: "Tillåtna diagnoser / Allowed diagnoses"
Description: "ICD-10-SE-koder inom vårdval Psykoterapi (domain.md §3, 000_c04719a0eada0e20.txt:553–571). / ICD-10-SE codes in scope of vårdval Psykoterapi."
* insert RbValueSet
* $icd10se#F32.0 "Lindrig depressiv episod"
* $icd10se#F32.1 "Medelsvår depressiv episod"
* $icd10se#F40.00 "Agorafobi utan paniksyndrom"
* $icd10se#F40.01 "Agorafobi med paniksyndrom"
* $icd10se#F40.1 "Social fobi"
* $icd10se#F40.2 "Specifika fobier"
* $icd10se#F40.8 "Andra specificerade fobiska syndrom"
* $icd10se#F40.9 "Fobiskt syndrom, ospecificerat"
* $icd10se#F41.0 "Paniksyndrom"
* $icd10se#F41.1 "Generaliserat ångestsyndrom"
* $icd10se#F41.9 "Ångesttillstånd, ospecificerat"
* $icd10se#F42.0 "Huvudsakligen tvångstankar eller ältande"
* $icd10se#F42.1 "Huvudsakligen tvångshandlingar"
* $icd10se#F42.2 "Blandade tvångstankar och tvångshandlingar"
* $icd10se#F42.8 "Andra specificerade tvångssyndrom"
* $icd10se#F42.9 "Tvångssyndrom, ospecificerat"
* $icd10se#F43.1 "Posttraumatiskt stressyndrom"
* $icd10se#F43.8 "Andra specificerade reaktioner på svår stress"
* $icd10se#F43.9 "Reaktion på svår stress, ospecificerad"

ValueSet: RbReferrerProfessionVS
Id: rb-referrer-profession
Title: "Remittentens yrke / Referrer professions"
Description: "Yrkesgrupper för remittenter. / Professions of referrers."
* insert RbValueSet
* include codes from system RbReferrerProfession

ValueSet: RbPriorTreatmentTypeVS
Id: rb-prior-treatment-type
Title: "Tidigare behandlingsinsats / Prior treatment types"
Description: "Behandlingsförsök på vårdcentralen. / Treatment attempts at the vårdcentral."
* insert RbValueSet
* include codes from system RbPriorTreatmentType

ValueSet: RbRejectionReasonVS
Id: rb-rejection-reason
Title: "Orsak till avvisning / Rejection reasons"
Description: "Orsaker när en remiss avvisas eller återremitteras. / Reasons for rejecting or returning a referral."
* insert RbValueSet
* include codes from system RbRejectionReason

ValueSet: RbTaskBusinessStatusVS
Id: rb-task-business-status
Title: "Remissuppdragets delstatus / Task business status"
Description: "Delstatus för remissuppdraget. / Sub-states of the referral task."
* insert RbValueSet
* include codes from system RbTaskBusinessStatus

ValueSet: RbTaskOutputVS
Id: rb-task-output
Title: "Behandlingssammanfattning / Task output types"
Description: "Typer av utdata i behandlingssammanfattningen. / Output types of the treatment summary."
* insert RbValueSet
* include codes from system RbTaskOutput

ValueSet: RbProviderChoiceVS
Id: rb-provider-choice
Title: "Val av mottagning / Provider choice"
Description: "Patientens val eller närmaste mottagning. / The patient's choice or the nearest provider."
* insert RbValueSet
* include codes from system RbProviderChoice

ValueSet: RbOrganizationTypeVS
Id: rb-organization-type
Title: "Organisationstyp / Organization types"
Description: "Vårdcentral eller psykoterapimottagning. / Primary care centre or psychotherapy provider."
* insert RbValueSet
* include codes from system RbOrganizationType

ValueSet: RbSuicideRiskVS
Id: rb-suicide-risk
Title: "Suicidrisk / Suicide risk levels"
Description: "Nivåer i suicidriskbedömningen. / Levels of the suicide-risk assessment."
* insert RbValueSet
* include codes from system RbSuicideRisk

ValueSet: RbScreeningInstrument
Id: rb-screening-instrument
Title: "Screeninginstrument / Screening instruments"
Description: "AUDIT (alkohol) och DUDIT (droger), domain.md §2 #5. / AUDIT (alcohol) and DUDIT (drugs)."
* insert RbValueSet
* $loinc#75624-7 "AUDIT total score"
* RbInstrument#DUDIT "DUDIT"

ValueSet: RbRatingInstrument
Id: rb-rating-instrument
Title: "Skattningsskalor / Rating scales"
Description: "Skattningsskalor vid behandlingsstart och avslut (000:220): PHQ-9, GAD-7, MADRS-S. / Rating scales at treatment start and end."
* insert RbValueSet
* $loinc#44261-6 "PHQ-9 total score"
* $loinc#70274-6 "GAD-7 total score"
* RbInstrument#MADRS-S "MADRS-S"

ValueSet: RbCommunicationCategoryVS
Id: rb-communication-category
Title: "Meddelandekategori / Communication categories"
Description: "Kategorier för meddelanden om en remiss. / Categories of messages about a referral."
* insert RbValueSet
* include codes from system RbCommunicationCategory

ValueSet: RbLegitimationVS
Id: rb-legitimation
Title: "Legitimation för remittent / Referrer licence"
Description: "Legitimationer som får remittera: läkare (LK) och psykolog (PS), 000:61. / Licences allowed to refer."
* insert RbValueSet
* $legitimation#LK "Läkare"
* $legitimation#PS "Psykolog"
