/**
 * Journal formats over HTTP (issue 5), a thin shell over src/map:
 *
 * - `POST /convert?from=<fmt>&to=<fmt>`: stateless conversion for integration teams (nothing stored). FHIR is a
 *   format too; a message converted to FHIR is also validated, and its errors come back as the answer.
 * - `POST /inbound/<fmt>`: convert + validate + submit in one call; the reply is in the sender's own format
 *   (RIV-TA ProcessRequestResponse with resultCode, HL7 ACK with ERR segments, or an OperationOutcome for the
 *   flat formats). RIV-TA and HL7 carry the result in the message, so they answer HTTP 200 unless the request
 *   itself was wrong (auth, unknown format, body too large).
 *
 * - `GET /outbound/<fmt>/ServiceRequest/<id>`: a referral the caller may see, written in the caller's own journal
 *   format (RIV-TA ProcessRequest, HL7 REF^I12, CSV, flat provider import JSON) — for provider systems that pull.
 *
 * Authentication is the same as /fhir; every call is audited (the workflow audits a stored referral itself).
 */
import type { Request, Router } from 'express';
import express from 'express';
import { OperationOutcomeError } from '@medplum/core';
import type { Bundle, OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { badRequestOutcome, outcomeError, unprocessableIssues } from '../fhir/outcomes.ts';
import { loadEventResources } from '../deliver/resources.ts';
import type { Mapper } from '../map/index.ts';
import { inboundReply } from '../map/status/index.ts';
import type { RequestState } from './context.ts';
import { authenticate } from './context.ts';
import type { HttpDeps } from './deps.ts';
import { audited, readScope } from './handler.ts';
import { httpStatus } from './outcome.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  riv: 'application/xml; charset=utf-8',
  hl7: 'x-application/hl7-v2+er7; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  'flat-json': 'application/json; charset=utf-8',
  flat: 'application/json; charset=utf-8',
  fhir: 'application/fhir+json; charset=utf-8',
};
/** Formats whose reply carries the result in-band (HTTP 200 with the error inside the message). */
const IN_BAND = new Set(['riv', 'hl7']);

function errorsOf(o: OperationOutcome): OperationOutcomeIssue[] {
  return o.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
}

function formatParam(req: Request, name: 'from' | 'to', known: readonly string[]): string {
  const value = req.query[name];
  if (typeof value !== 'string' || !known.includes(value)) {
    throw outcomeError(
      badRequestOutcome({
        id: 'MAP-FORMAT-UNKNOWN',
        text: { sv: `Parametern ${name} måste vara ett av: ${known.join(', ')}.`, en: `Parameter ${name} must be one of: ${known.join(', ')}.` },
      }),
    );
  }
  return value;
}

function parseFhir(body: Buffer): Bundle {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    json = undefined;
  }
  if (typeof json !== 'object' || json === null || (json as { resourceType?: unknown }).resourceType !== 'Bundle') {
    throw outcomeError(badRequestOutcome({ id: 'MAP-INPUT', text: { sv: 'FHIR-indata måste vara en Bundle i JSON.', en: 'FHIR input must be a Bundle in JSON.' }, expression: ['Bundle'] }));
  }
  return json as Bundle;
}

