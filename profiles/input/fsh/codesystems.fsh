// Code systems owned by Remissbrygga (docs/ig-design.md "Code systems"). Display = Swedish; definition = Swedish / English.

RuleSet: RbCodeSystem
* ^status = #active
* ^experimental = false
* ^caseSensitive = true
* ^content = #complete
* ^language = #sv
* ^publisher = "Remissbrygga"

CodeSystem: RbTreatmentForm
Id: rb-treatment-form
Title: "Behandlingsform / Treatment form"
Description: "Behandlingsformer inom vårdval Psykoterapi. / Treatment forms in vårdval Psykoterapi (domain.md §2 #3, 000_c04719a0eada0e20.txt:47)."
* insert RbCodeSystem
* #kbt "KBT" "Kognitiv beteendeterapi / Cognitive behavioural therapy"
* #kbt-trauma "Traumafokuserad KBT" "Traumafokuserad kognitiv beteendeterapi / Trauma-focused CBT (000:547)"
* #ipt "IPT" "Interpersonell psykoterapi / Interpersonal psychotherapy"
* #pdt "PDT" "Psykodynamisk terapi / Psychodynamic therapy"

CodeSystem: RbReferrerProfession
Id: rb-referrer-profession
Title: "Remittentens yrke / Referrer profession"
Description: "Remittentens yrkesgrupp; legitimerad psykolog eller läkare krävs (000:61). / Profession of the referrer; a licensed psychologist or physician is required (000:61)."
* insert RbCodeSystem
* #psykolog "Psykolog" "Legitimerad psykolog / Licensed psychologist"
* #lakare "Läkare" "Legitimerad läkare / Licensed physician"
* #psykoterapeut "Psykoterapeut" "Legitimerad psykoterapeut / Licensed psychotherapist"
* #kurator "Kurator" "Kurator / Counsellor (social worker)"
* #sjukskoterska "Sjuksköterska" "Sjuksköterska / Nurse"

CodeSystem: RbPriorTreatmentType
Id: rb-prior-treatment-type
Title: "Tidigare behandlingsinsats / Prior treatment type"
Description: "Behandlingsförsök på vårdcentralen före remiss (000:48, 000:364). / Treatment attempts at the vårdcentral before referral."
* insert RbCodeSystem
* #ikbt "Internet-KBT" "Internetbaserad KBT (000:412) / Internet-delivered CBT"
* #kbt-individuell "KBT individuell" "Individuell KBT på vårdcentralen / Individual CBT at the vårdcentral"
* #kbt-grupp "KBT i grupp" "Grupp-KBT / Group CBT"
* #psykoedukation "Psykoedukation" "Psykoedukation / Psychoeducation"
* #samtalsstod "Samtalsstöd" "Stödsamtal / Supportive counselling"
* #lakemedel "Läkemedelsbehandling" "Läkemedelsbehandling / Pharmacological treatment"
* #annan "Annan insats" "Annan insats / Other intervention"

CodeSystem: RbRejectionReason
Id: rb-rejection-reason
Title: "Orsak till avvisad remiss / Rejection reason"
Description: "Kodade orsaker när en mottagning avvisar eller återremitterar (domain.md §4, 000:508). / Coded reasons when a provider rejects or returns a referral."
* insert RbCodeSystem
* #diagnos-utanfor-uppdrag "Diagnos utanför uppdraget" "Diagnosen ingår inte i vårdval Psykoterapi / Diagnosis outside the scope of vårdval Psykoterapi"
* #behandling-ej-tillaten "Behandlingsform ej tillåten" "Behandlingsformen är inte tillåten för diagnosen / Treatment form not allowed for the diagnosis"
* #ofullstandig-remiss "Ofullständig remiss" "Remissen saknar obligatoriska uppgifter / The referral lacks mandatory content"
* #ej-lamplig "Ej lämplig för psykoterapi" "Patienten bedöms inte lämplig (000:508–511) / Patient judged unsuitable"
* #ingen-kapacitet "Ingen kapacitet" "Mottagningen kan inte starta inom 30 dagar / Provider cannot start within 30 days"
* #patient-avbojer "Patienten avböjer" "Patienten avböjer behandling / Patient declines"
* #annan "Annan orsak" "Annan orsak / Other reason"

