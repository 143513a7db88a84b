/** Language of clinician-facing texts: `_lang=en` or `Accept-Language: en…` → English; Swedish otherwise. */
import type { Request } from 'express';
import type { Lang } from '../fhir/outcomes.ts';

export function requestLang(req: Request): Lang {
  const q = req.query._lang;
  if (typeof q === 'string') {
    return q.toLowerCase().startsWith('en') ? 'en' : 'sv';
  }
  const accepted = req.acceptsLanguages('sv', 'en');
  return accepted === 'en' ? 'en' : 'sv';
}
