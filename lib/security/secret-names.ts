/**
 * Which names (JSON keys, environment variables, Spark properties, name/value pairs) hold a secret. Names
 * are split into lower-case words (`fs.s3a.secret.key` → fs s3a secret key, `keyStorePassword` → key store
 * password). Deliberately narrower than "contains key or token": ML pipelines are full of `max_tokens`,
 * `pad_token`, `primary_key` and `PWD` (the working directory), and hiding those would hide the run.
 */

/** A word anywhere in the name, or a run of letters containing one (`DBPASSWORD`, `clientsecret`). */
const SECRET_WORD = /password|passwd|passphrase|secret|credential|apikey|privatekey|authorization|cookie/;
/** `<word> key` anywhere (Spark's `access.key`, Azure's `account.key.<account>`, `AWS_ACCESS_KEY_ID`). */
const KEY_OWNERS = new Set(['access', 'account', 'api', 'private', 'secret', 'signing', 'encryption', 'master', 'ssh', 'client', 'storage', 'subscription', 'sas', 'shared']);
/** Tokens of a tokenizer, not credentials: `pad_token`, `eos_token`, … */
const VOCABULARY_TOKENS = new Set(['pad', 'eos', 'bos', 'unk', 'cls', 'sep', 'mask', 'sos', 'start', 'end', 'special', 'begin', 'image', 'audio', 'video', 'vision', 'decoder', 'encoder', 'max', 'num', 'total', 'new', 'input', 'output', 'prompt', 'completion']);
/** One-word credentials that end in "token" (`authtoken`, `accessToken` written flat). */
const TOKEN_WORD = /^(?:auth|access|api|bearer|refresh|session|id|oauth|bot|sas|github|gh|hf|slack|npm|pypi)token$/;

function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

function decide(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 0) return false;
  if (words.some((w) => SECRET_WORD.test(w) || TOKEN_WORD.test(w))) return true;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const before = i > 0 ? words[i - 1]! : null;
    if (word === 'key' && before !== null && KEY_OWNERS.has(before)) return true;
    // A credential token ends the name (GITHUB_TOKEN, access_token, token); `pad_token`, `token_count` do not count.
    if (word === 'token' && i === words.length - 1 && (before === null || !VOCABULARY_TOKENS.has(before))) return true;
  }
  // Environment-variable style `*_KEY` (STRIPE_KEY, OPENAI_KEY): upper-case names only, so `primary_key` stays.
  return /^[A-Z][A-Z0-9_]*_KEY$/.test(name);
}

// Facets repeat the same few thousand names; the answer is kept per name, the map bounded.
const decided = new Map<string, boolean>();
const DECIDED_LIMIT = 10_000;

/** True when a value under this name is a secret (shown as [redacted], its name kept). */
export function isSecretName(name: string): boolean {
  const known = decided.get(name);
  if (known !== undefined) return known;
  const secret = decide(name.slice(0, 1_000));
  if (decided.size >= DECIDED_LIMIT) decided.clear();
  if (name.length <= 200) decided.set(name, secret);
  return secret;
}
