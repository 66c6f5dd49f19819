// @ts-nocheck
// Web identity tokens as EKS issues them to a pod's ServiceAccount (IRSA): JWTs whose issuer is the
// cluster's OIDC issuer. The sandbox does not sign them; STS checks the claims, as real STS does once
// the signature is good.

export interface WebIdentityClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  iat: number;
  exp: number;
  [claim: string]: unknown;
}

export interface NewWebIdentityToken {
  /** https://oidc.eks.<region>.amazonaws.com/id/<ID> */
  issuer: string;
  /** e.g. system:serviceaccount:qualytics:qualytics-spark */
  subject: string;
  /** The audience the pod's projected token was requested for; IRSA uses sts.amazonaws.com. */
  audience?: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  /** Lifetime in seconds (EKS projects tokens valid for 24 hours). */
  lifetimeSeconds?: number;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function makeWebIdentityToken(token: NewWebIdentityToken): string {
  const header = { alg: 'RS256', kid: 'sandbox', typ: 'JWT' };
  const serviceAccount = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(token.subject);
  const claims: WebIdentityClaims = {
    aud: [token.audience ?? 'sts.amazonaws.com'],
    exp: token.issuedAt + (token.lifetimeSeconds ?? 86400),
    iat: token.issuedAt,
    iss: token.issuer,
    sub: token.subject,
    ...(serviceAccount
      ? { 'kubernetes.io': { namespace: serviceAccount[1], serviceaccount: { name: serviceAccount[2] } } }
      : {}),
  };
  return `${encode(header)}.${encode(claims)}.${Buffer.from('sandbox-signature').toString('base64url')}`;
}

/** The claims of a token shaped as a JWT with iss, sub, aud and exp; undefined for anything else. */
export function readWebIdentityToken(token: string): WebIdentityClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Partial<WebIdentityClaims>;
    const audOk = typeof claims.aud === 'string' || (Array.isArray(claims.aud) && claims.aud.every((a) => typeof a === 'string'));
    if (typeof claims.iss !== 'string' || typeof claims.sub !== 'string' || !audOk || typeof claims.exp !== 'number') return undefined;
    return claims as WebIdentityClaims;
  } catch {
    return undefined;
  }
}
