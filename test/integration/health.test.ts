import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/test-app.ts';

describeEachDatabase('the server', (ctx) => {
  it('answers health checks and publishes its OpenAPI description', async () => {
    const health = await fetch(`${ctx().baseUrl}/health`);
    expect(health.status).toBe(200);
    const doc = await (await fetch(`${ctx().baseUrl}/api/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
  });

  it('refuses API calls without a valid token, as a problem document', async () => {
    const res = await fetch(`${ctx().baseUrl}/api/v1/people`, { headers: { authorization: 'Bearer oc_nope' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).type).toBe('/problems/unauthorized');
  });

  it('sends a content security policy that allows nothing from other origins', async () => {
    const res = await fetch(`${ctx().baseUrl}/`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
