// basic_auth and bearer_token, as scrape jobs and remote_write carry them:
// read, written back, and replaced by `<secret>` when the config is shown.

import type { Node } from 'yaml';
import type { YamlSource } from './yamlDecode';
import { mapping } from './yamlShape';

export interface BasicAuth {
  username: string;
  password: string;
}

export const SECRET = '<secret>';

export const AUTH_CONFLICT = 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured';

export const BASIC_AUTH_SHAPE = mapping(['username', 'password']);

export function readBasicAuth(src: YamlSource, node: Node): BasicAuth {
  const b = src.struct(node, 'config.BasicAuth', BASIC_AUTH_SHAPE.keys);
  return { username: b.get('username') ? src.string(b.get('username')!) : '', password: b.get('password') ? src.string(b.get('password')!) : '' };
}

export function authToYaml(c: { basicAuth?: BasicAuth; bearerToken?: string }, o: Record<string, unknown>, secret: (s: string) => string): void {
  if (c.basicAuth) o.basic_auth = c.basicAuth.password === '' ? { username: c.basicAuth.username } : { username: c.basicAuth.username, password: secret(c.basicAuth.password) };
  if (c.bearerToken !== undefined) o.bearer_token = secret(c.bearerToken);
}

const SECRET_KEYS = ['password', 'bearer_token', 'credentials', 'client_secret', 'secret_key'];

export function redactSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactSecrets);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = SECRET_KEYS.includes(k) && typeof x === 'string' ? SECRET : redactSecrets(x);
  return out;
}
