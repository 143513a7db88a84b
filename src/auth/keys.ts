/** The server's token-signing key: ES384, from a PKCS#8 PEM file when configured, else generated at start-up. */
import type { KeyObject } from 'node:crypto';
import { createPublicKey, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CryptoKey, JWK } from 'jose';
import { exportJWK, generateKeyPair, importPKCS8 } from 'jose';

export const TOKEN_ALG = 'ES384';

export interface ServerKeys {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey | KeyObject;
  readonly publicJwk: JWK;
}

export async function serverKeys(pemFile?: string): Promise<ServerKeys> {
  if (pemFile) {
    const pem = await readFile(pemFile, 'utf8');
    const privateKey = await importPKCS8(pem, TOKEN_ALG, { extractable: true });
    const publicKey = createPublicKey(pem);
    const publicJwk = await exportJWK(publicKey);
    const kid = `rb-${publicJwk.x?.slice(0, 12) ?? randomUUID()}`;
    return { kid, privateKey, publicKey, publicJwk: { ...publicJwk, kid, alg: TOKEN_ALG, use: 'sig' } };
  }
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALG, { extractable: true });
  const kid = `rb-${randomUUID()}`;
  return { kid, privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALG, use: 'sig' } };
}