CodeSystem: RbTaskBusinessStatus
Id: rb-task-business-status
Title: "Remissuppdragets delstatus / Referral task business status"
Description: "Delstatus för remissuppdraget (standards.md §5). / Sub-states of the referral fulfilment Task."
* insert RbCodeSystem
* #information-requested "Komplettering begärd" "Mottagaren begär mer information / The receiver asks for more information"
* #returned-to-referrer "Återremitterad" "Patienten återremitteras till vårdcentralen (000:508) / Returned to the vårdcentral (återremiss)"
* #start-overdue "Start försenad" "Behandlingen har inte startat inom 30 dagar (000:268) / Treatment not started within 30 days"
* #rating-missing "Skattning saknas" "Skattning vid start eller avslut saknas (000:220) / Start or end rating missing"
* #no-response "Inget svar" "Mottagaren har inte svarat / No response from the receiver"

CodeSystem: RbTaskOutput
Id: rb-task-output
Title: "Behandlingssammanfattning / Task output type"
Description: "Typer av utdata i behandlingssammanfattningen (domain.md §4). / Output types of the treatment summary."
* insert RbCodeSystem
* #first-session-date "Första besök" "Datum för första behandlingssession (valueDate) / Date of the first session"
* #sessions-used "Antal sessioner" "Antal genomförda sessioner (valueUnsignedInt) / Sessions used"
* #start-rating "Skattning vid start" "Skattning vid behandlingsstart (valueReference → Observation) / Rating at start"
* #end-rating "Skattning vid avslut" "Skattning vid avslut (valueReference → Observation) / Rating at end"
* #summary "Sammanfattning" "Sammanfattning i fritext (valueString) / Free-text summary"

CodeSystem: RbProviderChoice
Id: rb-provider-choice
Title: "Val av mottagning / Provider choice"
Description: "Patientens val av mottagning eller närmaste mottagning (000:63–67). / The patient's choice of provider, or the nearest provider."
* insert RbCodeSystem
* #patient-choice "Patientens val" "Patienten har valt mottagning / The patient chose the provider"
* #nearest "Närmaste mottagning" "Patienten har inte valt; närmaste mottagning med rätt behandling (000:63–67) / No choice: nearest provider offering the treatment"

CodeSystem: RbOrganizationType
Id: rb-organization-type
Title: "Organisationstyp / Organization type"
Description: "Typ av vårdenhet i remissflödet. / Kind of care unit in the referral flow."
* insert RbCodeSystem
* #vardcentral "Vårdcentral" "Vårdcentral i vårdval Vårdcentral / Primary care centre"
* #psykoterapimottagning "Psykoterapimottagning" "Mottagning i vårdval Psykoterapi / Psychotherapy provider"

CodeSystem: RbInstrument
Id: rb-instrument
Title: "Skattningsinstrument utan LOINC-kod / Instruments without a LOINC code"
Description: "Instrument som saknar LOINC-kod (standards.md §2). / Instruments lacking a LOINC code."
* insert RbCodeSystem
* #DUDIT "DUDIT" "Drug Use Disorders Identification Test, totalpoäng 0–44 / total score 0–44"
* #MADRS-S "MADRS-S" "Montgomery-Åsberg Depression Rating Scale, självskattning, totalpoäng 0–54 / self-rated, total score 0–54"

CodeSystem: RbSuicideRisk
Id: rb-suicide-risk
Title: "Suicidrisk / Suicide risk level"
Description: "Nivå i strukturerad suicidriskbedömning (001:7946). / Level of a structured suicide-risk assessment."
* insert RbCodeSystem
* #lag "Låg" "Låg risk / Low risk"
* #mattlig "Måttlig" "Måttlig risk / Moderate risk"
* #hog "Hög" "Hög risk / High risk"