export function journalRouter(deps: HttpDeps, state: RequestState, mapper: Mapper): Router {
  const r = express.Router();
  const from = [...mapper.formats, 'fhir'];
  const to = [...mapper.formats, 'flat', 'fhir'];
  const raw = express.raw({ type: () => true, limit: deps.config.BODY_LIMIT });

  const authenticated = authenticate(deps.auth, state);

  /** Converts to FHIR and validates: the bundle, or every problem of the message in one outcome. */
  const toFhir = async (
    format: string,
    body: Buffer,
  ): Promise<{ bundle: Bundle; validation: OperationOutcome } | { outcome: OperationOutcome }> => {
    const mapped = format === 'fhir' ? { bundle: parseFhir(body) } : mapper.toFhir(format, body);
    if ('outcome' in mapped) return { outcome: mapped.outcome };
    const validation = await deps.validator.validate(mapped.bundle);
    deps.metrics.recordValidation(validation);
    const errors = errorsOf(validation);
    if (errors.length > 0) return { outcome: unprocessableIssues(validation.issue) };
    return { bundle: mapped.bundle, validation };
  };

  r.post(
    '/convert',
    authenticated,
    raw,
    audited(deps, state, { interaction: 'operation' }, async (req, res) => {
      const source = formatParam(req, 'from', from);
      const target = formatParam(req, 'to', to);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const converted = await toFhir(source, body);
      if ('outcome' in converted) {
        throw outcomeError(converted.outcome);
      }
      const out = target === 'fhir' ? { text: JSON.stringify(converted.bundle, null, 2) } : mapper.fromFhir(target === 'flat' ? 'flat-json' : target, converted.bundle);
      if ('outcome' in out) {
        throw outcomeError(out.outcome);
      }
      return { entities: [], status: 200, send: () => res.status(200).type(CONTENT_TYPES[target] ?? 'text/plain').send(out.text) };
    }),
  );

  r.post(
    '/inbound/:format',
    authenticated,
    raw,
    audited(deps, state, { interaction: 'transaction', resourceType: 'ServiceRequest', successAuditedByWorkflow: true }, async (req, res, principal) => {
      const format = String(req.params.format);
      if (!from.includes(format)) {
        throw outcomeError(badRequestOutcome({ id: 'MAP-FORMAT-UNKNOWN', text: { sv: `Okänt format "${format}".`, en: `Unknown format "${format}".` } }));
      }
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const input = body.toString('utf8');
      const now = new Date().toISOString();
      const reply = (outcome: OperationOutcome | undefined, status: number, failed = false): { entities: string[]; status: number; send: () => void } => {
        const text = inboundReply(format, input, now, outcome, failed);
        return { entities: [], status, send: () => res.status(IN_BAND.has(format) ? 200 : status).type(text.contentType).send(text.text) };
      };
      const converted = await toFhir(format, body);
      if ('outcome' in converted) {
        if (!IN_BAND.has(format)) throw outcomeError(converted.outcome);
        return reply(converted.outcome, 422);
      }
      try {
        // validated once, above: the workflow takes that outcome instead of validating the same bundle again
        const result = await deps.workflow.submitReferral(deps.workflowDeps, converted.bundle, principal.actor, converted.validation);
        // the workflow's outcome holds the validator's warnings (given above) and its own, each once
        const warnings: OperationOutcome = { resourceType: 'OperationOutcome', issue: result.outcome.issue.filter((i) => i.severity === 'warning') };
        const entities = (result.response.entry ?? []).map((e) => e.response?.location ?? '').filter(Boolean);
        const ok = reply(warnings.issue.length > 0 ? warnings : undefined, result.created ? 201 : 200);
        return { ...ok, entities };
      } catch (err) {
        if (!(err instanceof OperationOutcomeError) || !IN_BAND.has(format)) throw err;
        const status = httpStatus(err.outcome);
        return reply(err.outcome, status, status >= 500);
      }
    }),
  );

  r.get(
    '/outbound/:format/ServiceRequest/:id',
    authenticated,
    audited(deps, state, { interaction: 'read', resourceType: 'ServiceRequest', scope: 'r', target: (req) => `ServiceRequest/${String(req.params.id)}` }, async (req, res, principal) => {
      const format = String(req.params.format);
      const targets = to.filter((f) => f !== 'fhir');
      if (!targets.includes(format)) {
        throw outcomeError(badRequestOutcome({ id: 'MAP-FORMAT-UNKNOWN', text: { sv: `Formatet måste vara ett av: ${targets.join(', ')}.`, en: `The format must be one of: ${targets.join(', ')}.` } }));
      }
      const id = String(req.params.id);
      // Scoped read first: a referral the caller may not see is 404, as on /fhir (no existence leak).
      await deps.repo.read('ServiceRequest', id, readScope(deps, principal));
      const resources = await loadEventResources(deps.repo, { serviceRequestId: id }, id);
      const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ fullUrl: `${resource.resourceType}/${resource.id ?? ''}`, resource })) };
      const out = mapper.fromFhir(format === 'flat' ? 'flat-json' : format, bundle);
      if ('outcome' in out) {
        throw outcomeError(out.outcome);
      }
      const entities = resources.map((x) => `${x.resourceType}/${x.id ?? ''}`);
      return { entities, status: 200, send: () => res.status(200).type(CONTENT_TYPES[format] ?? 'text/plain').send(out.text) };
    }),
  );
  return r;
}
