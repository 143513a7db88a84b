/**
 * Writes RIV-TA messages: element paths as in the mapping files, `#Label` paths become structured lines of the
 * element's text (lines.ts). The root element gets the contract's namespace.
 */
import type { TargetDoc } from '../../map/source.ts';
import type { Scalar } from '../../map/transforms/registry.ts';
import { writeObjectPath } from '../flat-json/path.ts';
import { formatLine } from './lines.ts';

export const RIV_NS: Readonly<Record<string, string>> = {
  ProcessRequest: 'urn:riv:clinicalprocess:activity:request:ProcessRequestResponder:1',
  ProcessRequestResponse: 'urn:riv:clinicalprocess:activity:request:ProcessRequestResponder:1',
  ProcessRequestConfirmation: 'urn:riv:clinicalprocess:activity:request:ProcessRequestConfirmationResponder:1',
  ProcessRequestOutcome: 'urn:riv:clinicalprocess:activity:request:ProcessRequestOutcomeResponder:1',
};

export function rivTarget(): TargetDoc {
  const root: Record<string, unknown> = {};
  const lines = new Map<string, string[]>();
  return {
    write: (path: string, value: Scalar, index?: number) => {
      const [elementPath = '', label] = path.split('#');
      if (label === undefined) {
        writeObjectPath(root, elementPath, value, index);
        return;
      }
      const list = lines.get(elementPath) ?? [];
      list.push(formatLine(label.replace('[*]', String((index ?? 0) + 1)), String(value)));
      lines.set(elementPath, list);
      writeObjectPath(root, elementPath, list.join('\n'));
    },
    serialise: () => {
      const [name = 'ProcessRequest'] = Object.keys(root);
      const body = root[name];
      const withNs: Record<string, unknown> = { [name]: { '@_xmlns': RIV_NS[name] ?? RIV_NS.ProcessRequest, ...(typeof body === 'object' && body !== null ? body : {}) } };
      return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlElement(name, withNs[name], '')}`;
    },
  };
}

export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A small serialiser for the element trees the mapping writes: objects, arrays (repeated elements), scalars; `@_x` keys are attributes. */
export function xmlElement(name: string, value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    return value.filter((v) => v !== undefined).map((v) => xmlElement(name, v, indent)).join('');
  }
  if (typeof value !== 'object' || value === null) {
    return `${indent}<${name}>${escapeXml(typeof value === 'string' ? value : String(value))}</${name}>\n`;
  }
  const entries = Object.entries(value);
  const attrs = entries.filter(([k]) => k.startsWith('@_')).map(([k, v]) => ` ${k.slice(2)}="${escapeXml(String(v))}"`).join('');
  const children = entries.filter(([k]) => !k.startsWith('@_')).map(([k, v]) => xmlElement(k, v, `${indent}  `)).join('');
  return children === '' ? `${indent}<${name}${attrs}/>\n` : `${indent}<${name}${attrs}>\n${children}${indent}</${name}>\n`;
}
