// basic_auth and bearer_token, as scrape jobs and remote_write carry them:
// read, written back, and replaced by `<secret>` when the config is shown.

import type { Node } from 'yaml';
import type { YamlSource } from './yamlDecode';
import { mapping } from './yamlShape';

export interface BasicAuth {
  username: string;
  password: string;
}

/** HTTPClientConfig's `authorization`: a scheme (Bearer by default) and its credentials. */
export interface Authorization {
  type: string;
  credentials: string;
}

export const SECRET = '<secret>';

export const AUTH_CONFLICT = 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured';

export const BASIC_AUTH_SHAPE = mapping(['username', 'password']);

export function readBasicAuth(src: YamlSource, node: Node): BasicAuth {
  const b = src.struct(node, 'config.BasicAuth', BASIC_AUTH_SHAPE.keys);
  return { username: b.get('username') ? src.string(b.get('username')!) : '', password: b.get('password') ? src.string(b.get('password')!) : '' };
}

/** Authorization.Validate: the type defaults to Bearer, and `Basic` belongs in basic_auth. */
export function readAuthorization(src: YamlSource, node: Node): Authorization {
  const a = src.struct(node, 'config.Authorization', ['type', 'credentials', 'credentials_file']);
  if (a.get('credentials_file')) throw src.error(a.get('credentials_file'), 'credentials_file is not supported by Vigil: a browser reads no files');
  const type = a.get('type') ? src.string(a.get('type')!).trim() : '';
  if (type.toLowerCase() === 'basic') throw src.error(a.get('type'), 'authorization type cannot be set to "basic", use "basic_auth" instead');
  return { type: type === '' ? 'Bearer' : type, credentials: a.get('credentials') ? src.string(a.get('credentials')!) : '' };
}

type HttpAuth = { basicAuth?: BasicAuth; bearerToken?: string; authorization?: Authorization };

export function authToYaml(c: HttpAuth, o: Record<string, unknown>, secret: (s: string) => string): void {
  if (c.basicAuth) o.basic_auth = c.basicAuth.password === '' ? { username: c.basicAuth.username } : { username: c.basicAuth.username, password: secret(c.basicAuth.password) };
  if (c.bearerToken !== undefined) o.bearer_token = secret(c.bearerToken);
  if (c.authorization) o.authorization = { type: c.authorization.type, credentials: secret(c.authorization.credentials) };
}

/** The Authorization header the configured auth sends, as common/config's round trippers set it; undefined for none. */
export function authHeader(c: HttpAuth): string | undefined {
  if (c.basicAuth) return `Basic ${base64(`${c.basicAuth.username}:${c.basicAuth.password}`)}`;
  if (c.bearerToken !== undefined) return `Bearer ${c.bearerToken}`;
  if (c.authorization) return `${c.authorization.type} ${c.authorization.credentials}`;
  return undefined;
}

function base64(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

const SECRET_KEYS = ['password', 'bearer_token', 'credentials', 'client_secret', 'secret_key'];

export function redactSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactSecrets);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = SECRET_KEYS.includes(k) && typeof x === 'string' ? SECRET : redactSecrets(x);
  return out;
}
