/**
 * Cognito hosted sign-in with the authorization-code flow and PKCE (no client secret in a page).
 * The ID token is kept in sessionStorage only: closing the tab signs out.
 */
import type { SiteConfig } from './site-config.ts';

type CognitoAuth = Extract<SiteConfig['auth'], { mode: 'cognito' }>;

const tokenKey = 'vip-dashboard-id-token';
const verifierKey = 'vip-dashboard-pkce-verifier';

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/** The ID token to send, signing in first when there is none (this may leave the page). */
export async function idToken(auth: CognitoAuth): Promise<string | undefined> {
  const stored = sessionStorage.getItem(tokenKey);
  if (stored && !expired(stored)) return stored;
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(verifierKey);
  if (code && verifier) {
    const response = await fetch(`${auth.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: auth.clientId, code, redirect_uri: auth.redirectUri, code_verifier: verifier }),
    });
    sessionStorage.removeItem(verifierKey);
    history.replaceState(null, '', auth.redirectUri + location.hash);
    if (response.ok) {
      const token = ((await response.json()) as { id_token: string }).id_token;
      sessionStorage.setItem(tokenKey, token);
      return token;
    }
  }
  const newVerifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(verifierKey, newVerifier);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(newVerifier)));
  const query = new URLSearchParams({ response_type: 'code', client_id: auth.clientId, redirect_uri: auth.redirectUri, scope: 'openid email', code_challenge_method: 'S256', code_challenge: challenge });
  location.assign(`${auth.domain}/oauth2/authorize?${query}`);
  return undefined;
}

export function signOut(auth: CognitoAuth): void {
  sessionStorage.removeItem(tokenKey);
  location.assign(`${auth.domain}/logout?${new URLSearchParams({ client_id: auth.clientId, logout_uri: auth.redirectUri })}`);
}

function expired(token: string): boolean {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replaceAll('-', '+').replaceAll('_', '/'))) as { exp?: number };
    return (payload.exp ?? 0) * 1000 < Date.now() + 60_000;
  } catch {
    return true;
  }
}
