// SPEC §1, §11: a `postgres://` or `postgresql://` URL selects PostgreSQL; its password is never
// printed, logged or written to the audit log.

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** The URL with the password of its user part replaced by `***` (and any `password=` parameter). */
export function maskDatabaseUrl(url: string): string {
  return url
    .replace(/^(postgres(?:ql)?:\/\/[^:/@?#]*):[^@/?#]*@/i, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** Every PostgreSQL URL inside a text (a command line, a message) masked. */
export function maskUrlsIn(text: string): string {
  return text.replace(/postgres(?:ql)?:\/\/\S*/gi, (url) => maskDatabaseUrl(url));
}