CodeSystem: RbCommunicationCategory
Id: rb-communication-category
Title: "Meddelandekategori / Communication category"
Description: "Kategorier för meddelanden mellan remittent och mottagning (000:371, 000:387). / Categories of messages between referrer and provider."
* insert RbCodeSystem
* #question "Fråga" "Fråga / Question"
* #answer "Svar" "Svar / Answer"
* #medication-change "Läkemedelsändring" "Ändrad medicinering (000:371) / Medication change"
* #sick-leave "Sjukskrivning" "Sjukskrivning (000:371) / Sick leave"
* #status "Status" "Statusuppdatering / Status update"
* #reminder "Påminnelse" "Påminnelse / Reminder"

CodeSystem: RbIssue
Id: rb-issue
Title: "Valideringsregel / Validation issue id"
Description: "Stabila id:n för valideringsregler och problemtyper, används i OperationOutcome.issue.details.coding. Fragment: valideraren lägger till egna id:n. / Stable ids of validation rules and issue kinds (OperationOutcome.issue.details.coding). A fragment: the validator adds its own, e.g. FHIR-INVARIANT-<constraint key> for a failed profile invariant."
* insert RbCodeSystem
* ^content = #fragment
* #REM-AGE-16 "Patienten under 16 år" "Patienten ska vara minst 16 år på remissdatum (000:55) / Patient must be 16 or older at the referral date"
* #REM-DIAG-SCOPE "Diagnos utanför uppdraget" "Diagnosen ingår inte i vårdval Psykoterapi (000:553–571) / Diagnosis outside the scope"
* #REM-TREATMENT-ALLOWED "Behandling ej tillåten" "Behandlingsformen är inte tillåten för diagnosen (000:553–571) / Treatment form not allowed for the diagnosis"
* #REM-PTSD-TRAUMA-KBT "PTSD kräver traumafokuserad KBT" "Vid PTSD (F43.1) endast traumafokuserad KBT (000:547) / PTSD only with trauma-focused CBT"
* #REM-SESSION-CAP "För många sessioner" "Planerat antal sessioner över taket (000:58–60, 000:103–109) / Planned sessions above the cap"
* #REM-REFERRER-LICENSED "Remittent ej legitimerad" "Remittenten ska vara legitimerad psykolog eller läkare (000:61) / Referrer must be a licensed psychologist or physician"
* #REM-REFERRER-PSYCHOLOGIST "Remittent ej psykolog" "Rekommendation: remittenten bör vara psykolog (000:29); varning / Recommendation: referrer should be a psychologist (warning)"
* #REM-DIRECT-PHONE "Direktnummer saknas" "Remittentens direktnummer saknas (000:50, 000:351–354) / Referrer's direct phone missing"
* #REM-PHONE-FORMAT "Ogiltigt telefonnummer" "Direktnumret är inte ett rimligt svenskt telefonnummer / Direct phone is not a plausible Swedish number"
* #REM-PRIOR-TREATMENT "Tidigare behandling saknas" "Behandlingsförsök på vårdcentralen ska dokumenteras (000:48, 000:364) / Prior treatment at the vårdcentral must be documented"
* #REM-SCREENING "Screening saknas" "Screening för alkohol (AUDIT) och droger (DUDIT) ska finnas (000:49) / Alcohol and drug screening required"
* #REM-SCREENING-RANGE "Screeningpoäng utanför intervall" "AUDIT 0–40, DUDIT 0–44 / Screening score out of range"
* #REM-PNR-CHECKDIGIT "Fel kontrollsiffra" "Person- eller samordningsnumret har fel kontrollsiffra (standards.md §1) / Wrong check digit in personal identity number"
* #REM-PATIENT-LISTED "Patienten ej listad" "Patienten ska vara listad på den remitterande vårdcentralen (000:61) / Patient must be listed at the referring vårdcentral"
* #REM-PARALLEL-CARE-REASON "Orsak till parallell psykiatrisk vård saknas" "Skäl krävs när patienten har parallell specialistpsykiatrisk vård (003:~530) / Reason required for parallel psychiatric care"
* #REM-INDIVIDUAL "Endast individuell behandling" "Vårdvalet omfattar endast individuell behandling (000:58) / Individual treatment only"
* #FHIR-UNKNOWN-ELEMENT "Okänt element" "Elementet finns inte i FHIR R4 / Unknown element"
* #FHIR-CARDINALITY "Fel antal förekomster" "Obligatoriskt element saknas eller för många förekomster / Cardinality violated"
* #QR-REQUIRED "Obligatoriskt svar saknas" "Ett obligatoriskt frågesvar saknas / Required answer missing"
* #QR-ANSWER-VALUESET "Svar utanför värdemängd" "Svaret finns inte i frågans värdemängd / Answer not in the answer value set"
* #QR-ENABLEWHEN "Svar på inaktiv fråga" "Frågan är inte aktiv (enableWhen) men har besvarats / Disabled item answered"
* #QR-UNKNOWN-LINKID "Okänd fråga" "Svaret hör till en fråga som inte finns i mallen / Answer to an unknown linkId"
* #QR-RANGE "Svar utanför intervall" "Svaret ligger utanför frågans min/max / Answer outside the item's min/max"

