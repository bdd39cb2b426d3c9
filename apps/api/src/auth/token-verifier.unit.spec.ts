import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { AppConfig } from '#config';
import { JoseTokenVerifier, TokenRefusedError } from './token-verifier.js';

async function setUp() {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const auth = {
    issuer: 'test-issuer',
    audience: 'demarche',
    algorithms: ['EdDSA'],
    publicKey: JSON.stringify(await exportJWK(publicKey)),
    clockToleranceSec: 0,
  } as unknown as AppConfig['auth'];
  const sign = (expiresAt: number) =>
    new SignJWT({ role: 'leadership', clearance: 'secret' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('lead')
      .setIssuer('test-issuer')
      .setAudience('demarche')
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(privateKey);
  return { verifier: new JoseTokenVerifier(auth), sign };
}

describe('JoseTokenVerifier, taking a verified token on trust for a while', () => {
  it('answers a token it verified again with the same caller', async () => {
    const { verifier, sign } = await setUp();
    const token = await sign(Math.floor(Date.now() / 1000) + 600);
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toEqual(first);
    expect(first).toMatchObject({ subject: 'lead', role: 'leadership', clearance: 'secret' });
  });

  it('never trusts a remembered token past its expiry', async () => {
    const { verifier, sign } = await setUp();
    const token = await sign(Math.floor(Date.now() / 1000) + 2);
    await verifier.verify(token);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(verifier.verify(token)).rejects.toThrow(TokenRefusedError);
    await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('does not remember a token that failed, nor let a tampered copy ride on a verified one', async () => {
    const { verifier, sign } = await setUp();
    const token = await sign(Math.floor(Date.now() / 1000) + 600);
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    // Change a character in the middle of the signature: the last characters of base64url carry padding bits,
    // so rewriting them can leave the decoded signature unchanged (this test once failed that way in CI).
    const sig = signature ?? '';
    const middle = Math.floor(sig.length / 2);
    const swapped = sig[middle] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload}.${sig.slice(0, middle)}${swapped}${sig.slice(middle + 1)}`;
    await expect(verifier.verify(tampered)).rejects.toMatchObject({ reason: 'bad_signature' });
    await expect(verifier.verify(tampered)).rejects.toMatchObject({ reason: 'bad_signature' });
  });
});
