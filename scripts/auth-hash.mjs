#!/usr/bin/env node
// `npm run auth:hash`: prints a RUNLENS_AUTH_PASSWORD_HASH for a password read from stdin (piped) or a hidden prompt.
// Format `scrypt:<N>:<r>:<p>:<salt>:<hash>` (base64url), verified by lib/auth/password-hash.ts.
import { randomBytes, scryptSync } from 'node:crypto';
import readline from 'node:readline';

const N = 16384, r = 8, p = 1;

async function readPiped() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function prompt() {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Echo nothing while the password is typed.
    rl._writeToOutput = () => {};
    process.stderr.write('Password (not shown): ');
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

const password = process.stdin.isTTY ? await prompt() : await readPiped();
if (password === '') {
  console.error('auth:hash: the password is empty; nothing printed.');
  process.exit(1);
}
const salt = randomBytes(16);
const hash = scryptSync(password.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r * p });
console.log(`scrypt:${N}:${r}:${p}:${salt.toString('base64url')}:${hash.toString('base64url')}`);
