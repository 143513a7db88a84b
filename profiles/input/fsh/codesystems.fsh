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
