/** An error the HTTP API answers with `{ reason, message }` (and `retryAfterSec` when rate limited). */
import type { ReasonCode } from '@bangqi/shared';

export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly reason: ReasonCode,
    message: string,
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
}
