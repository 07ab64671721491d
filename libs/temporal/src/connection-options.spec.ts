import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporalConnectionOptions } from './connection-options';

describe('temporalConnectionOptions', () => {
  const address = 'temporal.example:7233';
  let dir: string;
  let cert: string;
  let key: string;
  let ca: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-temporal-tls-'));
    // Real PEM files, as a deployment mounts them: a CA, and a client certificate with its key.
    const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '1',
      '-subj',
      '/CN=test-ca',
    ]);
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'client.key',
      '-out',
      'client.pem',
      '-days',
      '1',
      '-subj',
      '/CN=test',
    ]);
    [cert, key, ca] = ['client.pem', 'client.key', 'ca.pem'].map((f) => path.join(dir, f));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is plaintext with the address only when nothing asks for TLS, as the dev server wants', () => {
    expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: '127.0.0.1:7233' })).toEqual({
      address: '127.0.0.1:7233',
    });
    expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS: false })).toEqual({
      address,
    });
  });

  it('turns TLS on with the system CAs for TEMPORAL_TLS=true alone', () => {
    expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS: true })).toEqual({
      address,
      tls: {},
    });
  });

  it('reads the client certificate pair, the CA and the server name for mTLS', () => {
    const options = temporalConnectionOptions({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TLS_CLIENT_CERT_PATH: cert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: key,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: ca,
      TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal.internal',
    });
    expect(options.address).toBe(address);
    expect(options.apiKey).toBeUndefined();
    expect(options.tls!.serverNameOverride).toBe('frontend.temporal.internal');
    expect(Buffer.isBuffer(options.tls!.serverRootCACertificate)).toBe(true);
    expect(options.tls!.serverRootCACertificate).toEqual(fs.readFileSync(ca));
    expect(options.tls!.clientCertPair!.crt).toEqual(fs.readFileSync(cert));
    expect(options.tls!.clientCertPair!.key).toEqual(fs.readFileSync(key));
    expect(options.tls!.clientCertPair!.crt.toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(options.tls!.clientCertPair!.key.toString()).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it("builds a client connection's credentials from them, without dialling", async () => {
    const options = temporalConnectionOptions({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TLS_CLIENT_CERT_PATH: cert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: key,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: ca,
      TEMPORAL_API_KEY: 'key-1',
    });
    const connection = Connection.lazy(options);
    await connection.close();
  });

  it('trusts a CA alone, without a client certificate', () => {
    const options = temporalConnectionOptions({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: ca,
    });
    expect(options.tls).toEqual({ serverRootCACertificate: fs.readFileSync(ca) });
  });

  it('sends an API key over TLS only', () => {
    expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: address, TEMPORAL_API_KEY: 'key-1' })).toEqual({
      address,
      apiKey: 'key-1',
      tls: {},
    });
    expect(() =>
      temporalConnectionOptions({
        TEMPORAL_ADDRESS: address,
        TEMPORAL_TLS: false,
        TEMPORAL_API_KEY: 'key-1',
      }),
    ).toThrow(/TEMPORAL_TLS is false, but .*TEMPORAL_API_KEY/);
  });

  it('names the variable of a file it cannot use', () => {
    const missing = path.join(dir, 'missing.pem');
    expect(() =>
      temporalConnectionOptions({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: missing }),
    ).toThrow(`TEMPORAL_TLS_SERVER_CA_CERT_PATH: cannot read ${missing} (ENOENT)`);
    const der = path.join(dir, 'client.der');
    execFileSync('openssl', ['x509', '-in', cert, '-outform', 'DER', '-out', der]);
    expect(() =>
      temporalConnectionOptions({
        TEMPORAL_ADDRESS: address,
        TEMPORAL_TLS_CLIENT_CERT_PATH: der,
        TEMPORAL_TLS_CLIENT_KEY_PATH: key,
      }),
    ).toThrow(`TEMPORAL_TLS_CLIENT_CERT_PATH: ${der} is not PEM`);
    expect(() =>
      temporalConnectionOptions({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS_CLIENT_CERT_PATH: cert }),
    ).toThrow(/TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH go together/);
  });
});
