// Diagnosis → allowed treatment tables (docs/ig-design.md "ConceptMaps"). Targets are in priority order.
// The regional rule sets (src/validate/rules) point at these by canonical URL: one source of truth for the table.

Extension: RbEffectivePeriod
Id: rb-effective-period
Title: "Giltighetsperiod / Effective period"
Description: "Period då en regeltabell gäller (regler nycklas på remissdatum). / Period in which a rule table is in force (rules key on the referral date)."
Context: ConceptMap
* value[x] only Period
* valuePeriod 1..1

RuleSet: Targets1(code, display, t1)
* group[0].element[+].code = #{code}
* group[0].element[=].display = "{display}"
* group[0].element[=].target[0].code = #{t1}
* group[0].element[=].target[0].equivalence = #relatedto

RuleSet: Targets2(code, display, t1, t2)
* group[0].element[+].code = #{code}
* group[0].element[=].display = "{display}"
* group[0].element[=].target[0].code = #{t1}
* group[0].element[=].target[0].equivalence = #relatedto
* group[0].element[=].target[1].code = #{t2}
* group[0].element[=].target[1].equivalence = #relatedto

RuleSet: Targets3(code, display, t1, t2, t3)
* group[0].element[+].code = #{code}
* group[0].element[=].display = "{display}"
* group[0].element[=].target[0].code = #{t1}
* group[0].element[=].target[0].equivalence = #relatedto
* group[0].element[=].target[1].code = #{t2}
* group[0].element[=].target[1].equivalence = #relatedto
* group[0].element[=].target[2].code = #{t3}
* group[0].element[=].target[2].equivalence = #relatedto

RuleSet: DiagnosisTreatmentMap
* status = #active
* experimental = false
* language = #sv
* publisher = "Remissbrygga"
* sourceCanonical = Canonical(RbAllowedDiagnoses)
* targetCanonical = Canonical(RbTreatmentFormVS)
* group[0].source = $icd10se
* group[0].target = Canonical(RbTreatmentForm)

Instance: rb-diagnosis-treatment-2024
InstanceOf: ConceptMap
Usage: #definition
Title: "Diagnos → tillåten behandling (gällande) / Diagnosis → allowed treatment (in force)"
Description: "Tabell 1 i översynen av vårdval Psykoterapi (000_c04719a0eada0e20.txt:553–571), gällande. Målen i prioritetsordning. / Table 1 of the 2025 review, in force; targets in priority order."
* insert DiagnosisTreatmentMap
* url = "https://remissbrygga.se/fhir/ConceptMap/rb-diagnosis-treatment-2024"
* version = "2024"
* name = "RbDiagnosisTreatment2024"
* date = "2024-01-01"
* extension[0].url = "https://remissbrygga.se/fhir/StructureDefinition/rb-effective-period"
* extension[0].valuePeriod.start = "2024-01-01"
* useContext[0].code = http://terminology.hl7.org/CodeSystem/usage-context-type#workflow
* useContext[0].valueCodeableConcept.text = "vårdval Psykoterapi, Region Skåne"
* insert Targets2(F32.0, Lindrig depressiv episod, kbt, ipt)
* insert Targets2(F32.1, Medelsvår depressiv episod, kbt, ipt)
* insert Targets1(F40.00, Agorafobi utan paniksyndrom, kbt)
* insert Targets1(F40.01, Agorafobi med paniksyndrom, kbt)
* insert Targets1(F40.1, Social fobi, kbt)
* insert Targets1(F40.2, Specifika fobier, kbt)
* insert Targets1(F40.8, Andra specificerade fobiska syndrom, kbt)
* insert Targets1(F40.9, Fobiskt syndrom\, ospecificerat, kbt)
* insert Targets1(F41.0, Paniksyndrom, kbt)
* insert Targets1(F41.1, Generaliserat ångestsyndrom, kbt)
* insert Targets1(F41.9, Ångesttillstånd\, ospecificerat, kbt)
* insert Targets1(F42.0, Huvudsakligen tvångstankar eller ältande, kbt)
* insert Targets1(F42.1, Huvudsakligen tvångshandlingar, kbt)
* insert Targets1(F42.2, Blandade tvångstankar och tvångshandlingar, kbt)
* insert Targets1(F42.8, Andra specificerade tvångssyndrom, kbt)
* insert Targets1(F42.9, Tvångssyndrom\, ospecificerat, kbt)
* insert Targets1(F43.1, Posttraumatiskt stressyndrom, kbt-trauma)
* insert Targets3(F43.8, Andra specificerade reaktioner på svår stress, kbt, ipt, pdt)
* insert Targets3(F43.9, Reaktion på svår stress\, ospecificerad, kbt, ipt, pdt)

Instance: rb-diagnosis-treatment-proposed
InstanceOf: ConceptMap
Usage: #definition
Title: "Diagnos → tillåten behandling (föreslagen) / Diagnosis → allowed treatment (proposed)"
Description: "Föreslagna striktare regler (000:38, 000:818): KBT först; PDT och IPT endast vid depression. Ej i kraft (status draft, ingen giltighetsperiod); 2026-förslaget om endast medelsvåra tillstånd (003:516) hanteras av regeluppsättningen. / Proposed stricter rules, not in force."
* insert DiagnosisTreatmentMap
* status = #draft
* url = "https://remissbrygga.se/fhir/ConceptMap/rb-diagnosis-treatment-proposed"
* version = "proposed"
* name = "RbDiagnosisTreatmentProposed"
* date = "2025-06-01"
* useContext[0].code = http://terminology.hl7.org/CodeSystem/usage-context-type#workflow
* useContext[0].valueCodeableConcept.text = "vårdval Psykoterapi, Region Skåne (förslag)"
* insert Targets2(F32.0, Lindrig depressiv episod, kbt, ipt)
* insert Targets2(F32.1, Medelsvår depressiv episod, kbt, ipt)
* insert Targets1(F40.00, Agorafobi utan paniksyndrom, kbt)
* insert Targets1(F40.01, Agorafobi med paniksyndrom, kbt)
* insert Targets1(F40.1, Social fobi, kbt)
* insert Targets1(F40.2, Specifika fobier, kbt)
* insert Targets1(F40.8, Andra specificerade fobiska syndrom, kbt)
* insert Targets1(F40.9, Fobiskt syndrom\, ospecificerat, kbt)
* insert Targets1(F41.0, Paniksyndrom, kbt)
* insert Targets1(F41.1, Generaliserat ångestsyndrom, kbt)
* insert Targets1(F41.9, Ångesttillstånd\, ospecificerat, kbt)
* insert Targets1(F42.0, Huvudsakligen tvångstankar eller ältande, kbt)
* insert Targets1(F42.1, Huvudsakligen tvångshandlingar, kbt)
* insert Targets1(F42.2, Blandade tvångstankar och tvångshandlingar, kbt)
* insert Targets1(F42.8, Andra specificerade tvångssyndrom, kbt)
* insert Targets1(F42.9, Tvångssyndrom\, ospecificerat, kbt)
* insert Targets1(F43.1, Posttraumatiskt stressyndrom, kbt-trauma)
* insert Targets1(F43.8, Andra specificerade reaktioner på svår stress, kbt)
* insert Targets1(F43.9, Reaktion på svår stress\, ospecificerad, kbt)