// ICD-10-SE as a fragment: only the codes the IG uses (standards.md §2; Socialstyrelsen owns the system).
CodeSystem: Icd10Se
Id: rb-icd-10-se
Title: "ICD-10-SE (fragment)"
Description: "ICD-10-SE, svensk version av ICD-10; fragment med de koder som används. / Swedish edition of ICD-10; a fragment with the codes used here."
* ^url = "urn:oid:1.2.752.116.1.1.1"
* ^status = #active
* ^experimental = false
* ^caseSensitive = true
* ^content = #fragment
* ^language = #sv
* ^publisher = "Socialstyrelsen"
* #F32.0 "Lindrig depressiv episod"
* #F32.1 "Medelsvår depressiv episod"
* #F32.2 "Svår depressiv episod utan psykotiska symtom"
* #F33.1 "Recidiverande depression, medelsvår episod"
* #F40.00 "Agorafobi utan paniksyndrom"
* #F40.01 "Agorafobi med paniksyndrom"
* #F40.1 "Social fobi"
* #F40.2 "Specifika fobier"
* #F40.8 "Andra specificerade fobiska syndrom"
* #F40.9 "Fobiskt syndrom, ospecificerat"
* #F41.0 "Paniksyndrom"
* #F41.1 "Generaliserat ångestsyndrom"
* #F41.9 "Ångesttillstånd, ospecificerat"
* #F42.0 "Huvudsakligen tvångstankar eller ältande"
* #F42.1 "Huvudsakligen tvångshandlingar"
* #F42.2 "Blandade tvångstankar och tvångshandlingar"
* #F42.8 "Andra specificerade tvångssyndrom"
* #F42.9 "Tvångssyndrom, ospecificerat"
* #F43.1 "Posttraumatiskt stressyndrom"
* #F43.8 "Andra specificerade reaktioner på svår stress"
* #F43.9 "Reaktion på svår stress, ospecificerad"
* #F60.3 "Emotionellt instabil personlighetsstörning"

// Legitimerad yrkesgrupp (standards.md §2; the code PS for psykolog is unverified there).
CodeSystem: Legitimation
Id: rb-legitimation
Title: "Legitimerad yrkesgrupp (fragment)"
Description: "Socialstyrelsens koder för legitimerade yrkesgrupper; fragment. / Licensed professions (Socialstyrelsen); a fragment."
* ^url = "urn:oid:1.2.752.116.3.1.3"
* ^status = #active
* ^experimental = false
* ^caseSensitive = true
* ^content = #fragment
* ^language = #sv
* #LK "Läkare" "Legitimerad läkare / Licensed physician"
* #PS "Psykolog" "Legitimerad psykolog / Licensed psychologist"
