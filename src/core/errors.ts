// SPEC §1 exit codes: a usage error exits 2, a data error that stops the command exits 3.
// Errors carry a stable message key and the values to show; the CLI words them in zh or en.

export type MessageParams = Record<string, string | number>;

export class SkillsubError extends Error {
  constructor(
    readonly key: string,
    readonly params: MessageParams,
    readonly exitCode: 2 | 3,
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}

export class UsageError extends SkillsubError {
  constructor(key: string, params: MessageParams = {}) {
    super(key, params, 2);
    this.name = 'UsageError';
  }
}

export class DataError extends SkillsubError {
  constructor(key: string, params: MessageParams = {}) {
    super(key, params, 3);
    this.name = 'DataError';
  }
}
