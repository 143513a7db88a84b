/**
 * Canonical URLs and codes the workflow relies on, all from docs/ig-design.md (the contract between layers).
 * Kept as data in one place so a rename in the IG is one edit here.
 */
import { HSA_SYSTEMS } from '../store/index.ts';

export const FHIR_BASE = 'https://remissbrygga.se/fhir';
export const REMISS_ID_SYSTEM = `${FHIR_BASE}/sid/remiss-id`;
/** Canonical HSA-id system; `HSA_SYSTEMS` lists the accepted alias too (standards.md §1). */
export const HSA_SYSTEM = 'urn:oid:1.2.752.29.4.19';
export { HSA_SYSTEMS };

export const CS = {
  treatmentForm: `${FHIR_BASE}/CodeSystem/rb-treatment-form`,
  rejectionReason: `${FHIR_BASE}/CodeSystem/rb-rejection-reason`,
  taskBusinessStatus: `${FHIR_BASE}/CodeSystem/rb-task-business-status`,
  taskOutput: `${FHIR_BASE}/CodeSystem/rb-task-output`,
  providerChoice: `${FHIR_BASE}/CodeSystem/rb-provider-choice`,
  communicationCategory: `${FHIR_BASE}/CodeSystem/rb-communication-category`,
} as const;

export const EXT = {
  providerChoice: `${FHIR_BASE}/StructureDefinition/rb-provider-choice`,
} as const;

export const PROFILE = {
  task: `${FHIR_BASE}/StructureDefinition/rb-referral-task`,
  communication: `${FHIR_BASE}/StructureDefinition/rb-referral-communication`,
} as const;

/** rb-rejection-reason (docs/ig-design.md; domain.md §4 "coded rejection reasons"). */
export const REJECTION_REASONS: readonly string[] = [
  'diagnos-utanfor-uppdrag',
  'behandling-ej-tillaten',
  'ofullstandig-remiss',
  'ej-lamplig',
  'ingen-kapacitet',
  'patient-avbojer',
  'annan',
];

/** rb-task-business-status */
export type BusinessStatus = 'information-requested' | 'returned-to-referrer' | 'start-overdue' | 'rating-missing' | 'no-response';
export const BUSINESS_STATUSES: readonly BusinessStatus[] = ['information-requested', 'returned-to-referrer', 'start-overdue', 'rating-missing', 'no-response'];

/** rb-communication-category */
export const COMMUNICATION_CATEGORIES: readonly string[] = ['question', 'answer', 'medication-change', 'sick-leave', 'status', 'reminder'];

/** rb-task-output */
export type OutputCode = 'first-session-date' | 'sessions-used' | 'start-rating' | 'end-rating' | 'summary';
