/** SMART discovery document (https://hl7.org/fhir/smart-app-launch/conformance.html), backend services only. */
import type { Request } from 'express';

export function smartConfiguration(req: Request, publicUrl: string | undefined): Record<string, unknown> {
  const origin = publicUrl ? publicUrl.replace(/\/$/, '') : `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return {
    token_endpoint: `${origin}/auth/token`,
    jwks_uri: `${origin}/auth/jwks`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    scopes_supported: ['system/*.rs', 'system/*.cruds'],
    capabilities: ['client-confidential-asymmetric'],
  };
}
