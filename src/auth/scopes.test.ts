import { grantScopes, isValidScope, parseScopes } from './scopes.ts';

test('v2 and v1 scope syntax', () => {
  const s = parseScopes('system/Task.rs system/ServiceRequest.read system/Communication.write');
  expect(s.allows('Task', 'r')).toBe(true);
  expect(s.allows('Task', 's')).toBe(true);
  expect(s.allows('Task', 'u')).toBe(false);
  expect(s.allows('ServiceRequest', 's')).toBe(true);
  expect(s.allows('Communication', 'c')).toBe(true);
  expect(s.allows('Communication', 'r')).toBe(false);
  expect(s.allows('Patient', 'r')).toBe(false);
});

test('wildcards', () => {
  const s = parseScopes('system/*.rs');
  expect(s.allows('Patient', 'r')).toBe(true);
  expect(s.allows('Patient', 'c')).toBe(false);
  expect(parseScopes('system/*.*').allows('Task', 'u')).toBe(true);
});

test('garbage is ignored and reported invalid', () => {
  expect(isValidScope('openid')).toBe(false);
  expect(isValidScope('system/Task.')).toBe(false);
  expect(isValidScope('system/Task.rs')).toBe(true);
  expect(parseScopes('openid fhirUser').allows('Task', 'r')).toBe(false);
});

test('granted scopes are the requested ones the registration covers', () => {
  expect(grantScopes('system/*.rs system/Task.u', 'system/Task.rs system/Task.u system/Patient.c')).toBe('system/Task.rs system/Task.u');
  expect(grantScopes('system/*.rs', undefined)).toBe('system/*.rs');
  expect(grantScopes('system/Task.rs', 'system/*.rs')).toBe('');
});
