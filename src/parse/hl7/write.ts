/**
 * Writes HL7 v2.5 messages from mapping-file paths (path.ts), serialised with @medplum/core's Hl7Message with the
 * standard delimiters. Segments are ordered by the message grammar given (REF^I12 by default: {PRD [CTD]} keeps the
 * CTD right after the referring provider); OBX-1 set ids are numbered.
 */
import { Hl7Context, Hl7Message, Hl7Segment } from '@medplum/core';
import type { TargetDoc } from '../../map/source.ts';
import type { Scalar } from '../../map/transforms/registry.ts';
import { escapeHl7, parseHl7Path } from './path.ts';

interface Building {
  readonly key: string;
  readonly name: string;
  /** fields[f][c - 1] = subcomponents. */
  readonly fields: string[][][];
}

/** REF^I12 segment order; a key matches an entry when it starts with it. */
export const REF_I12_ORDER: readonly string[] = ['MSH', 'MSA', 'ERR', 'RF1', 'PRD(1.1=RP)', 'CTD', 'PRD', 'PID', 'DG1', 'OBR', 'OBX', 'NTE'];

function set(seg: Building, field: number, comp: number, sub: number | undefined, value: string): void {
  while (seg.fields.length <= field) {
    seg.fields.push([]);
  }
  const f = seg.fields[field] ?? [];
  while (f.length < comp) {
    f.push([]);
  }
  const c = f[comp - 1] ?? [];
  const s = sub ?? 1;
  while (c.length < s) {
    c.push('');
  }
  c[s - 1] = value;
  f[comp - 1] = c;
  seg.fields[field] = f;
}

export function hl7Target(order: readonly string[] = REF_I12_ORDER): TargetDoc {
  const segments = new Map<string, Building>();
  return {
    write: (path: string, value: Scalar, index?: number) => {
      const p = parseHl7Path(path);
      if (!p) {
        return;
      }
      const key = p.repeated ? `${p.key}[${index ?? 0}]` : p.key;
      let seg = segments.get(key);
      if (!seg) {
        seg = { key, name: p.segment, fields: [] };
        for (const c of p.conditions) {
          set(seg, c.field, c.component, undefined, escapeHl7(c.value));
        }
        if (p.repeated && p.segment === 'OBX') {
          set(seg, 4, 1, undefined, String((index ?? 0) + 1));
        }
        segments.set(key, seg);
      }
      set(seg, p.field, p.component, p.subcomponent, escapeHl7(String(value)));
    },
    serialise: () => {
      const rank = (key: string): number => {
        const i = order.findIndex((o) => key.startsWith(o));
        return i < 0 ? order.length : i;
      };
      const list = [...segments.values()].map((s, i) => ({ s, i })).sort((a, b) => rank(a.s.key) - rank(b.s.key) || a.i - b.i).map(({ s }) => s);
      const ctx = new Hl7Context();
      let obx = 0;
      const built = list.map((seg) => {
        if (seg.name === 'OBX') {
          obx++;
          set(seg, 1, 1, undefined, String(obx));
        }
        const fields = seg.fields.map((f) => f.map((c) => c.join('&')).join('^'));
        fields[0] = seg.name;
        if (seg.name === 'MSH') {
          // Hl7Segment counts MSH fields from MSH-2 (MSH-1 is the separator itself).
          return new Hl7Segment(['MSH', ctx.getMsh2(), ...fields.slice(3)], ctx);
        }
        return new Hl7Segment(fields, ctx);
      });
      return `${new Hl7Message(built, ctx).toString()}\r`;
    },
  };
}
