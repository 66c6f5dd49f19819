// @ts-nocheck
// AWS errors the SDK has no class for (or that reach us from other services), shaped as the SDK
// deserializes them: name, message, fault and response metadata.
export function awsError(
  name: string,
  message = `${name} happened`,
  extra: { httpStatusCode?: number; fault?: 'client' | 'server'; code?: string } = {},
): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: extra.fault ?? 'client',
    $metadata: { httpStatusCode: extra.httpStatusCode ?? 400, requestId: 'req-1234' },
    ...(extra.code ? { code: extra.code } : {}),
  });
}
