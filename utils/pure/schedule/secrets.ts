/**
 * The one rule for what counts as a secret in a storage's parameters. Copying a
 * schedule to another portal and exporting it to a file both leave such
 * parameters out, so a key never travels with a schedule.
 *
 * A parameter is secret when its key, lower-cased with everything but letters
 * and digits removed, contains one of these words. The list errs on the safe
 * side: an S3 "ssekey" (KMS key id) is dropped too, and the user re-enters it.
 * ("private" alone is not a secret word: Rackspace's "private_container" is a
 * container name; "private_key_id" is caught by "key".)
 */
const SECRET_WORDS = ['key', 'secret', 'token', 'password', 'passwd', 'pwd', 'credential', 'auth', 'cert', 'signature'] as const;

/** Keys whose whole value is a credential file (Google Cloud's service-account JSON). */
const SECRET_KEYS = new Set(['json']);

/** Values that are private keys or credential files, whatever their key is called. */
const SECRET_VALUE = /-----BEGIN [A-Z ]*PRIVATE KEY-----|"private_key"\s*:/;

export function isSecretParam(key: string, value?: string | null): boolean {
  const word = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (SECRET_KEYS.has(word)) return true;
  if (SECRET_WORDS.some((secret) => word.includes(secret))) return true;
  return typeof value === 'string' && SECRET_VALUE.test(value);
}

/** The parameters without secrets, and the names of those left out. */
export function withoutSecrets<V extends string | null | undefined>(params: Record<string, V>): { kept: Record<string, V>; dropped: string[] } {
  const kept: Record<string, V> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (isSecretParam(key, value)) dropped.push(key);
    else kept[key] = value;
  }
  return { kept, dropped };
}
