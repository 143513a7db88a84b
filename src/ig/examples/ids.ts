/** Deterministic urn:uuid values for example bundles: the same example always gets the same fullUrls. */
import { createHash } from 'node:crypto';

/** A name-based UUID (version 5 layout over SHA-1), so example files are stable between builds. */
export function exampleUuid(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('/')).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

export function exampleUrn(...parts: string[]): string {
  return `urn:uuid:${exampleUuid(...parts)}`;
}
