/** Named errors so the single app.error handler can sort what went wrong without string matching. */

/** A user did something the bot refuses (foreign interview, unknown id): answer politely, no alarm. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
  }
}

export class NotFoundError extends UserFacingError {
  constructor(readonly interviewId: number) {
    super('error.notFound', { id: interviewId });
  }
}

export class ForbiddenError extends UserFacingError {
  constructor(readonly interviewId: number) {
    super('error.forbidden', { id: interviewId });
  }
}

/** A change to an interview whose personal data was erased: it is read-only from then on. */
export class InterviewErasedError extends UserFacingError {
  constructor(readonly interviewId: number) {
    super('error.erased', { id: interviewId });
  }
}

/** The database on disk was written by a newer version of the bot than this one. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `The database is at schema version ${databaseVersion}, newer than this version of Interview Prep ` +
        `understands (${codeVersion}). Upgrade the bot, or restore a backup made by this version.`,
    );
  }
}

/** Private metadata or an action value that does not parse: tampered or from an older release. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

/** TOKEN_ENCRYPTION_KEY does not open the bot tokens in the database: starting would serve nobody. */
export class TokenKeyMismatchError extends Error {
  override readonly name = 'TokenKeyMismatchError';
  constructor(readonly workspaces: number) {
    super(
      `TOKEN_ENCRYPTION_KEY does not decrypt the bot tokens stored for ${workspaces} workspace(s). ` +
        'Set the key they were stored with (a changed key cannot read them), or have those workspaces install the app again.',
    );
  }
}
