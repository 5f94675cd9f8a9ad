/** Headers every response carries (app.ts sets them in onSend; the gateway's raw fast path writes them itself). */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
} as const;
