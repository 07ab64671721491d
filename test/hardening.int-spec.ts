import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { useApps } from './support/apps';
import { authAs } from './support/http';

/** What every response carries, and what is refused before any handler runs. */
describe('hardening', () => {
  let api: INestApplication;
  const http = () => request(api.getHttpServer());

  const apps = useApps({ worker: false });
  beforeAll(() => {
    api = apps.api;
  });

  it('sends security headers and a CSP without inline scripts; the web UI shell works under it', async () => {
    const res = await http().get('/').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).not.toMatch(/<script>/);
    expect(res.text).toContain('<script type="module" src="/app/main.js"></script>');
    await http().get('/app/main.js').expect(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('grants no cross-origin access unless configured', async () => {
    const res = await http().get('/api/categories').set('Origin', 'https://elsewhere.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses an oversized body with 413 before reading it, and never shows a stack', async () => {
    const huge = { title: 'x', situation: 'đ'.repeat(200_000), proposal: 'y' };
    const res = await http()
      .post('/api/recommendations')
      .set(await authAs(api, 'cadre.hoaloi'))
      .send(huge);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'the request body is larger than 256kb',
      code: 'request.body-too-large',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    const malformed = await http()
      .post('/api/recommendations')
      .set(await authAs(api, 'cadre.hoaloi'))
      .set('content-type', 'application/json')
      .send('{"title": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toBe('the request body is not valid JSON');
    expect(malformed.body.code).toBe('request.body-not-json');
    expect(JSON.stringify(malformed.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });
});
