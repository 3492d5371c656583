/**
 * Reason codes shared by the relay and the app. The wire carries only the code; the app maps codes to
 * Chinese messages in one place (web/src/ui/strings.ts), so wording changes never touch the protocol.
 */
export const Reason = {
  BadFrame: 'bad-frame',
  TooBig: 'too-big',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  UnsupportedVersion: 'unsupported-version',
  InvalidUpdate: 'invalid-update',
  ServerError: 'server-error',
  ShuttingDown: 'shutting-down',
} as const;
export type ReasonCode = (typeof Reason)[keyof typeof Reason];
