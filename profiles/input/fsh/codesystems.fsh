CodeSystem: RbTreatmentForm
Id: rb-treatment-form
Title: "Behandlingsform / Treatment form"
Description: "Behandlingsformer inom vårdval Psykoterapi. / Treatment forms in vårdval Psykoterapi (domain.md §2 #3)."
* ^caseSensitive = true
* ^experimental = false
* #kbt "KBT" "Kognitiv beteendeterapi / Cognitive behavioural therapy"
* #kbt-trauma "Traumafokuserad KBT" "Traumafokuserad kognitiv beteendeterapi / Trauma-focused CBT"
* #ipt "IPT" "Interpersonell psykoterapi / Interpersonal psychotherapy"
* #pdt "PDT" "Psykodynamisk terapi / Psychodynamic therapy"
