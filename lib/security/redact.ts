/**
 * Redaction of text that came from outside (upstream error bodies, Redis replies, file contents): every
 * known secret in its plain, URL-, JSON- and base64-encoded forms, and any value that follows an
 * authorization / token / password / api-key name. Pure: callers pass the secrets (lib/security/secrets.ts).
 */

export const REDACTED = '[redacted]';
// Shorter values would match ordinary words; no real key or password of ours is that short.
const MIN_SECRET_LENGTH = 4;

/** Base64 of `secret` as it appears inside any longer base64 text, at each of the three byte alignments. */
function base64Forms(secret: string, alphabet: 'base64' | 'base64url'): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(alphabet).replace(/=+$/, '');
    // Characters that mix in the padding bytes (before) or whatever follows the secret (after) are unstable.
    const start = offset === 0 ? 0 : offset + 1;
    const tailBits = ((offset + bytes.length) * 8) % 6;
    const end = tailBits === 0 ? encoded.length : encoded.length - 1;
    const stable = encoded.slice(start, end);
    if (stable.length >= MIN_SECRET_LENGTH) forms.push(stable);
  }
  return forms;
}

/** Every way a secret may be written in text we receive. */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const forms = new Set<string>([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  for (const form of [...base64Forms(secret, 'base64'), ...base64Forms(secret, 'base64url'), Buffer.from(secret, 'utf8').toString('base64')]) forms.add(form);
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

// A value already [redacted] is left alone: redacting twice (parse, then response) changes nothing.
const NAMED_VALUE = /((?:proxy-)?authori[sz]ation|x-api-key|api[_-]?key|apikey|(?:access|account|secret|private|shared[_-]?access)[_-]?key|access[_-]?token|refresh[_-]?token|token|password|passwd|pwd|secret|credentials?)(\\?["']?\s*[:=]\s*\\?["']?\s*)((?:basic|bearer|token|digest)\s+)?(?!\[redacted\])[^\s"'\\,;&}<>)\]]+/gi;
const SCHEME_VALUE = /\b(basic|bearer)\s+[A-Za-z0-9._~+/=-]{6,}/gi;
// `scheme://user:password@` keeps its user; a lone `scheme://token@` (GitHub-style) is all secret.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s@"'<>:]*)(:[^/\s@"'<>]*)?@/gi;
// SQL writes passwords as quoted literals: CREATE USER … PASSWORD 'x', … IDENTIFIED BY 'x'.
const SQL_PASSWORD = /\b(password|identified\s+by)(\s+)(['"])(?:(?!\3)[^\\]|\\.)*\3/gi;
// Redis' AUTH / HELLO … AUTH <user> <password> may be echoed in an error reply.
const REDIS_AUTH = /\b(AUTH)\s+\S+(?:\s+\S+)?/g;
// Signed and keyed URLs (S3/GCS presigned, Azure SAS, `?key=` API keys): the query value is the credential.
const QUERY_CREDENTIAL = /([?&](?:sig|signature|x-amz-signature|x-goog-signature|key)=)(?!\[redacted\])[^&#\s"'<>]+/gi;
// Text none of the patterns below can change: most strings in a facet, skipped after one scan.
const MAY_HOLD_CREDENTIAL = /@|author|key|token|pass|pwd|secret|credential|basic|bearer|identified|AUTH|sig/i;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A redactor for many texts: every form of every secret, URL passwords and every named credential value
 * replaced by [redacted]. The secrets' forms are worked out once, not per text.
 */
export function textRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  const known = forms.length === 0 ? null : new RegExp(forms.map(escapeRegExp).join('|'), 'g');
  return (text) => {
    const out = known === null ? text : text.replace(known, REDACTED);
    if (!MAY_HOLD_CREDENTIAL.test(out)) return out;
    return out
      .replace(URL_USERINFO, (_m, scheme: string, user: string, password: string | undefined) => (password === undefined ? `${scheme}${REDACTED}@` : `${scheme}${user}:${REDACTED}@`))
      .replace(SQL_PASSWORD, (_m, name: string, space: string, quote: string) => `${name}${space}${quote}${REDACTED}${quote}`)
      .replace(NAMED_VALUE, (_m, name: string, separator: string) => `${name}${separator}${REDACTED}`)
      .replace(SCHEME_VALUE, (_m, scheme: string) => `${scheme} ${REDACTED}`)
      .replace(QUERY_CREDENTIAL, `$1${REDACTED}`)
      .replace(REDIS_AUTH, `$1 ${REDACTED}`);
  };
}

/** `text` with every form of every secret, and every named credential value, replaced by [redacted]. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return textRedactor(secrets)(text);
}

/** One line of at most `maxChars` characters: control characters and runs of whitespace become one space. */
export function oneLine(text: string, maxChars: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim();
  return flat.length <= maxChars ? flat : `${flat.slice(0, Math.max(0, maxChars - 1))}…`;
}

/** A configured URL fit to quote in a problem: its user and password (even in a malformed URL), query and fragment left out. */
export function quotableUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${REDACTED}@`).replace(/[?#].*$/s, '');
}
