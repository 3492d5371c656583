/** The Chinese message for a failed sign-in (login page and re-login banner share it). */
import { Reason } from '@bangqi/shared';
import { ApiError } from '../../state/api.ts';
import { reasonText, t } from '../../ui/strings.ts';

export function loginErrorText(err: unknown, hasCachedIdentity: boolean): string {
  if (!(err instanceof ApiError)) return t.loginFailed;
  if (err.offline) return hasCachedIdentity ? t.loginNeedsNetwork : t.loginFirstNeedsNetwork;
  if (err.reason === Reason.ServerError) return t.loginFailed;
  if (err.reason === Reason.RateLimited) return t.rateLimited(Math.max(1, Math.ceil((err.retryAfterSec ?? 60) / 60)));
  return reasonText(err.reason);
}
